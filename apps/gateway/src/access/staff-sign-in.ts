import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import type { SignedInPerson } from "../ground/caller.ts";
import { CustosError } from "../ground/errors.ts";

/** The company's OpenID provider, as configured (app/config: CUSTOS_OIDC_*). */
export interface OpenIdSettings {
  issuer: string;
  /** The `aud` the provider puts in tokens meant for this gateway. */
  audience: string;
  jwksUrl: string;
  /** The claim holding the person's roles, e.g. `custos_roles: ["default:staff"]`. */
  rolesClaim: string;
}

export interface StaffSession {
  kind: "staff" | "auditor";
  person: SignedInPerson;
}

/** Verifies a person's token and finds their role in one tenant; a token of another issuer is not this one's. */
export interface StaffSignIn {
  issuer: string;
  verify(token: string, tenantSlug: string): Promise<StaffSession>;
}

const ALGORITHMS = ["RS256", "PS256", "ES256", "EdDSA"];
/** A name or address longer than this is cut: it is shown in the audit log, not trusted for anything. */
const MAX_SHOWN = 200;

function shown(value: unknown): string | null {
  if (typeof value !== "string") return null;
  // Control characters and angle brackets would let a name forge the shape of the actor label.
  const clean = [...value]
    .filter((character) => character >= " " && character !== "\u007f" && character !== "<" && character !== ">")
    .join("")
    .trim();
  return clean === "" ? null : clean.slice(0, MAX_SHOWN);
}

/**
 * Roles are written `<tenant>:staff` or `<tenant>:auditor`, so one provider can serve the company's tenants and a role
 * in one never opens another. Staff may do everything an auditor may, so a person with both acts as staff.
 */
export function roleIn(payload: JWTPayload, rolesClaim: string, tenantSlug: string): StaffSession["kind"] | null {
  const claim = payload[rolesClaim];
  const roles = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(" ") : [];
  if (roles.includes(`${tenantSlug}:staff`)) return "staff";
  if (roles.includes(`${tenantSlug}:auditor`)) return "auditor";
  return null;
}

export function openIdStaffSignIn(settings: OpenIdSettings): StaffSignIn {
  // jose keeps the key set, refetching it when a token names a key it has not seen (the provider rotated its keys).
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return {
    issuer: settings.issuer,
    async verify(token, tenantSlug) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: ALGORITHMS,
          requiredClaims: ["sub", "exp", "iat"],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new CustosError("UNAUTHENTICATED", "The sign-in token has expired; sign in again.");
        if (error instanceof errors.JWKSTimeout || (error instanceof Error && error.name === "TypeError")) {
          throw new CustosError("UNAUTHENTICATED", "The sign-in provider's keys could not be fetched; try again.");
        }
        throw new CustosError("UNAUTHENTICATED", "The sign-in token is not valid.");
      }
      const kind = roleIn(payload, settings.rolesClaim, tenantSlug);
      if (!kind) throw new CustosError("FORBIDDEN", "The signed-in person has no privacy staff or auditor role in this tenant.");
      return { kind, person: { subject: payload.sub ?? "", email: shown(payload.email), name: shown(payload.name) } };
    },
  };
}
