import { once } from "node:events";
import { writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { runServer } from "verdaccio";

export interface LocalRegistry {
  url: string;
  /** An npmrc that sends @custos/* to this registry with a token, for `npm_config_userconfig`. */
  npmrc: string;
  /** The environment that points npm, pnpm and changesets at this registry for @custos/*. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Verdaccio on loopback, storage in `dir`, no uplink: only what a test publishes can be installed,
 * so the test proves the packages came from our release and not from the public registry.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const configPath = path.join(dir, "verdaccio.yaml");
  writeFileSync(
    configPath,
    [
      `storage: ${JSON.stringify(path.join(dir, "storage"))}`,
      "auth: { htpasswd: { file: ./htpasswd, max_users: -1 } }",
      "web: { enable: false }",
      "packages:",
      '  "@custos/*": { access: $all, publish: $anonymous }',
      "log: { type: stdout, format: pretty, level: error }",
      "",
    ].join("\n"),
  );
  const server = (await runServer(configPath)) as Server;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const npmrc = path.join(dir, "npmrc");
  // Verdaccio lets anonymous callers publish @custos/*, but npm and pnpm refuse to publish without a token.
  writeFileSync(npmrc, `@custos:registry=${url}\n//127.0.0.1:${port}/:_authToken=local-test-token\n`);
  return {
    url,
    npmrc,
    env: { npm_config_userconfig: npmrc, "npm_config_@custos:registry": url },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
