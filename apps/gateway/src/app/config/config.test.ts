import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadDatabaseConfig, loadGatewayConfig } from "./config.ts";

const PEPPER = "p".repeat(32);
const POSTGRES = { DATABASE_URL: "postgresql://custos@db.internal:5432/custos", CUSTOS_KEY_PEPPER: PEPPER };

describe("configuration from the environment", () => {
  it("refuses a NODE_ENV it does not know, and a CUSTOS_ variable it does not read, naming each (issue 25)", () => {
    expect(() => loadGatewayConfig({ NODE_ENV: "prod" })).toThrow(
      'NODE_ENV must be one of development, production, test, or unset, not "prod".',
    );
    expect(() => loadDatabaseConfig({ NODE_ENV: "Production" })).toThrow(/^NODE_ENV must be one of/);
    expect(() => loadGatewayConfig({ CUSTOS_RATE_LIMIT_STAF: "5" })).toThrow(
      "CUSTOS_RATE_LIMIT_STAF is not a Custos setting; did you mean CUSTOS_RATE_LIMIT_STAFF?",
    );
    expect(() => loadDatabaseConfig({ CUSTOS_WHATEVER: "1" })).toThrow(/^CUSTOS_WHATEVER is not a Custos setting \(see the README/);
    // The test and release scripts' own variables are inherited by gateways they start.
    expect(loadGatewayConfig({ NODE_ENV: "test", CUSTOS_TEST_POSTGRES: "throwaway", CUSTOS_FAULT_WRITES: "10" }).production).toBe(false);
  });

  it("has the README's defaults when nothing is set", () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 4000, host: "127.0.0.1", tenantSlug: "default", mail: undefined, publicUrl: undefined });
    expect(config.database.kind).toBe("pglite");
    expect(config.production).toBe(false);
  });

  it("takes the company's OpenID provider whole or not at all, and the desk's origins as origins", () => {
    expect(loadGatewayConfig({})).toMatchObject({ openId: undefined, deskOrigins: [] });
    const oidc = {
      CUSTOS_OIDC_ISSUER: "https://id.example.com",
      CUSTOS_OIDC_AUDIENCE: "urn:custos:gateway",
      CUSTOS_OIDC_JWKS_URL: "https://id.example.com/jwks",
    };
    expect(loadGatewayConfig({ ...oidc, CUSTOS_DESK_ORIGINS: "https://desk.example.com, http://127.0.0.1:4020" })).toMatchObject({
      openId: {
        issuer: "https://id.example.com",
        audience: "urn:custos:gateway",
        jwksUrl: "https://id.example.com/jwks",
        rolesClaim: "custos_roles",
      },
      deskOrigins: ["https://desk.example.com", "http://127.0.0.1:4020"],
    });
    expect(() => loadGatewayConfig({ CUSTOS_OIDC_ISSUER: oidc.CUSTOS_OIDC_ISSUER })).toThrow(
      "CUSTOS_OIDC_ISSUER, CUSTOS_OIDC_AUDIENCE and CUSTOS_OIDC_JWKS_URL must be set together.",
    );
    expect(() => loadGatewayConfig({ ...oidc, CUSTOS_OIDC_JWKS_URL: "id.example.com/jwks" })).toThrow(
      /^CUSTOS_OIDC_JWKS_URL must be an http/,
    );
    expect(() => loadGatewayConfig({ CUSTOS_DESK_ORIGINS: "https://desk.example.com/queue" })).toThrow(
      /^CUSTOS_DESK_ORIGINS must be a comma-separated list of origins/,
    );
  });

  it("keeps the README's rate allowances when nothing is set", () => {
    expect(loadGatewayConfig({}).rateLimits).toEqual({
      requestsPerMinute: { anonymous: 60, storefront: 120, shopper: 120, service: 1200, partner: 300, staff: 600, auditor: 600 },
      refusedCredentialsPerMinute: 20,
      submissionsPerHour: 30,
    });
  });

  it("takes one allowance per caller kind and leaves the others", () => {
    const { rateLimits } = loadGatewayConfig({ CUSTOS_RATE_LIMIT_SERVICE: "50000", CUSTOS_RATE_LIMIT_SUBMISSIONS: "5" });
    expect(rateLimits).toMatchObject({ requestsPerMinute: { service: 50000, anonymous: 60 }, submissionsPerHour: 5 });
  });

  it("turns every counter off", () => {
    expect(loadGatewayConfig({ CUSTOS_RATE_LIMITS: "OFF" }).rateLimits).toBe("off");
  });

  it("reads the mail relay, the public URL without its trailing slash, and the port", () => {
    const config = loadGatewayConfig({
      CUSTOS_SMTP_URL: "smtp://relay.internal:587",
      CUSTOS_MAIL_FROM: "privacy@example.com",
      CUSTOS_PUBLIC_URL: "https://privacy.example.com/",
      PORT: "0",
    });
    expect(config).toMatchObject({
      mail: { smtpUrl: "smtp://relay.internal:587", from: "privacy@example.com" },
      publicUrl: "https://privacy.example.com",
      port: 0,
    });
  });

  it.each([
    ["CUSTOS_RATE_LIMITS", "maybe", 'CUSTOS_RATE_LIMITS must be "on" or "off", not "maybe".'],
    ["CUSTOS_RATE_LIMIT_ANONYMOUS", "0", 'CUSTOS_RATE_LIMIT_ANONYMOUS must be a whole number of at least 1, not "0".'],
    ["CUSTOS_RATE_LIMIT_STAFF", "1.5", 'CUSTOS_RATE_LIMIT_STAFF must be a whole number of at least 1, not "1.5".'],
    [
      "CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS",
      "-3",
      'CUSTOS_RATE_LIMIT_REFUSED_CREDENTIALS must be a whole number of at least 1, not "-3".',
    ],
    ["PORT", "80000", 'PORT must be a whole number from 0 to 65535, not "80000".'],
    ["CUSTOS_PUBLIC_URL", "privacy.example.com", 'CUSTOS_PUBLIC_URL must be an http:// or https:// URL, not "privacy.example.com".'],
    ["CUSTOS_MAIL_FROM", "privacy", 'CUSTOS_MAIL_FROM must be an e-mail address, not "privacy".'],
    ["DATABASE_URL", "mysql://db/custos", "DATABASE_URL must be a postgresql:// URL; unset it to use the embedded database."],
  ])("names the variable of a bad value in one line: %s=%s", (name, value, message) => {
    expect(() => loadGatewayConfig({ [name]: value })).toThrow(new ConfigError(message));
  });

  it("never repeats a secret's value in its error", () => {
    expect(() => loadGatewayConfig({ CUSTOS_KEY_PEPPER: "short-secret" })).toThrow(
      new ConfigError("CUSTOS_KEY_PEPPER must be at least 32 characters."),
    );
    expect(() => loadGatewayConfig({ CUSTOS_SMTP_URL: "http://user:secret@relay" })).toThrow(
      new ConfigError("CUSTOS_SMTP_URL must be an smtp:// or smtps:// URL."),
    );
  });

  it("says every bad variable at once", () => {
    expect(() => loadGatewayConfig({ PORT: "x", CUSTOS_RATE_LIMIT_STAFF: "0" })).toThrow(
      /^PORT must be a whole number from 0 to 65535, not "x"\. CUSTOS_RATE_LIMIT_STAFF must be/,
    );
  });

  it("wants a sender with an SMTP relay", () => {
    expect(() => loadGatewayConfig({ CUSTOS_SMTP_URL: "smtp://relay.internal:587" })).toThrow(
      new ConfigError("CUSTOS_MAIL_FROM must name the sender address when CUSTOS_SMTP_URL is set."),
    );
  });

  it("refuses production on the embedded database unless chosen with CUSTOS_EMBEDDED=1", () => {
    const production = { NODE_ENV: "production", CUSTOS_KEY_PEPPER: PEPPER, CUSTOS_TRUSTED_PROXIES: "10.0.0.2" };
    expect(() => loadGatewayConfig(production)).toThrow(/DATABASE_URL must name PostgreSQL when NODE_ENV=production.*CUSTOS_EMBEDDED=1/);
    expect(() => loadDatabaseConfig(production)).toThrow(/DATABASE_URL must name PostgreSQL/);
    expect(loadGatewayConfig({ ...production, CUSTOS_EMBEDDED: "1" }).database.kind).toBe("pglite");
    expect(loadGatewayConfig({ ...production, ...POSTGRES }).database).toEqual({ kind: "postgres", url: POSTGRES.DATABASE_URL });
    expect(() => loadGatewayConfig({ ...production, CUSTOS_EMBEDDED: "yes" })).toThrow(/CUSTOS_EMBEDDED must be "1"/);
  });

  it("wants TLS in production: the gateway's own certificate, or the proxies that terminate it", () => {
    const production = { NODE_ENV: "production", ...POSTGRES };
    expect(() => loadGatewayConfig(production)).toThrow(
      new ConfigError(
        "NODE_ENV=production needs TLS: set CUSTOS_TLS_CERT and CUSTOS_TLS_KEY, or CUSTOS_TRUSTED_PROXIES to the reverse proxies that terminate it.",
      ),
    );
    expect(
      loadGatewayConfig({ ...production, CUSTOS_TLS_CERT: "/etc/custos/cert.pem", CUSTOS_TLS_KEY: "/etc/custos/key.pem" }).tls,
    ).toEqual({
      certPath: "/etc/custos/cert.pem",
      keyPath: "/etc/custos/key.pem",
    });
    expect(loadGatewayConfig({ ...production, CUSTOS_TRUSTED_PROXIES: "10.0.0.2, 10.0.0.3" }).trustedProxies).toEqual([
      "10.0.0.2",
      "10.0.0.3",
    ]);
    expect(() => loadGatewayConfig({ CUSTOS_TLS_CERT: "/etc/custos/cert.pem" })).toThrow(
      /CUSTOS_TLS_CERT and CUSTOS_TLS_KEY must be set together/,
    );
    expect(() => loadGatewayConfig({ CUSTOS_TRUSTED_PROXIES: "proxy.internal" })).toThrow(
      'CUSTOS_TRUSTED_PROXIES must be a comma-separated list of IP addresses, not "proxy.internal".',
    );
  });

  it("lets the commands run whatever the gateway-only variables say", () => {
    expect(loadDatabaseConfig({ ...POSTGRES, PORT: "x", CUSTOS_SMTP_URL: "smtp://relay" })).toEqual({
      database: { kind: "postgres", url: POSTGRES.DATABASE_URL },
      production: false,
      keyPepper: PEPPER,
    });
  });
});

describe("the gateway process with a bad setting", () => {
  it("exits 1 with one line naming the variable and no stack", async () => {
    const gatewayDir = fileURLToPath(new URL("../../..", import.meta.url));
    const run = promisify(execFile)("pnpm", ["exec", "tsx", "src/main.ts"], {
      cwd: gatewayDir,
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", CUSTOS_KEY_PEPPER: PEPPER, CUSTOS_EMBEDDED: "" },
    });
    const failure = await run.then(
      () => expect.fail("the gateway started in production on the embedded database"),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim().split("\n")).toEqual([
      "DATABASE_URL must name PostgreSQL when NODE_ENV=production; to run production on the embedded database on purpose, set CUSTOS_EMBEDDED=1.",
    ]);
  }, 60_000);
});
