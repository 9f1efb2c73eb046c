export { type ConsentUi, type ConsentUiOptions, mountConsentUi } from "./banner.ts";
export { type Catalogue, loadCatalogue } from "./catalogue.ts";
export { removeWithdrawnCookies } from "./cookie-removal.ts";
export { mountPreferenceCentre, type PreferenceCentreOptions } from "./preference-centre.ts";
export { activateScripts } from "./script-blocking.ts";
export { type Language, TEXTS, type Texts } from "./texts.ts";
