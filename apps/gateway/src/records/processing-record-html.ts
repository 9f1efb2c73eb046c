import type { ContactDetails, ProcessingRecord } from "./processing-record.ts";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Tagged template that escapes every interpolated string; arrays of already-built fragments are joined as they are. */
class Html {
  constructor(readonly markup: string) {}
}

function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[])[]): Html {
  const render = (value: string | number | Html | Html[]): string => {
    if (value instanceof Html) return value.markup;
    if (Array.isArray(value)) return value.map(render).join("");
    return escapeHtml(String(value));
  };
  return new Html(strings.reduce((markup, part, index) => markup + render(values[index - 1] ?? "") + part));
}

const PRINT_CSS = `
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 1.8rem; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.meta { color: #555; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  th { background: none; }
}`;

function contact(role: string, details: ContactDetails | null | undefined): Html {
  if (!details) return html``;
  return html`<tr><th scope="row">${role}</th><td>${details.name}</td><td>${details.email}</td><td>${details.address}</td></tr>`;
}

function list(items: readonly string[]): Html {
  if (items.length === 0) return html`<p>None.</p>`;
  return html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

/** A standalone page to print or save: no scripts, no external assets, every value escaped. */
export function processingRecordToHtml(record: ProcessingRecord): string {
  const { controller } = record;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Record of processing activities: ${controller.name}</title>
<style>${new Html(PRINT_CSS)}</style>
</head>
<body>
<h1>Record of processing activities</h1>
<p class="meta">GDPR Article 30(1). Controller: ${controller.name}. Generated ${record.generatedAt}.</p>

<h2>(a) Controller and contact details</h2>
<table><thead><tr><th>Role</th><th>Name</th><th>E-mail</th><th>Address</th></tr></thead><tbody>
${contact("Controller", controller)}${contact("Representative in the EU", controller.representative)}${contact("Data protection officer", controller.dataProtectionOfficer)}
</tbody></table>

<h2>(b) Purposes of the processing</h2>
<table><thead><tr><th>Purpose</th><th>Legal basis</th><th>Data categories</th></tr></thead><tbody>
${record.purposes.map((purpose) => html`<tr><td>${purpose.name}</td><td>${purpose.legalBasis}</td><td>${purpose.dataCategories.join(", ")}</td></tr>`)}
</tbody></table>

<h2>(c) Categories of data subjects and of personal data</h2>
<h3>Data subjects</h3>
${list(record.categories.dataSubjects)}
<h3>Personal data</h3>
${list(record.categories.personalData)}

<h2>(d) Recipients</h2>
<table><thead><tr><th>Recipient</th><th>Country</th><th>Purposes</th></tr></thead><tbody>
${record.recipients.map((recipient) => html`<tr><td>${recipient.name}</td><td>${recipient.countryName} (${recipient.country})</td><td>${recipient.purposes.join(", ")}</td></tr>`)}
</tbody></table>

<h2>(e) Transfers to third countries and their safeguards</h2>
<table><thead><tr><th>Country</th><th>Recipient</th><th>Mechanisms</th><th>Safeguards</th><th>Data categories</th></tr></thead><tbody>
${record.transfers.map(
  (transfer) =>
    html`<tr><td>${transfer.countryName} (${transfer.country})</td><td>${transfer.recipient}</td><td>${transfer.mechanisms.join(", ")}</td><td>${transfer.safeguards ?? ""}</td><td>${transfer.dataCategories.join(", ")}</td></tr>`,
)}
</tbody></table>

<h2>(f) Envisaged time limits for erasure</h2>
<table><thead><tr><th>Data category</th><th>Time limit</th></tr></thead><tbody>
${record.erasureTimeLimits.map((limit) => html`<tr><td>${limit.dataCategory}</td><td>${limit.description}</td></tr>`)}
</tbody></table>

<h2>(g) Technical and organisational security measures</h2>
<p>${record.securityMeasures}</p>
</body>
</html>
`;
  return page.markup;
}
