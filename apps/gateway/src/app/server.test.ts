import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../test/harness.ts";
import { createJsonLogger } from "../ground/logger.ts";

describe("the HTTP surface", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway("pglite");
  });
  afterAll(() => gateway[Symbol.asyncDispose]());

  it("answers the health check after reaching the database", async () => {
    const response = await fetch(`${gateway.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", calendars: [{ jurisdiction: "RU" }, { jurisdiction: "CN" }] });
  });

  it("answers 404 off its two routes", async () => {
    const response = await fetch(`${gateway.baseUrl}/admin`);
    expect(response.status).toBe(404);
    expect((await response.json()).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("refuses a body over 1 MiB with 413 before parsing it", async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ purposes { key } }${" ".repeat(1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a body that is not JSON", async () => {
    const response = await fetch(gateway.graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("keeps Apollo's CSRF prevention: a simple form POST is refused", async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ purposes { key } }" }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("sends no stack trace with an error", async () => {
    const { errors } = await gateway.asStaff('{ consentState(subjectId: "a b") { subjectId } }');
    expect(errors?.[0]?.extensions).toEqual({ code: "INVALID_SUBJECT_ID" });
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|at .*\.ts:/);
  });
});

describe("an unexpected failure", () => {
  it("reaches the client as INTERNAL_SERVER_ERROR with no SQL or driver detail, logged under the request id, and health reports it", async () => {
    const logLines: string[] = [];
    const gateway = await startTestGateway(
      "pglite",
      undefined,
      createJsonLogger((line) => logLines.push(line)),
    );
    await gateway.database.db.close();
    const { errors, requestId } = await gateway.execute("{ purposes { key } }");
    expect(errors).toEqual([{ message: "Internal server error", path: ["purposes"], extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = logLines.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(expect.objectContaining({ level: "error", message: "unexpected error", requestId, path: ["purposes"] }));
    expect(logLines.join("\n")).not.toMatch(/SELECT|Purpose/);

    const withKey = await gateway.asStaff("{ purposes { key } }");
    expect(withKey).toMatchObject({
      status: 500,
      errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    expect(logLines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ level: "error", message: "request failed", requestId: withKey.requestId }),
    );
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(503);
    await gateway[Symbol.asyncDispose]().catch(() => {});
  });
});
