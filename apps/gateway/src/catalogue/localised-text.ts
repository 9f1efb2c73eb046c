import { builder } from "../ground/builder.ts";

/** A catalogue row's text in the languages it is written in: English always, Russian and Chinese where the seed or staff gave it. */
interface LocalisedRow {
  name: string;
  description: string;
  nameRu: string | null;
  descriptionRu: string | null;
  nameZh: string | null;
  descriptionZh: string | null;
}

/** The text in `language` when written in it (primary tag `ru` or `zh`), English otherwise. */
export function localised(row: LocalisedRow, field: "name" | "description", language: string | null | undefined): string {
  const primary = language?.toLowerCase().split("-")[0];
  const written =
    primary === "ru"
      ? field === "name"
        ? row.nameRu
        : row.descriptionRu
      : primary === "zh"
        ? field === "name"
          ? row.nameZh
          : row.descriptionZh
        : null;
  return written || row[field];
}

const languageArgs = builder.args((t) => ({
  language: t.string({
    required: false,
    description:
      "BCP 47 tag; `ru` (or `ru-RU`) gives the Russian text, `zh` (or `zh-CN`) the Chinese, where written; any other or none English.",
  }),
}));

/** The options of a catalogue object's `name` and `description` fields: `t.string(LOCALISED_TEXT.name)`. */
export const LOCALISED_TEXT = {
  name: {
    description: "The name, in `language` where written in it.",
    args: languageArgs,
    resolve: (row: LocalisedRow, args: { language?: string | null }) => localised(row, "name", args.language),
  },
  description: {
    description: "What it covers, in `language` where written in it.",
    args: languageArgs,
    resolve: (row: LocalisedRow, args: { language?: string | null }) => localised(row, "description", args.language),
  },
};
