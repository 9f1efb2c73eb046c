// The recipients told of consent changes, erasures, rectifications and restrictions (webhooks): staff register,
// retry and disable; staff and auditors see who was told and who has not acknowledged. Receiving is `@custos/sdk/webhooks`.
import {
  DisableWebhookEndpointDocument,
  RegisterWebhookEndpointDocument,
  RetryWebhookDeliveryDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
} from "../../generated/graphql.ts";
import type { TypedRequest } from "../request.ts";
import type { RegisteredWebhookEndpoint, WebhookDelivery, WebhookDeliveryList, WebhookDeliveryStatus, WebhookEndpoint } from "../types.ts";

/** One page of the gateway's largest size. */
const PAGE = 100;

export interface WebhooksApi {
  /** The recipients, oldest first, with how many deliveries each acknowledged and has not. */
  endpoints(): Promise<WebhookEndpoint[]>;
  /** Staff: registers a recipient; the `whsec_…` secret it verifies with is returned this once. */
  register(name: string, url: string): Promise<RegisteredWebhookEndpoint>;
  /** Staff: stops telling a recipient; what it has not acknowledged goes to the dead-letter list. */
  disable(endpointId: string): Promise<WebhookEndpoint>;
  /** Who was told of what, oldest first (first 100, `after` for more); `status: "FAILED"` is the dead-letter list. */
  deliveries(filter?: { status?: WebhookDeliveryStatus; endpointId?: string; after?: string }): Promise<WebhookDeliveryList>;
  /** Staff: puts a FAILED delivery back in the queue with a fresh count of attempts (the same webhook-id). */
  retry(deliveryId: string): Promise<WebhookDelivery>;
}

export function webhooksApi(request: TypedRequest): WebhooksApi {
  return {
    endpoints: async () => (await request(WebhookEndpointsDocument, { first: PAGE })).webhookEndpoints.edges.map((edge) => edge.node),
    register: async (name, url) => (await request(RegisterWebhookEndpointDocument, { name, url })).registerWebhookEndpoint,
    disable: async (id) => (await request(DisableWebhookEndpointDocument, { id })).disableWebhookEndpoint,
    deliveries: async ({ status, endpointId, after } = {}) =>
      (
        await request(WebhookDeliveriesDocument, {
          first: PAGE,
          status: status ?? null,
          endpointId: endpointId ?? null,
          after: after ?? null,
        })
      ).webhookDeliveries,
    retry: async (id) => (await request(RetryWebhookDeliveryDocument, { id })).retryWebhookDelivery,
  };
}
