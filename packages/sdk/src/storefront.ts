// `@custos/sdk/storefront`: what a shop's pages need, for the browser. The consent core (`createConsentManager`) pulls
// in only its own few operations; `createStorefrontClient` adds the catalogue, the policy and the request form.
import { type CatalogueApi, catalogueApi, type PolicyApi, policyApi } from "./api/catalogue.ts";
import { type ConsentApi, type CookiesApi, consentApi, cookiesApi } from "./api/consent.ts";
import { type TransfersApi, transfersApi } from "./api/registers.ts";
import { type PersonRequestsApi, personRequestsApi } from "./api/requests.ts";
import { type ClientOptions, createRequest } from "./request.ts";

/** The calls a storefront's key (visitor ids) or a signed-in shopper's session may make. */
export interface StorefrontClient {
  catalogue: CatalogueApi;
  cookies: CookiesApi;
  consent: Pick<ConsentApi, "get" | "set" | "withdrawAll" | "reportGpc" | "adoptVisitor" | "receipt" | "signedReceipt" | "unsubscribe">;
  policy: Pick<PolicyApi, "current" | "controller">;
  transfers: Pick<TransfersApi, "whereDoesMyDataGo">;
  requests: PersonRequestsApi;
}

export function createStorefrontClient(options: ClientOptions): StorefrontClient {
  const request = createRequest(options);
  return {
    catalogue: catalogueApi(request),
    cookies: cookiesApi(request),
    consent: consentApi(request),
    policy: policyApi(request),
    transfers: transfersApi(request),
    requests: personRequestsApi(request),
  };
}

export type { CatalogueApi, PolicyApi } from "./api/catalogue.ts";
export type { ConsentApi, CookiesApi } from "./api/consent.ts";
export type { TransfersApi } from "./api/registers.ts";
export type { PersonRequestsApi } from "./api/requests.ts";
export { CustosError, type CustosErrorCode, type GraphqlError } from "./custos-error.ts";
export type { CallOptions, ClientOptions } from "./request.ts";
export type { RetryOptions } from "./retry.ts";
export { type CmpSignals, readCmpSignals } from "./storefront/cmp-signals.ts";
export {
  type ConsentChoice,
  type ConsentManager,
  type ConsentManagerOptions,
  type ConsentSnapshot,
  createConsentManager,
} from "./storefront/consent-manager.ts";
export { type ConsentModeOptions, type ConsentModeSignal, installConsentMode } from "./storefront/consent-mode.ts";
export type { Choices } from "./storefront/stored-consent.ts";
export type {
  ConsentDecision,
  Controller,
  CookieCategory,
  CookieVendor,
  DataDestination,
  PolicyVersion,
  Purpose,
  RequestProgress,
  RequestType,
  SubmitRequestInput,
  SubmittedRequest,
} from "./types.ts";
export { createVisitorId } from "./visitor-id.ts";
