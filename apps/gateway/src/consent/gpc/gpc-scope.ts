import type { GpcScope } from "../ledger/gpc.ts";

/**
 * What a Global Privacy Control signal opts out of: sale, sharing and targeted advertising. In this catalogue that is
 * the `marketing` purpose (newsletters, offers and advertising) and the `advertising` cookie category.
 */
export const GPC_SCOPE: GpcScope = { purposeKeys: ["marketing"], cookieCategoryKeys: ["advertising"] };
