// A real OpenID provider (panva's certified `oidc-provider`) on loopback, for the tests and `npm start`'s demo: people
// sign in to it as staff and auditors, and the gateway verifies its tokens against its published keys.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";

/** A person the provider knows; `roles` go into the roles claim as written (`default:staff`). */
export interface ProviderPerson {
  login: string;
  name: string;
  email: string;
  roles: readonly string[];
}

export interface OpenIdProviderOptions {
  people: readonly ProviderPerson[];
  /** The `aud` of access tokens, which the gateway is configured to accept (CUSTOS_OIDC_AUDIENCE). */
  audience: string;
  /** Browser apps (public clients, authorization code with PKCE) and the pages they return to. */
  clients?: readonly { clientId: string; redirectUris: readonly string[] }[];
  rolesClaim?: string;
  port?: number;
  /** The issuer the provider names itself by; its own URL unless given (a forger names another's). */
  issuer?: string;
  accessTokenSeconds?: number;
}

export interface OpenIdProvider {
  issuer: string;
  url: string;
  jwksUrl: string;
  /** Signs a person in through the provider's own pages over HTTP, as a browser would: a real access token. */
  accessTokenFor(login: string): Promise<string>;
  /** The same flow's ID token (its audience is the client, not the gateway). */
  idTokenFor(login: string): Promise<string>;
  close(): Promise<void>;
}

/** The client the provider's own sign-in (`accessTokenFor`) uses; it never leaves the process. */
const SELF_CLIENT = "custos-tests";
const SELF_REDIRECT = "http://127.0.0.1/callback";

export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<OpenIdProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;
  const rolesClaim = options.rolesClaim ?? "custos_roles";
  const resource = options.audience;
  const people = new Map(options.people.map((person) => [person.login, person]));
  // Keys of its own, made at start: the library's development keys are the same in every instance.
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "RS256", use: "sig" };
  const claimsOf = (person: ProviderPerson) => ({ email: person.email, name: person.name, [rolesClaim]: [...person.roles] });

  const clients = [{ clientId: SELF_CLIENT, redirectUris: [SELF_REDIRECT] }, ...(options.clients ?? [])].map(
    ({ clientId, redirectUris }) => ({
      client_id: clientId,
      redirect_uris: [...redirectUris],
      token_endpoint_auth_method: "none" as const,
      grant_types: ["authorization_code"],
      response_types: ["code" as const],
    }),
  );
  const origins = new Set(clients.flatMap((client) => client.redirect_uris.map((uri) => new URL(uri).origin)));

  const configuration: Configuration = {
    clients,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomUUID()] },
    claims: { openid: ["sub"], email: ["email"], profile: ["name"], [rolesClaim]: [rolesClaim] },
    scopes: ["openid", "email", "profile", rolesClaim],
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenSeconds ?? 3600,
      IdToken: options.accessTokenSeconds ?? 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
    },
    clientBasedCORS: (_ctx, origin) => origins.has(origin),
    findAccount: (_ctx, login) => {
      const person = people.get(login);
      return person && { accountId: login, claims: () => ({ sub: login, ...claimsOf(person) }) };
    },
    // The desk is the company's own app: no consent page, the grant covers what it asks for.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(`openid email profile ${rolesClaim}`);
      grant.addResourceScope(resource, `openid email profile ${rolesClaim}`);
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      const person = "accountId" in token ? people.get(token.accountId) : undefined;
      return person && claimsOf(person);
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: `openid email profile ${rolesClaim}`,
          audience: resource,
          accessTokenFormat: "jwt",
          accessTokenTTL: options.accessTokenSeconds ?? 3600,
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
  };
  const provider = new Provider(issuer, configuration);
  // Quiet: the library warns about development interactions, which is what a demo and a test use.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());

  const tokensFor = (login: string) => signInOverHttp(url, login, rolesClaim);
  return {
    issuer,
    url,
    jwksUrl: `${url}/jwks`,
    accessTokenFor: async (login) => (await tokensFor(login)).access_token,
    idTokenFor: async (login) => (await tokensFor(login)).id_token,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** A cookie jar of one sign-in: the provider's interaction and session cookies. */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** The authorization code flow with PKCE, following the provider's redirects and posting its login form. */
async function signInOverHttp(base: string, login: string, rolesClaim: string): Promise<{ access_token: string; id_token: string }> {
  const { createHash, randomBytes } = await import("node:crypto");
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const cookies = new Cookies();
  const go = async (target: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(target, base), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.header() },
    });
    cookies.take(response);
    return response;
  };
  const authorize = new URL("/auth", base);
  authorize.search = new URLSearchParams({
    client_id: SELF_CLIENT,
    redirect_uri: SELF_REDIRECT,
    response_type: "code",
    scope: `openid email profile ${rolesClaim}`,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: randomUUID(),
    nonce: randomUUID(),
  }).toString();
  let response = await go(authorize.href);
  let code: string | null = null;
  for (let step = 0; step < 10 && code === null; step++) {
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status} without a redirect: ${await response.text()}`);
    if (location.startsWith(SELF_REDIRECT)) {
      const answer = new URL(location).searchParams;
      code = answer.get("code");
      if (!code) throw new Error(`the provider refused the sign-in: ${answer.get("error")} ${answer.get("error_description")}`);
      break;
    }
    if (/\/interaction\/[^/]+$/.test(new URL(location, base).pathname)) {
      const form = new URLSearchParams({ prompt: "login", login, password: "any" });
      response = await go(location, {
        method: "POST",
        body: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    } else {
      response = await go(location);
    }
  }
  if (!code) throw new Error("the provider's sign-in did not end at the client");
  const token = await fetch(new URL("/token", base), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: SELF_REDIRECT,
      client_id: SELF_CLIENT,
      code_verifier: verifier,
    }).toString(),
  });
  if (!token.ok) throw new Error(`the provider's token endpoint answered ${token.status}: ${await token.text()}`);
  return (await token.json()) as { access_token: string; id_token: string };
}
