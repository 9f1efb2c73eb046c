import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Context } from "../../ground/context.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { fragmentsOf, rootFields } from "./root-fields.ts";

/** Root fields that take a secret a stranger could guess: an unsubscribe link's token, a request's tracking token and code. */
const SECRET_FIELDS = new Set(["unsubscribe", "requestStatus", "verifyRequest", "resendRequestCode", "withdrawRequest", "escalateRequest"]);
/** The answers that mean the secret given was wrong. */
const WRONG_SECRET = new Set(["INVALID_UNSUBSCRIBE_TOKEN", "NOT_FOUND", "VERIFICATION_FAILED"]);

/**
 * Wrong secrets given to the fields above count against the address's refused credentials
 * (CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS), one per field, aliases included. A document asking more of them than the
 * address has tries left is refused whole with a 429 before it runs, right secrets or wrong.
 */
export function secretGuessing(rateLimit: RateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let secretKeys = new Set<string>();
      return {
        async didResolveOperation({ operation, document, contextValue, response }) {
          if (!operation) return;
          const fields = rootFields(operation, fragmentsOf(document.definitions)).filter((field) => SECRET_FIELDS.has(field.name.value));
          secretKeys = new Set(fields.map((field) => field.alias?.value ?? field.name.value));
          if (secretKeys.size === 0) return;
          const left = await rateLimit.refusalsLeft(contextValue.clientAddress);
          if (left.points >= secretKeys.size) return;
          response.http.headers.set("retry-after", String(left.retryAfterSeconds));
          throw new GraphQLError(`Too many wrong tokens or codes from this address; retry after ${left.retryAfterSeconds} s.`, {
            extensions: { code: "RATE_LIMITED", http: { status: 429 } },
          });
        },
        async willSendResponse({ contextValue, response }) {
          if (secretKeys.size === 0 || response.body.kind !== "single") return;
          const wrong = (response.body.singleResult.errors ?? []).filter(
            (error) => WRONG_SECRET.has(String(error.extensions?.code)) && secretKeys.has(String(error.path?.[0])),
          ).length;
          if (wrong > 0) await rateLimit.refused(contextValue.clientAddress, wrong);
        },
      };
    },
  };
}
