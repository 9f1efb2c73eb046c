// The privacy page: the policy in effect with the controller's contact, where personal data goes, and the request
// form with e-mail verification and a status view that follows a request by its tracking token.
import { CustosError, type RequestType } from "@custos/sdk/storefront";
import { setUpShop } from "./setup.ts";

const { client, language } = await setUpShop();
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector) as T;
const line = (text: string) => Object.assign(document.createElement("li"), { textContent: text });

const [policies, controller, destinations] = await Promise.all([
  client.policy.current(language),
  client.policy.controller(),
  client.transfers.whereDoesMyDataGo(),
]);
$("[data-policy]").replaceChildren(
  ...policies.map((policy) => line(`${policy.kind} ${policy.version} (${policy.language}), ${policy.effectiveAt.slice(0, 10)}`)),
);
$("[data-controller]").textContent = [controller.name, controller.email, controller.address].filter(Boolean).join(" · ");
$("[data-destinations]").replaceChildren(
  ...(destinations.length === 0
    ? [line(language === "ru" ? "Данные не передаются за границу." : "No personal data is sent abroad.")]
    : destinations.map((place) => line(`${place.countryName}: ${place.recipients.join(", ")} (${place.purposes.join("; ")})`))),
);

const output = $("[data-request-status]");
const showProgress = (progress: { status: string; dueAt: string }) => {
  output.textContent = `${progress.status}, due ${progress.dueAt.slice(0, 10)}`;
  output.dataset.status = progress.status;
};
const explain = (error: unknown) => {
  output.textContent = error instanceof CustosError ? error.message : String(error);
};

const tracking = new URLSearchParams(location.search).get("token");
if (tracking) client.requests.status(tracking).then(showProgress, explain);

const requestForm = $<HTMLFormElement>("[data-request-form]");
requestForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = new FormData(requestForm);
  try {
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
  } catch (error) {
    explain(error);
  }
});

const verifyForm = $<HTMLFormElement>("[data-verify]");
verifyForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const token = sessionStorage.getItem("tracking") ?? "";
  try {
    showProgress(await client.requests.verify(token, String(new FormData(verifyForm).get("code"))));
    verifyForm.hidden = true;
  } catch (error) {
    explain(error);
  }
});
