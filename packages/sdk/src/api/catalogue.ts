import {
  ControllerDocument,
  CurrentPoliciesDocument,
  PublishPolicyVersionDocument,
  PurposesDocument,
  ViewerDocument,
} from "../../generated/graphql.ts";
import type { TypedRequest } from "../request.ts";
import type { Controller, PolicyVersion, PublishedPolicyVersion, PublishPolicyVersionInput, Purpose, Viewer } from "../types.ts";

export interface CatalogueApi {
  /** The purposes of processing, in the privacy policy's order; names and descriptions in `language` (`ru`) where written in it. */
  purposes(language?: string): Promise<Purpose[]>;
}

export interface PolicyApi {
  /** The privacy and cookie policy versions in effect now, preferring `language` where published in it. */
  current(language?: string): Promise<PolicyVersion[]>;
  /** The company responsible for the data and its privacy contact, as the policy gives them. Anyone may ask. */
  controller(): Promise<Controller>;
  /** Publishes a version (staff); a material one e-mails affected people and makes earlier consents need renewal. */
  publish(input: PublishPolicyVersionInput): Promise<PublishedPolicyVersion>;
}

export function catalogueApi(request: TypedRequest): CatalogueApi {
  return { purposes: async (language) => (await request(PurposesDocument, { language: language ?? null })).purposes };
}

export function policyApi(request: TypedRequest): PolicyApi {
  return {
    current: async (language) => (await request(CurrentPoliciesDocument, { language: language ?? null })).currentPolicies,
    controller: async () => (await request(ControllerDocument)).controller,
    publish: async (input) => (await request(PublishPolicyVersionDocument, { input })).publishPolicyVersion,
  };
}

/** Who the gateway takes the caller to be: its kind (STOREFRONT, SERVICE, STAFF, …) and tenant. */
export async function viewerOf(request: TypedRequest): Promise<Viewer> {
  return (await request(ViewerDocument)).viewer;
}
