// The signed-in shopper's page: sign in (the demo backend signs the session), carry the visitor's choices over, and
// the preference centre, where the shopper grants and withdraws.
import { mountPreferenceCentre } from "@custos/consent-ui";
import { createConsentManager, createStorefrontClient } from "@custos/sdk/storefront";
import { setUpShop } from "./setup.ts";

const { config, language, manager: visitor } = await setUpShop();
const form = document.querySelector<HTMLFormElement>("[data-sign-in]");
const centre = document.querySelector<HTMLElement>("[data-preference-centre]");

async function showCentre(customerId: string, session: string) {
  const options = { url: config.gatewayUrl, token: session };
  const shopper = createStorefrontClient(options);
  if (!sessionStorage.getItem(`adopted:${customerId}`)) {
    await shopper.consent.adoptVisitor(visitor.subjectId);
    sessionStorage.setItem(`adopted:${customerId}`, "yes");
  }
  const manager = createConsentManager({ ...options, subjectId: customerId, storageKey: `custos-consent:${customerId}` });
  if (centre) await mountPreferenceCentre(centre, { manager, client: shopper, language });
  document.body.dataset.signedIn = customerId;
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const customerId = String(new FormData(form).get("customerId"));
  const response = await fetch("/api/session", { method: "POST", body: JSON.stringify({ customerId }) });
  if (!response.ok) return;
  const { token } = (await response.json()) as { token: string };
  sessionStorage.setItem("session", JSON.stringify({ customerId, token }));
  await showCentre(customerId, token);
});

const saved = sessionStorage.getItem("session");
if (saved) {
  const { customerId, token } = JSON.parse(saved) as { customerId: string; token: string };
  await showCentre(customerId, token);
}
