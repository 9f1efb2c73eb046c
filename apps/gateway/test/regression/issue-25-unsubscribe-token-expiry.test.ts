// Issue 25, finding 7: unsubscribe tokens never expired and carried the tenant's and subject's ids readably (base64
// JSON). Tokens are now encrypted and expire; first-format tokens in mails already sent work until a fixed date.
import { createHmac, hkdfSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UNSUBSCRIBE_TOKEN_LIFETIME_MS, V1_TOKENS_ACCEPTED_UNTIL } from "../../src/consent/unsubscribe/unsubscribe-token.ts";
import { silentLogger } from "../../src/ground/logger.ts";
import { moveClockTo, restoreClock } from "../clock.ts";
import { dataOf, startTestGateway, TEST_KEY_PEPPER, type TestGateway } from "../harness.ts";

const CONSENT = "mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }";
const MINT = "mutation ($subjectId: String!) { createUnsubscribeToken(subjectId: $subjectId) }";
const UNSUBSCRIBE = "mutation ($token: String!) { unsubscribe(token: $token) { __typename } }";
const DAY = 86_400_000;

/** Every readable form of a token: its parts as they are and base64url-decoded. */
const readable = (token: string) => token.split(".").flatMap((part) => [part, Buffer.from(part, "base64url").toString("latin1")]);

describe("issue 25: unsubscribe tokens", () => {
  let gateway: TestGateway;
  let appKey: string;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite", undefined, silentLogger, { rateLimits: "off" });
    const input = { key: "newsletter", name: "Newsletter", dataCategories: ["identity"] };
    const create = "mutation ($input: CreateDataSystemInput!) { createDataSystem(input: $input) { key } }";
    expect((await gateway.asStaff(create, { input })).errors).toBeUndefined();
    appKey = await gateway.issueKey({ kind: "SERVICE", name: "newsletter", dataSystemKey: "newsletter" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());
  afterEach(() => restoreClock());

  async function granted(customer: string) {
    const input = { subjectId: customer, purpose: "marketing", decision: "GRANTED", channel: "PREFERENCE_CENTRE" };
    expect((await gateway.execute(CONSENT, { input }, { token: appKey })).errors).toBeUndefined();
    return dataOf<string>(await gateway.execute(MINT, { subjectId: customer }, { token: appKey }), "createUnsubscribeToken");
  }
  const marketing = async (customer: string) =>
    (
      await gateway.database.prisma.consentState.findFirstOrThrow({
        where: { subject: { externalId: customer }, purpose: { key: "marketing" } },
      })
    ).decision;

  it("carry no readable tenant or subject id", async () => {
    const token = await granted("cust-unsub-1");
    const subject = await gateway.database.prisma.dataSubject.findFirstOrThrow({ where: { externalId: "cust-unsub-1" } });
    for (const text of readable(token)) {
      for (const id of [gateway.tenantId, subject.id, "cust-unsub-1", "marketing"]) expect(text).not.toContain(id);
    }
  });

  it(`work for ${UNSUBSCRIBE_TOKEN_LIFETIME_MS / DAY} days, and no longer`, async () => {
    const early = await granted("cust-unsub-2");
    const late = await granted("cust-unsub-3");
    moveClockTo(new Date(Date.now() + UNSUBSCRIBE_TOKEN_LIFETIME_MS - DAY));
    expect((await gateway.execute(UNSUBSCRIBE, { token: early })).errors).toBeUndefined();
    expect(await marketing("cust-unsub-2")).toBe("WITHDRAWN");
    moveClockTo(new Date(Date.now() + 2 * DAY));
    const refused = await gateway.execute(UNSUBSCRIBE, { token: late });
    expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_UNSUBSCRIBE_TOKEN");
    expect(refused.errors?.[0]?.message).toContain("expired");
    expect(await marketing("cust-unsub-3")).toBe("GRANTED");
  });

  it("of the first format, in mails already sent, work until the announced date", async () => {
    await granted("cust-unsub-4");
    const subject = await gateway.database.prisma.dataSubject.findFirstOrThrow({ where: { externalId: "cust-unsub-4" } });
    const payload = Buffer.from(JSON.stringify({ t: gateway.tenantId, s: subject.id, p: "marketing" })).toString("base64url");
    const key = Buffer.from(hkdfSync("sha256", TEST_KEY_PEPPER, "", "custos unsubscribe link v1", 32));
    const legacy = `v1.${payload}.${createHmac("sha256", key).update(`v1.${payload}`).digest("base64url")}`;
    moveClockTo(new Date(V1_TOKENS_ACCEPTED_UNTIL.getTime() + DAY));
    expect((await gateway.execute(UNSUBSCRIBE, { token: legacy })).errors?.[0]?.extensions?.code).toBe("INVALID_UNSUBSCRIBE_TOKEN");
    expect(await marketing("cust-unsub-4")).toBe("GRANTED");
    restoreClock();
    expect((await gateway.execute(UNSUBSCRIBE, { token: legacy })).errors).toBeUndefined();
    expect(await marketing("cust-unsub-4")).toBe("WITHDRAWN");
  });
});
