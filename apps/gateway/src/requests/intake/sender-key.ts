import { createHmac, hkdfSync } from "node:crypto";
import { isIP } from "node:net";
import { truncateIp } from "../../consent/record/proof.ts";
import type { Context } from "../../ground/context.ts";

type Sender = Pick<Context, "caller" | "keyPepper" | "clientAddress">;

/**
 * Who sent an unproven request, for counting a mailbox's budgets per sender: the caller's network (IPv4 /24, IPv6 /48,
 * as consent proofs keep it, so rotating addresses within one network does not buy a new budget), keyed-hashed with a
 * key of its own so it cannot be matched against consent proofs. Null for callers who prove who they are (a shopper
 * session, staff, a data system): their requests spend no address's budget.
 */
export function senderKeyOf({ caller, keyPepper, clientAddress }: Sender): string | null {
  if (caller.kind !== "anonymous" && caller.kind !== "storefront") return null;
  const key = hkdfSync("sha256", keyPepper, "", "custos request sender v1", 32);
  const network = isIP(clientAddress) ? truncateIp(clientAddress) : clientAddress;
  return createHmac("sha256", Buffer.from(key)).update(network).digest("hex").slice(0, 32);
}
