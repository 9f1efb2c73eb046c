// The README's layout section is the map a newcomer reads first: every folder of the gateway is on it.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const gatewayDir = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");

function layoutSection(): string {
  const start = readme.indexOf("## Layout\n");
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

it("names every folder of the gateway in the README's layout section", () => {
  const layout = layoutSection();
  const folders = ["src", "test"].flatMap((top) =>
    readdirSync(`${gatewayDir}${top}`, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${entry.parentPath.slice(gatewayDir.length)}/${entry.name}`),
  );
  // A wing is written with its path (`src/consent`), any other folder by its name (`record/`).
  const missing = folders.filter((folder) => {
    const parts = folder.split("/");
    return parts.length === 2 && parts[0] === "src" ? !layout.includes(folder) : !layout.includes(`${parts.at(-1)}/`);
  });
  expect(missing).toEqual([]);
});
