import { execFileSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, spawnGatewayProcess } from "../../test/gateway-process.ts";
import { TEST_KEY_PEPPER } from "../../test/harness.ts";

let dir: string;
let built: string[];

/** GET over HTTPS, trusting only `ca`. */
function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the gateway serving TLS itself", () => {
  beforeAll(() => {
    dir = execFileSync("mktemp", ["-d", path.join(tmpdir(), "custos-tls-XXXXXX")], { encoding: "utf8" }).trim();
    // A self-signed certificate for the loopback address, made for this test.
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"],
        ...["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
      ],
      { stdio: "ignore" },
    );
    built = buildGateway("test-tls");
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("answers HTTPS with the certificate CUSTOS_TLS_CERT names, in production, and nothing over plain HTTP", async () => {
    await using gateway = await spawnGatewayProcess(
      {
        NODE_ENV: "production",
        CUSTOS_EMBEDDED: "1",
        CUSTOS_DATA_DIR: "memory://",
        CUSTOS_KEY_PEPPER: TEST_KEY_PEPPER,
        CUSTOS_TLS_CERT: path.join(dir, "cert.pem"),
        CUSTOS_TLS_KEY: path.join(dir, "key.pem"),
      },
      { args: built },
    );
    expect(gateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsGet(`${gateway.url}/health`, await readFile(path.join(dir, "cert.pem"), "utf8"));
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok" });
    await expect(fetch(`${gateway.url.replace("https:", "http:")}/health`)).rejects.toThrow();
  }, 90_000);

  it("refuses to start when the certificate cannot be read, in one line", async () => {
    const start = spawnGatewayProcess(
      { CUSTOS_DATA_DIR: "memory://", CUSTOS_TLS_CERT: path.join(dir, "missing.pem"), CUSTOS_TLS_KEY: path.join(dir, "key.pem") },
      { args: built },
    );
    await expect(start).rejects.toThrow(/CUSTOS_TLS_CERT names .*missing\.pem, which cannot be read \(ENOENT\)\./);
  }, 90_000);
});
