// Issue 25, finding 7: an address-only access package for `a_b@x.test` listed the requests of `axb@x.test`: the
// address was matched with ILIKE, where `_` and `%` are wildcards. Through HTTP: both people ask as a stranger would,
// and the package is downloaded from the link in the completion notice.
import { TEST_ENGINES } from "@custos/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../../src/ground/logger.ts";
import { dataOf, startTestGateway, type TestGateway } from "../harness.ts";

const SUBMIT = "mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingToken request { id } } }";
const VERIFY = "mutation ($token: String!, $code: String!) { verifyRequest(token: $token, code: $code) { status } }";
const CONFIRM = "mutation ($input: TransitionRequestInput!) { transitionRequest(input: $input) { status } }";

describe.each(TEST_ENGINES)("issue 25: `_` and `%` in an address on %s", (engine) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(engine, inject("postgresAdminUrl"), silentLogger, { rateLimits: "off" });
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  const submit = async (type: string, contactEmail: string) =>
    dataOf<{ trackingToken: string; request: { id: string } }>(
      await gateway.execute(SUBMIT, { input: { type, jurisdiction: "DE", contactEmail } }),
      "submitRequest",
    );

  it.each(["a_b@x.test", "a%b@x.test"])("a package for %s lists that address's requests only", async (address) => {
    const other = address.replace(/[_%]/, "x").replace("@", `${address.includes("%") ? "y" : ""}@`);
    const others = await submit("QUESTION", other);
    const mine = await submit("QUESTION", address.toUpperCase());
    const access = await submit("ACCESS", address);
    const code = (
      await gateway.database.prisma.outboxMessage.findFirstOrThrow({
        where: { recipient: address, template: "request.verification-code" },
        orderBy: { createdAt: "desc" },
      })
    ).payload as { code: string };
    expect((await gateway.execute(VERIFY, { token: access.trackingToken, code: code.code })).errors).toBeUndefined();
    const confirmed = await gateway.asStaff(CONFIRM, {
      input: { id: access.request.id, to: "COMPLETED", reason: "no data system is registered" },
    });
    expect(confirmed.errors).toBeUndefined();
    await gateway.deliverMail();
    const completion = gateway.mail.sent.find(
      (mail) => (mail.payload as { requestId?: string }).requestId === access.request.id && mail.template === "request.completion",
    );
    const response = await fetch(`${gateway.baseUrl}${(completion?.payload as { downloadPath?: string } | undefined)?.downloadPath}`);
    const { files } = (await response.json()) as { files: { path: string; content: string }[] };
    const listed = JSON.parse(files.find((file) => file.path === "custos/requests.json")?.content ?? "[]") as { id: string }[];
    expect(listed.map((row) => row.id).sort()).toEqual([mine.request.id, access.request.id].sort());
    expect(listed.map((row) => row.id)).not.toContain(others.request.id);
  });
});
