import { CustosError, type GraphqlError } from "./custos-error.ts";
import { isSafeToRepeat, parseRetryAfter, type RetryOptions, retryDelay } from "./retry.ts";
import type { TypedDocument, VariablesArgument } from "./typed-document.ts";

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://custos.example.com/graphql`. */
  url: string | URL;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * The caller's credential, sent as `Authorization: Bearer …`: a publishable key in the storefront,
   * a shopper session token, or a secret key on a server. A function is called for each request, so
   * it can hand out a fresh session token. Without one, only the public catalogue answers.
   */
  token?: string | (() => string | Promise<string>);
  /** Sent with every request; a function is called for each request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** How long one attempt may take before it fails with TIMEOUT. Default 15 s; 0 waits as long as the network does. */
  timeoutMs?: number;
  /**
   * Retrying of queries and of mutations that carry an idempotency key (the SDK's own write methods always send one),
   * after NETWORK_ERROR, TIMEOUT, RATE_LIMITED or DATABASE_UNAVAILABLE, waiting `Retry-After` when the gateway sends it.
   */
  retry?: RetryOptions;
}

/** Per call: a caller's AbortSignal, and `keepalive` for a request that must outlive the page (unload). */
export interface CallOptions {
  signal?: AbortSignal;
  keepalive?: boolean;
}

/** Runs one operation and resolves to its `data`, or rejects with a CustosError. */
export type TypedRequest = <TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
) => Promise<TResult>;

/** `request`, plus `request.with(callOptions)` for a signal or keepalive on the calls made through it. */
export type Request = TypedRequest & { with(call: CallOptions): TypedRequest };

interface GraphqlResponseBody {
  data?: unknown;
  errors?: GraphqlError[];
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function createRequest(options: ClientOptions): Request {
  const { retry = {} } = options;
  const withCall =
    (call: CallOptions): TypedRequest =>
    async (document, ...[variables]) => {
      const query = document.toString();
      const repeatable = isSafeToRepeat(query, variables);
      for (let attempt = 0; ; attempt++) {
        try {
          return await attemptOnce(options, query, variables, call);
        } catch (error) {
          const delay = repeatable && error instanceof CustosError && !call.signal?.aborted ? retryDelay(error, attempt, retry) : undefined;
          if (delay === undefined) throw error;
          await sleep(delay, call.signal);
        }
      }
    };
  return Object.assign(withCall({}), { with: withCall });
}

async function attemptOnce<TResult>(options: ClientOptions, query: string, variables: unknown, call: CallOptions): Promise<TResult> {
  const { url, fetch: fetchOption, headers, token, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const requestHeaders = new Headers(typeof headers === "function" ? await headers() : headers);
  const credential = typeof token === "function" ? await token() : token;
  if (credential) requestHeaders.set("authorization", `Bearer ${credential}`);
  // Set last so a caller's headers cannot turn the POST into one the gateway's CSRF prevention refuses.
  requestHeaders.set("content-type", "application/json");
  requestHeaders.set("accept", "application/graphql-response+json, application/json;q=0.9");

  const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
  const signals = [call.signal, timeout].filter((signal) => signal !== undefined);
  let response: Response;
  try {
    // Looked up per call, not captured at creation, so a fetch polyfilled later is still used.
    response = await (fetchOption ?? fetch)(url, {
      method: "POST",
      headers: requestHeaders,
      body: JSON.stringify({ query, variables }),
      keepalive: call.keepalive,
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    });
  } catch (cause) {
    if (call.signal?.aborted) throw new CustosError("the call was aborted", { code: "ABORTED", cause });
    if (timeout?.aborted) throw new CustosError(`the Custos gateway did not answer within ${timeoutMs} ms`, { code: "TIMEOUT", cause });
    throw new CustosError(`could not reach the Custos gateway at ${url}`, { code: "NETWORK_ERROR", cause });
  }

  const { status } = response;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const body = await readBody(response, retryAfter);
  const [firstError] = body.errors ?? [];
  if (firstError) {
    const code = firstError.extensions?.code;
    throw new CustosError(firstError.message, {
      code: typeof code === "string" ? code : "BAD_RESPONSE",
      status,
      errors: body.errors,
      retryAfter,
    });
  }
  if (!response.ok || body.data == null) {
    throw new CustosError(`the Custos gateway answered HTTP ${status} without data`, { code: "BAD_RESPONSE", status, retryAfter });
  }
  return body.data as TResult;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new CustosError("the call was aborted", { code: "ABORTED", cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

async function readBody(response: Response, retryAfter: number | undefined): Promise<GraphqlResponseBody> {
  const { status } = response;
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new CustosError("the connection to the Custos gateway broke while reading its answer", { code: "NETWORK_ERROR", status, cause });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new CustosError(`the Custos gateway answered HTTP ${status} with a body that is not JSON`, {
      code: "BAD_RESPONSE",
      status,
      retryAfter,
      cause,
    });
  }
  if (!isGraphqlResponseBody(body)) {
    throw new CustosError(`the Custos gateway answered HTTP ${status} with JSON that is not a GraphQL response`, {
      code: "BAD_RESPONSE",
      status,
      retryAfter,
    });
  }
  return body;
}

function isGraphqlResponseBody(body: unknown): body is GraphqlResponseBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { errors } = body as { errors?: unknown };
  return errors === undefined || (Array.isArray(errors) && errors.every((error) => typeof error === "object" && error !== null));
}
