import type { CustosClient, Viewer } from "@custos/sdk/staff";

/** What every page is given: the SDK client with the person's token, and who they are. */
export interface Desk {
  client: CustosClient;
  viewer: Viewer;
  /** Auditors see and export; every control that changes something is left out for them (the gateway refuses anyway). */
  canChange: boolean;
  /** The tenant's published signing keys (public, no credentials), which receipts are verified against in the browser. */
  keysUrl: string;
}
