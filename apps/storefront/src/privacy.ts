// The privacy page: the policy in effect with the controller's contact, where personal data goes, the visitor's
// preference centre with a receipt for each recorded choice, and the request form with e-mail verification and a
// status view that follows a request by its tracking token.
import { mountPreferenceCentre } from "@custos/consent-ui";
import { CustosError, type RequestProgress, type RequestType } from "@custos/sdk/storefront";
import { setUpShop } from "./setup.ts";
import { SHOP_TEXTS, type ShopTexts } from "./texts.ts";

const { client, language, manager } = await setUpShop();
const texts = SHOP_TEXTS[language];
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector) as T;
const line = (text: string) => Object.assign(document.createElement("li"), { textContent: text });

const output = $("[data-request-status]");
/**
 * A deadline as the person reads it: the day in their own time zone (the browser's) and language. The gateway keeps
 * it as an instant; a Californian's deadline at the end of 21 January, Pacific time, is 22 January in UTC.
 */
const day = new Intl.DateTimeFormat(language === "zh" ? "zh-CN" : language, { day: "numeric", month: "long", year: "numeric" });
const showProgress = (progress: Pick<RequestProgress, "status" | "dueAt"> & { extendedDueAt?: string | null }) => {
  const status = texts[`status${progress.status}` as keyof ShopTexts] ?? progress.status;
  output.textContent = `${status}, ${texts.due} ${day.format(new Date(progress.extendedDueAt ?? progress.dueAt))}`;
  output.dataset.status = progress.status;
  output.dataset.dueAt = progress.extendedDueAt ?? progress.dueAt;
};
const explain = (error: unknown) => {
  output.textContent = error instanceof CustosError ? error.message : String(error);
};

/** Handles a form's submit in the page, then enables its button: before that, the browser would send it itself. */
function handle(form: HTMLFormElement, onSubmit: (fields: FormData) => Promise<void>) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void onSubmit(new FormData(form)).catch(explain);
  });
  for (const button of form.querySelectorAll("button")) button.disabled = false;
}

handle($<HTMLFormElement>("[data-request-form]"), async (fields) => {
  const submitted = await client.requests.submit({
    type: String(fields.get("type")) as RequestType,
    jurisdiction: String(fields.get("jurisdiction")),
    contactEmail: String(fields.get("email")),
    language,
  });
  sessionStorage.setItem("tracking", submitted.trackingToken);
  const link = $("[data-status-link]");
  link.setAttribute("href", `/privacy.html?token=${encodeURIComponent(submitted.trackingToken)}`);
  link.hidden = false;
  $("[data-verify]").hidden = submitted.request.status !== "AWAITING_VERIFICATION";
  showProgress(submitted.request);
});

const verifyForm = $<HTMLFormElement>("[data-verify]");
handle(verifyForm, async (fields) => {
  const token = sessionStorage.getItem("tracking") ?? "";
  showProgress(await client.requests.verify(token, String(fields.get("code"))));
  verifyForm.hidden = true;
});
document.body.dataset.formsReady = "true";
// The storefront's key reads and keeps this visitor's own choices: the visitor id in this browser is theirs.
void mountPreferenceCentre($("[data-preference-centre]"), { manager, client, language });

const tracking = new URLSearchParams(location.search).get("token");
if (tracking) client.requests.status(tracking).then(showProgress, explain);

const [policies, controller, destinations] = await Promise.all([
  client.policy.current(language),
  client.policy.controller(),
  client.transfers.whereDoesMyDataGo(),
]);
$("[data-policy]").replaceChildren(
  ...policies.map((policy) => line(`${policy.kind} ${policy.version} (${policy.language}), ${day.format(new Date(policy.effectiveAt))}`)),
);
$("[data-controller]").textContent = [controller.name, controller.email, controller.address].filter(Boolean).join(" · ");
$("[data-destinations]").replaceChildren(
  ...(destinations.length === 0
    ? [line(texts.noTransfers)]
    : destinations.map((place) => {
        const purposes = place.purposes.length > 0 ? ` (${place.purposes.join("; ")})` : "";
        return line(`${place.countryName}: ${place.recipients.join(", ")}${purposes}`);
      })),
);
