// A shop's page, as a frontend team writes it with the consent UI from the registry: type-checked with the bundler's
// resolution and the DOM's types, as Vite or webpack would read it.
import { activateScripts, type Catalogue, loadCatalogue, mountConsentUi, TEXTS } from "@custos/consent-ui";
import { createConsentManager, createStorefrontClient, installConsentMode } from "@custos/sdk/storefront";

export async function setUp(url: string, token: string, shipped?: Catalogue) {
  const manager = createConsentManager({ url, token, jurisdiction: "RU" });
  installConsentMode(manager, { regions: ["RU"], waitForUpdate: 500 });
  const client = createStorefrontClient({ url, token });
  const catalogue = shipped ?? (await loadCatalogue(client, "ru"));
  const ui = mountConsentUi({ manager, client, language: "zh", cookiePolicyUrl: "/cookies", catalogue });
  activateScripts(manager);
  return { ui, title: TEXTS.zh.bannerTitle };
}
