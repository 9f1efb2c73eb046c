// The desk's half of `npm start`: a local OpenID provider with the demo's people and the built desk beside it. The
// gateway is started by scripts/start.mjs with the CUSTOS_OIDC_* settings that name this provider.
import { startOpenIdProvider } from "@custos/testing/openid-provider";
import { DEMO_AUDIENCE, DESK_CLIENT_ID, demoPeople } from "../server/demo-people.ts";
import { startDeskServer } from "../server/desk-server.ts";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const tenant = process.env.CUSTOS_TENANT ?? "default";
const gatewayUrl = process.env.GATEWAY_URL ?? "http://127.0.0.1:4000/graphql";

const desk = await startDeskServer({ port: port("DESK_PORT", 4020) });
const people = demoPeople(tenant);
const provider = await startOpenIdProvider({
  people,
  audience: DEMO_AUDIENCE,
  port: port("OIDC_PORT", 4010),
  clients: [{ clientId: DESK_CLIENT_ID, redirectUris: [`${desk.url}/`] }],
  accessTokenSeconds: 8 * 3600,
});
desk.configure({ gatewayUrl, issuer: provider.issuer, clientId: DESK_CLIENT_ID });

const roles = people.map(
  ({ login, name, roles }) => `    ${login.padEnd(8)} ${name} (${roles.map((role) => role.split(":")[1]).join(", ")})`,
);
console.log(
  [
    "",
    `privacy desk:    ${desk.url}/`,
    `OpenID provider: ${provider.issuer} (local demo; any password)`,
    "  sign in as:",
    ...roles,
    "",
  ].join("\n"),
);

const stop = async () => {
  await provider.close();
  await desk.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
