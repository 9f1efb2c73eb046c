import { TransferMechanism } from "@custos/db/enums";
import { LAWS, type LawId } from "../../laws/registry.ts";
import type { Citation, TransferRule } from "../../laws/transfer-rule.ts";

export type { Citation, TransferMechanism, TransferRule };

export const TRANSFER_MECHANISMS: readonly TransferMechanism[] = Object.values(TransferMechanism);

/** The laws that restrict transfers out of their area, by id. The company exports from Shenzhen, China. */
export const TRANSFER_RULES: Readonly<Partial<Record<LawId, TransferRule>>> = Object.fromEntries(
  LAWS.flatMap((law) => (law.transfer ? [[law.id, law.transfer]] : [])),
);

export const MECHANISM_LAW: Readonly<Record<TransferMechanism, LawId>> = Object.fromEntries(
  LAWS.flatMap((law) => (law.transfer?.mechanisms ?? []).map((mechanism) => [mechanism, law.id])),
) as Record<TransferMechanism, LawId>;

export const ISO_3166_CITATION: Citation = { article: "ISO 3166-1 alpha-2", url: "https://www.iso.org/iso-3166-country-codes.html" };
