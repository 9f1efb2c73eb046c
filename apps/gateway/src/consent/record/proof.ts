/**
 * Proof kept with a consent event (P7: the ledger must show how and when consent was given), minimised: the IP address
 * is truncated to its network (IPv4 /24, IPv6 /48) and then keyed-hashed, so the ledger can tell two decisions from the
 * same network apart from others without holding an address that identifies a device.
 */
import { createHmac, hkdfSync } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { CustosError } from "../../ground/errors.ts";

const MAX_PROOF_FIELD_LENGTH = 2048;

/** The IP address with its host part zeroed: IPv4 keeps three octets, IPv6 the first three groups. */
export function truncateIp(ip: string): string {
  if (isIPv4(ip)) return `${ip.split(".").slice(0, 3).join(".")}.0`;
  if (isIPv6(ip)) {
    const [head = "", tail = ""] = ip.split("::");
    const headGroups = head === "" ? [] : head.split(":");
    const tailGroups = tail === "" ? [] : tail.split(":");
    const groups = ip.includes("::")
      ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups]
      : headGroups;
    return `${groups
      .slice(0, 3)
      .map((group) => Number.parseInt(group, 16).toString(16))
      .join(":")}::`;
  }
  throw new CustosError("INVALID_PROOF", "proof.ipAddress is not an IPv4 or IPv6 address.");
}

/** A key for IP hashes, derived from the gateway's secret so no second secret must be configured. */
export function ipHashKey(keyPepper: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyPepper, "", "custos consent proof ip v1", 32));
}

export function hashIp(ip: string, key: Buffer): string {
  return createHmac("sha256", key).update(truncateIp(ip)).digest("hex").slice(0, 32);
}

export interface ProofInput {
  userAgent?: string | null;
  ipAddress?: string | null;
  pageUrl?: string | null;
}

export interface StoredProof {
  userAgent: string | null;
  ipHash: string | null;
  pageUrl: string | null;
}

function bounded(value: string | null | undefined, field: string): string | null {
  if (value == null || value === "") return null;
  if (value.length > MAX_PROOF_FIELD_LENGTH) {
    throw new CustosError("INVALID_PROOF", `proof.${field} is longer than ${MAX_PROOF_FIELD_LENGTH} characters.`);
  }
  return value;
}

export function storedProof(input: ProofInput | null | undefined, keyPepper: string): StoredProof {
  const ipAddress = bounded(input?.ipAddress, "ipAddress");
  return {
    userAgent: bounded(input?.userAgent, "userAgent"),
    ipHash: ipAddress === null ? null : hashIp(ipAddress, ipHashKey(keyPepper)),
    pageUrl: bounded(input?.pageUrl, "pageUrl"),
  };
}
