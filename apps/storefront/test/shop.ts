// The demo shop in front of a real gateway, for the browser tests: built once, served by its demo backend.
import { fileURLToPath } from "node:url";
import type { TestGateway } from "@custos/gateway/testing";
import { createClient } from "@custos/sdk";
import { build } from "vite";
import { fetchCatalogues, startDemoBackend } from "../server/demo-backend.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

let built: Promise<unknown> | undefined;
/** Builds the pages with Vite, once per test run. */
export function buildShop() {
  built ??= build({ root: ROOT, logLevel: "warn" });
  return built;
}

/** The shop's backend for `gateway`, with a publishable key for its origin; shopper sessions signed as the gateway trusts. */
export async function startShop(gateway: TestGateway) {
  await buildShop();
  let publishableKey = "";
  const catalogues = await fetchCatalogues(gateway.graphqlUrl);
  const backend = await startDemoBackend({
    staticDir: DIST,
    config: () => ({ gatewayUrl: gateway.graphqlUrl, publishableKey, jurisdiction: "RU", catalogues }),
    signSession: (customerId) => gateway.shopperSession(customerId),
  });
  publishableKey = await gateway.issueKey({ kind: "PUBLISHABLE", name: "demo shop", allowedOrigins: [backend.url] });
  return { url: backend.url, [Symbol.asyncDispose]: () => backend.stop() };
}

/** A subject's decided targets as privacy staff read them through the SDK: [key, status, channel], sorted. */
export async function decisionsOf(gateway: TestGateway, subjectId: string) {
  const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
  const { purposes, cookieCategories } = await staff.consent.get(subjectId);
  return [
    ...purposes.map((entry) => [entry.purpose.key, entry.status, entry.channel]),
    ...cookieCategories.map((entry) => [entry.category.key, entry.status, entry.channel]),
  ]
    .filter(([, , channel]) => channel !== null)
    .sort();
}

/** How many events the whole ledger holds, read by staff (a test with its own gateway sees its own visitor's only). */
export async function ledgerSize(gateway: TestGateway) {
  const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });
  return (await staff.consent.export({ from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" }, "JSON")).count;
}
