import { Client } from "pg";

export async function withClient<T>(url: string, use: (client: Client) => Promise<T>, connectTimeoutMs = 10_000): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** True when a server at `url` accepts a connection and answers `select 1` within `timeoutMs`. */
export async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query("select 1"), timeoutMs);
    return true;
  } catch {
    return false;
  }
}
