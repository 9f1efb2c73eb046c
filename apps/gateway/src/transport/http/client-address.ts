import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** `::ffff:203.0.113.7` and `203.0.113.7` are the same IPv4 client. */
const plain = (address: string) => (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/**
 * The client's address, for per-address limits: the peer's, unless the peer is one of the reverse proxies the gateway
 * trusts (CUSTOS_TRUSTED_PROXIES), in which case the nearest address in X-Forwarded-For that is not a trusted proxy.
 * The header is read only from those proxies: from anyone else it is a claim anybody can make.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = plain(req.socket.remoteAddress ?? "unknown");
  if (!trustedProxies.has(peer)) return peer;
  const hops = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((hop) => plain(hop.trim()))
    .filter((hop) => hop !== "");
  for (const hop of hops.reverse()) {
    if (!trustedProxies.has(hop)) return isIP(hop) ? hop : peer;
  }
  return peer;
}
