import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import en from "./messages/en.json" with { type: "json" };
import ru from "./messages/ru.json" with { type: "json" };

/**
 * The notice catalogues, ICU MessageFormat through FormatJS (`@formatjs/intl`): plurals by each language's CLDR rules
 * and dates written by `Intl` in the person's time zone. FormatJS was chosen over i18next (its own `{{}}` syntax,
 * ICU only through a plugin) and messageformat 4 (MessageFormat 2 syntax, still a draft): the catalogues stay plain
 * ICU, the format translators' tools read. A message missing from a catalogue, or one that does not parse, throws.
 */
export const NOTICE_CATALOGUES = { ru, en } as const satisfies Record<string, Record<string, string>>;

/** The locale a language's dates are written in: English as in Britain («24 April 2026»), Russian as in Russia. */
const LOCALES = { ru: "ru-RU", en: "en-GB" } as const;

type Values = Record<string, string | number | Date | undefined>;

export interface Speaker {
  (id: string, values?: Values): string;
  /** Whether the catalogue has this message: per-jurisdiction and per-law sentences fall back when it does not. */
  has(id: string): boolean;
}

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();

export function noticeSpeaker(language: keyof typeof NOTICE_CATALOGUES, timeZone: string): Speaker {
  const messages: Record<string, string> = NOTICE_CATALOGUES[language];
  const key = `${language} ${timeZone}`;
  let intl = intls.get(key);
  if (!intl) {
    intl = createIntl(
      {
        locale: LOCALES[language],
        timeZone,
        messages,
        onError: (error) => {
          throw error;
        },
      },
      cache,
    );
    intls.set(key, intl);
  }
  const shaped = intl;
  const say = (id: string, values?: Values) => {
    if (!Object.hasOwn(messages, id)) throw new Error(`notice catalogue ${language} has no message ${id}`);
    // A Russian long date ends in «г.»: a sentence ending with one takes no second full stop.
    return shaped.formatMessage({ id }, values).replace(/ г\.\./g, " г.");
  };
  return Object.assign(say, { has: (id: string) => Object.hasOwn(messages, id) });
}
