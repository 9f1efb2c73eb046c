// custos-verify: the offline verifier as a command. Reads files, prints one line, exits 0 when valid and 1 when not.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type PublishedKeys, verifyConsistency, verifyReceipt } from "./receipt.ts";

const USAGE = `usage:
  custos-verify receipt <receipt.json> --keys <keys.json> [--checkpoint <checkpoint.json>]
  custos-verify consistency <earlier-checkpoint.json> <later-checkpoint.json> <proof.json> --keys <keys.json>
keys.json: GET /.well-known/custos/<tenant>/keys; checkpoints: …/checkpoint or …/checkpoints/<size>;
proof.json: …/consistency?from=<earlier size>&to=<later size>. A checkpoint file may also hold the bare compact JWS.`;

const readJson = async (path: string): Promise<unknown> => {
  const text = (await readFile(path, "utf8")).trim();
  return text.startsWith("{") ? JSON.parse(text) : text;
};

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { keys: { type: "string" }, checkpoint: { type: "string" }, help: { type: "boolean" } },
    allowPositionals: true,
  });
  const [command, ...files] = positionals;
  if (values.help || !values.keys || (command !== "receipt" && command !== "consistency")) {
    console.error(USAGE);
    return 2;
  }
  const keys = (await readJson(values.keys)) as PublishedKeys;
  const result =
    command === "receipt" && files.length === 1
      ? await verifyReceipt(
          (await readFile(files[0] as string, "utf8")) as string,
          keys,
          values.checkpoint ? { checkpoint: (await readJson(values.checkpoint)) as string | { jws: string } } : {},
        )
      : command === "consistency" && files.length === 3
        ? await verifyConsistency(
            (await readJson(files[0] as string)) as string | { jws: string },
            (await readJson(files[1] as string)) as string | { jws: string },
            (await readJson(files[2] as string)) as { proof: string[] },
            keys,
          )
        : null;
  if (!result) {
    console.error(USAGE);
    return 2;
  }
  if (!result.valid) {
    console.log(`invalid: ${result.reason}`);
    return 1;
  }
  const { valid: _, ...facts } = result;
  console.log(`valid: ${JSON.stringify(facts)}`);
  return 0;
}
