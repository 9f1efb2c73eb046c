// Sign-in through the company's OpenID provider: the authorization code flow with PKCE, in the browser (oauth4webapi).
// The access token lives in this tab's sessionStorage only and goes to the gateway as the SDK's credential.
import * as oauth from "oauth4webapi";

/** What the desk is told where it is served (`config.json` beside the page). */
export interface DeskConfig {
  /** The gateway's GraphQL endpoint. */
  gatewayUrl: string;
  /** The company's OpenID provider. */
  issuer: string;
  clientId: string;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
}

const PENDING = "custos-desk-sign-in";
const SESSION = "custos-desk-session";
const SCOPE = "openid email profile custos_roles";

/** Plain HTTP only for a provider on this machine (the demo and the tests); anything else must be HTTPS. */
function requestOptions(issuer: URL) {
  const local = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
  return local ? { [oauth.allowInsecureRequests]: true } : {};
}

async function authorizationServer(config: DeskConfig) {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, requestOptions(issuer)));
}

function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

/** Leaves for the provider's sign-in page; it comes back to this page with a code. */
export async function signIn(config: DeskConfig, returnTo: string): Promise<void> {
  const server = await authorizationServer(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, returnTo }));
  const url = new URL(server.authorization_endpoint ?? "");
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: "code",
    scope: SCOPE,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  }).toString();
  location.assign(url.href);
}

/** On the way back from the provider: trades the code for tokens. Returns where to go, or null when not coming back. */
export async function finishSignIn(config: DeskConfig): Promise<string | null> {
  const here = new URL(location.href);
  const pending = sessionStorage.getItem(PENDING);
  if (!pending || !(here.searchParams.has("code") || here.searchParams.has("error"))) return null;
  sessionStorage.removeItem(PENDING);
  const { verifier, state, nonce, returnTo } = JSON.parse(pending) as { verifier: string; state: string; nonce: string; returnTo: string };
  const server = await authorizationServer(config);
  const client = { client_id: config.clientId };
  const options = requestOptions(new URL(config.issuer));
  const callback = oauth.validateAuthResponse(server, client, here, state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), callback, redirectUri(), verifier, options);
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: nonce, requireIdToken: true });
  const session: Session = { accessToken: tokens.access_token, expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000 };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  history.replaceState(null, "", `${location.pathname}${returnTo}`);
  return returnTo;
}

/** The tab's live session, if any. */
export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(SESSION);
  const session = stored ? (JSON.parse(stored) as Session) : null;
  return session && session.expiresAt > Date.now() ? session : null;
}

export function signOut(): void {
  sessionStorage.removeItem(SESSION);
}
