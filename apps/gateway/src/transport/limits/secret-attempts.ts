import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAddress } from "../http/client-address.ts";
import { sendTooMany } from "../http/graphql-handler.ts";
import type { RateLimiter } from "./rate-limit.ts";

/**
 * Wrong secrets at a route that takes one (a download link's token, the metrics token), counted per address with the
 * refused credentials (CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS). An address with none left is answered 429 before its
 * secret is checked, right or wrong, so past the budget a guesser learns nothing.
 */
export interface SecretAttempts {
  /** The caller's address, or undefined once a 429 has been sent because the address has no tries left. */
  admit(req: IncomingMessage, res: ServerResponse): Promise<string | undefined>;
  /** Counts one wrong secret of the address. */
  wrong(address: string): Promise<void>;
}

export function secretAttempts(rateLimit: RateLimiter, trustedProxies: ReadonlySet<string>): SecretAttempts {
  return {
    async admit(req, res) {
      const address = clientAddress(req, trustedProxies);
      const left = await rateLimit.refusalsLeft(address);
      if (left.points > 0) return address;
      sendTooMany(res, left.retryAfterSeconds, "Too many wrong secrets from this address");
      return undefined;
    },
    async wrong(address) {
      await rateLimit.refused(address);
    },
  };
}
