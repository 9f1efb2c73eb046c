import type { ProviderPerson } from "@custos/testing/openid-provider";

/** The demo's people: two privacy officers (Moscow and Shenzhen) and an auditor, in the tenant `tenant`. */
export function demoPeople(tenant: string): ProviderPerson[] {
  return [
    { login: "alice", name: "Alice Ivanova", email: "alice@privacy.example", roles: [`${tenant}:staff`] },
    { login: "li", name: "Li Na", email: "li.na@privacy.example", roles: [`${tenant}:staff`] },
    { login: "audrey", name: "Audrey Auditor", email: "audrey@audit.example", roles: [`${tenant}:auditor`] },
  ];
}

/** The audience the demo provider puts in access tokens and the gateway is told to accept. */
export const DEMO_AUDIENCE = "urn:custos:gateway";
export const DESK_CLIENT_ID = "privacy-desk";
