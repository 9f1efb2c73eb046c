import type { DataProtectionAuthority } from "../laws/authority.ts";
import { LAWS, lawFor } from "../laws/registry.ts";

export type { DataProtectionAuthority };

/** Every authority a law names, its catch-all last, as RULES.md lists them. */
export const DATA_PROTECTION_AUTHORITIES: readonly DataProtectionAuthority[] = LAWS.flatMap((law) =>
  law.fallbackAuthority ? [...law.authorities, law.fallbackAuthority] : law.authorities,
);

/** The authority for a jurisdiction (`US-CA` before `US`), else its law's catch-all (the EDPB list in the EEA), or null. */
export function authorityFor(jurisdiction: string): DataProtectionAuthority | null {
  const country = jurisdiction.slice(0, 2);
  return (
    DATA_PROTECTION_AUTHORITIES.find((authority) => authority.jurisdiction === jurisdiction) ??
    DATA_PROTECTION_AUTHORITIES.find((authority) => authority.jurisdiction === country) ??
    lawFor(jurisdiction).fallbackAuthority ??
    null
  );
}
