import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };

countries.registerLocale(english);

const ALPHA_2 = /^[A-Z]{2}$/;

/** An assigned ISO 3166-1 alpha-2 code, upper case. */
export function isCountryCode(code: string): boolean {
  return ALPHA_2.test(code) && countries.isValid(code);
}

export function countryName(code: string): string {
  return countries.getName(code, "en") ?? code;
}
