/** A catalogue row's text in the languages it is written in: English always, Russian where the seed or staff gave it. */
interface LocalisedRow {
  name: string;
  description: string;
  nameRu: string | null;
  descriptionRu: string | null;
}

export const LANGUAGE_ARGUMENT_DESCRIPTION =
  "BCP 47 tag; `ru` (or `ru-RU`) gives the Russian text where written, any other or none English.";

/** The text in `language` when written in it (primary tag `ru`), English otherwise. */
export function localised(row: LocalisedRow, field: "name" | "description", language: string | null | undefined): string {
  const russian = field === "name" ? row.nameRu : row.descriptionRu;
  return language?.toLowerCase().split("-")[0] === "ru" && russian ? russian : row[field];
}
