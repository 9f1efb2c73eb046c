import { CustosError, type GraphqlError } from "./custos-error.ts";
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
}

/** Runs one operation and resolves to its `data`, or rejects with a CustosError. */
export type TypedRequest = <TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
) => Promise<TResult>;

interface GraphqlResponseBody {
  data?: unknown;
  errors?: GraphqlError[];
}

export function createRequest({ url, fetch: fetchOption, headers, token }: ClientOptions): TypedRequest {
  return async function request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<TResult> {
    const requestHeaders = new Headers(typeof headers === "function" ? await headers() : headers);
    const credential = typeof token === "function" ? await token() : token;
    if (credential) requestHeaders.set("authorization", `Bearer ${credential}`);
    // Set last so a caller's headers cannot turn the POST into one the gateway's CSRF prevention refuses.
    requestHeaders.set("content-type", "application/json");
    requestHeaders.set("accept", "application/graphql-response+json, application/json;q=0.9");

    let response: Response;
    try {
      // Looked up per call, not captured at creation, so a fetch polyfilled later is still used.
      response = await (fetchOption ?? fetch)(url, {
        method: "POST",
        headers: requestHeaders,
        body: JSON.stringify({ query: document.toString(), variables }),
      });
    } catch (cause) {
      throw new CustosError(`could not reach the Custos gateway at ${url}`, { code: "NETWORK_ERROR", cause });
    }

    const { status } = response;
    const body = await readBody(response);
    const [firstError] = body.errors ?? [];
    if (firstError) {
      const code = firstError.extensions?.code;
      throw new CustosError(firstError.message, { code: typeof code === "string" ? code : "BAD_RESPONSE", status, errors: body.errors });
    }
    if (!response.ok || body.data == null) {
      throw new CustosError(`the Custos gateway answered HTTP ${status} without data`, { code: "BAD_RESPONSE", status });
    }
    return body.data as TResult;
  };
}

async function readBody(response: Response): Promise<GraphqlResponseBody> {
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
      cause,
    });
  }
  if (!isGraphqlResponseBody(body)) {
    throw new CustosError(`the Custos gateway answered HTTP ${status} with JSON that is not a GraphQL response`, {
      code: "BAD_RESPONSE",
      status,
    });
  }
  return body;
}

function isGraphqlResponseBody(body: unknown): body is GraphqlResponseBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { errors } = body as { errors?: unknown };
  return errors === undefined || (Array.isArray(errors) && errors.every((error) => typeof error === "object" && error !== null));
}
