import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_ENGINES } from "@custos/db/testing";
import { startTestGateway } from "@custos/gateway/testing";
import { describe, expect, inject, it, vi } from "vitest";
import { createClient } from "./client.ts";
import { createStorefrontClient } from "./storefront.ts";
import { main as custosVerify } from "./verify/command.ts";
import { type PublishedKeys, verifyConsistency, verifyReceipt } from "./verify.ts";
import { createVisitorId } from "./visitor-id.ts";

const PUBLISH = "mutation { publishConsentCheckpoint { treeSize rootHash jws } }";
const SHOP = "https://shop.test";

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

describe.each(TEST_ENGINES)("signed receipts and the public consent log through the SDK on %s", (engine) => {
  it("a visitor's and a customer's receipts verify offline; checkpoints stay consistent; a changed event fails", async () => {
    await using gateway = await startTestGateway(engine, inject("postgresAdminUrl"));
    const wellKnown = `${gateway.baseUrl}/.well-known/custos/default`;
    const staff = createClient({ url: gateway.graphqlUrl, token: gateway.staffKey });

    // A visitor through the storefront's publishable key, from its page: today's FORBIDDEN is gone.
    const publishable = await gateway.issueKey({ kind: "PUBLISHABLE", name: "shop", allowedOrigins: [SHOP] });
    const storefront = createStorefrontClient({ url: gateway.graphqlUrl, token: publishable, headers: { origin: SHOP } });
    const visitor = createVisitorId();
    const visitorGrant = await storefront.consent.set({ subjectId: visitor, purpose: "marketing", decision: "GRANTED", channel: "BANNER" });
    const visitorReceipt = await storefront.consent.signedReceipt(visitor, visitorGrant.id);
    const keys = await getJson<PublishedKeys>(`${wellKnown}/keys`);
    expect(keys.keys).toEqual([expect.objectContaining({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", validUntil: null })]);
    expect(await verifyReceipt(visitorReceipt, keys)).toMatchObject({
      valid: true,
      eventId: visitorGrant.id,
      decision: "GRANTED",
      target: "marketing",
      checkpoint: { log: "default", treeSize: 1 },
    });
    // The receipt names the app's id for the person, and every field the 27560 guide asks for.
    const record = visitorReceipt.receipt["dpv:hasRecordOfActivity"] as Record<string, Record<string, unknown>>;
    expect(record["dpv:hasDataSubject"]?.["dct:identifier"]).toBe(visitor);
    expect(Object.keys(record["dpv:hasProcess"] ?? {})).toEqual(
      expect.arrayContaining(["dpv:hasPersonalData", "dpv:hasStorageCondition", "dpv:hasRecipient", "dpv:hasLegalBasis"]),
    );

    // A customer through their session, after more decisions; the checkpoint is signed on demand.
    for (const decision of ["GRANTED", "WITHDRAWN", "GRANTED"] as const) {
      await staff.consent.set({ subjectId: "cust-7", purpose: "marketing", decision, channel: "PREFERENCE_CENTRE" });
    }
    const withdrawal = (await staff.consent.set({ subjectId: "cust-7", purpose: "marketing", decision: "WITHDRAWN", channel: "API" })).id;
    const shopper = createClient({ url: gateway.graphqlUrl, token: () => gateway.shopperSession("cust-7") });
    const customerReceipt = await shopper.consent.signedReceipt("cust-7", withdrawal);
    expect(await verifyReceipt(customerReceipt, keys)).toMatchObject({ valid: true, decision: "WITHDRAWN", checkpoint: { treeSize: 5 } });
    // Staff and auditors page through the person's own events, newest first, each one's receipt verifying the same way.
    const auditor = createClient({ url: gateway.graphqlUrl, token: await gateway.issueKey({ kind: "AUDITOR", name: "auditor" }) });
    const newest = await auditor.consent.events("cust-7", { first: 3 });
    expect(newest.edges.map(({ node }) => [node.sequence, node.decision, node.subjectId])).toEqual([
      [5, "WITHDRAWN", "cust-7"],
      [4, "GRANTED", "cust-7"],
      [3, "WITHDRAWN", "cust-7"],
    ]);
    const oldest = await auditor.consent.events("cust-7", { first: 3, after: newest.pageInfo.endCursor ?? undefined });
    expect(oldest.edges.map(({ node }) => node.sequence)).toEqual([2]);
    expect(oldest.pageInfo.hasNextPage).toBe(false);
    const earliest = oldest.edges[0]?.node.id ?? "";
    expect(await verifyReceipt(await auditor.consent.signedReceipt("cust-7", earliest), keys)).toMatchObject({
      valid: true,
      eventId: earliest,
    });
    await expect(shopper.consent.events("cust-7")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const someoneElse = createClient({ url: gateway.graphqlUrl, token: () => gateway.shopperSession("cust-8") });
    await expect(someoneElse.consent.signedReceipt("cust-7", withdrawal)).rejects.toMatchObject({ code: "FORBIDDEN" });

    // What a holder's copy cannot be made to say: another decision, or a proof against another checkpoint.
    const edited = structuredClone(customerReceipt);
    const status = (edited.receipt["dpv:hasRecordOfActivity"] as { "dpv:hasConsentStatus": { "@type": unknown }[] })[
      "dpv:hasConsentStatus"
    ];
    status[status.length - 1] = { ...status[status.length - 1], "@type": ["dpv:ConsentGiven", "dpv:ExpressedConsent"] };
    expect(await verifyReceipt(edited, keys)).toEqual({ valid: false, reason: expect.stringContaining("signature does not verify") });
    expect(await verifyReceipt(customerReceipt, keys, { checkpoint: visitorReceipt.checkpoint })).toEqual({
      valid: false,
      reason: "the inclusion proof is for a log of 5 events, the checkpoint is of 1",
    });
    expect(await verifyReceipt(customerReceipt, { keys: [] })).toMatchObject({
      valid: false,
      reason: expect.stringContaining("no published key"),
    });

    // Two checkpoints: the later extends the earlier, and the public consistency proof shows it, offline.
    const first = await getJson<{ jws: string; treeSize: number }>(`${wellKnown}/checkpoints/1`);
    await staff.consent.set({ subjectId: "cust-9", purpose: "feature_testing", decision: "GRANTED", channel: "API" });
    const later = (await gateway.asStaff(PUBLISH)).data?.publishConsentCheckpoint as { treeSize: number; jws: string };
    expect(later.treeSize).toBe(6);
    expect(await getJson(`${wellKnown}/checkpoint`)).toMatchObject({ treeSize: 6, jws: later.jws });
    const proof = await getJson<{ proof: string[] }>(`${wellKnown}/consistency?from=1&to=6`);
    expect(await verifyConsistency(first, later, proof, keys)).toMatchObject({ valid: true, from: { treeSize: 1 }, to: { treeSize: 6 } });
    const wrong = await getJson<{ proof: string[] }>(`${wellKnown}/consistency?from=5&to=6`);
    expect(await verifyConsistency(first, later, wrong, keys)).toMatchObject({ valid: false });

    // Rotation: the new key signs from now on; the old one stays published, so what it signed still verifies.
    expect((await gateway.asStaff("mutation { rotateSigningKey }")).errors).toBeUndefined();
    const rotated = await getJson<PublishedKeys>(`${wellKnown}/keys`);
    expect(rotated.keys.map((key) => key.validUntil === null)).toEqual([false, true]);
    expect(await verifyReceipt(customerReceipt, rotated)).toMatchObject({ valid: true });
    expect(await verifyReceipt(await shopper.consent.signedReceipt("cust-7", withdrawal), rotated)).toMatchObject({
      valid: true,
      keyId: rotated.keys[1]?.kid,
    });

    // Someone with database access flips the withdrawal into a grant: the checkpoint published before catches it.
    await gateway.database.prisma.$executeRaw`UPDATE "ConsentEvent" SET decision = 'GRANTED' WHERE id = ${withdrawal}::uuid`;
    const forged = await shopper.consent.signedReceipt("cust-7", withdrawal);
    expect(await verifyReceipt(forged, rotated)).toEqual({
      valid: false,
      // Its proof is against the first checkpoint that covered it, signed before the change.
      reason: "the event is not in the log the checkpoint of 5 events signed: changed or never there",
    });

    // The same checks as a command, from files, with no database and no credentials.
    const folder = await mkdtemp(join(tmpdir(), "custos-verify-"));
    try {
      const file = (name: string, content: unknown) =>
        writeFile(join(folder, name), JSON.stringify(content)).then(() => join(folder, name));
      const keysFile = await file("keys.json", rotated);
      const printed = vi.spyOn(console, "log").mockImplementation(() => {});
      expect(await custosVerify(["receipt", await file("receipt.json", customerReceipt), "--keys", keysFile])).toBe(0);
      expect(await custosVerify(["receipt", await file("forged.json", forged), "--keys", keysFile])).toBe(1);
      expect(
        await custosVerify([
          "consistency",
          await file("a.json", first),
          await file("b.json", later),
          await file("p.json", proof),
          "--keys",
          keysFile,
        ]),
      ).toBe(0);
      expect(printed.mock.calls.map(([line]) => String(line).split(":")[0])).toEqual(["valid", "invalid", "valid"]);
      printed.mockRestore();
    } finally {
      await rm(folder, { recursive: true });
    }
  });
});
