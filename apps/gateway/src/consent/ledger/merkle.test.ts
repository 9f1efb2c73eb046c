import { describe, expect, it } from "vitest";
import {
  appendLeaves,
  consistencyProof,
  EMPTY_ROOT,
  inclusionPath,
  leafHash,
  type NodeLookup,
  nodesNeeded,
  rootHash,
  rootOfFrontier,
} from "./merkle.ts";

// The reference tree of RFC 6962's test data (certificate-transparency), which RFC 9162 hashes the same way.
const LEAF_INPUTS = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/** Builds a tree leaf by leaf, as the job does batch by batch, keeping every subtree it completes. */
function build(leaves: readonly string[]) {
  const stored = new Map<string, string>();
  let frontier: { level: number; index: number; hash: string }[] = [];
  const roots = [EMPTY_ROOT];
  for (const [index, leaf] of leaves.entries()) {
    const appended = appendLeaves(frontier, index, [leaf]);
    for (const node of appended.nodes) stored.set(`${node.level}:${node.index}`, node.hash);
    frontier = appended.frontier;
    roots.push(rootOfFrontier(frontier));
  }
  const node: NodeLookup = (level, index) => stored.get(`${level}:${index}`) ?? expect.unreachable(`no subtree ${level}:${index}`);
  return { node, roots };
}

describe("the consent log's Merkle tree (RFC 9162)", () => {
  const reference = build(LEAF_INPUTS.map((input) => leafHash(Buffer.from(input, "hex"))));

  it("has the reference roots at every size, from its right edge and from its stored subtrees", () => {
    expect(reference.roots).toEqual(ROOTS);
    for (let size = 0; size <= 8; size++) expect(rootHash(reference.node, size)).toBe(ROOTS[size]);
  });

  it("gives the reference audit path of the first leaf in the tree of 8", () => {
    expect(inclusionPath(reference.node, 0, 8)).toEqual([
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]);
    expect(inclusionPath(reference.node, 5, 8).slice(0, 2)).toEqual([
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    ]);
  });

  it("reads only stored subtrees, and says which before reading them", () => {
    const tree = build(Array.from({ length: 37 }, (_, index) => leafHash(`entry ${index}`)));
    for (let size = 1; size <= 37; size++) {
      expect(rootHash(tree.node, size)).toBe(tree.roots[size]);
      for (const { level, index } of nodesNeeded((node) => consistencyProof(node, Math.ceil(size / 3), size))) {
        expect(() => tree.node(level, index)).not.toThrow();
      }
    }
    expect(consistencyProof(tree.node, 37, 37)).toEqual([]);
    expect(consistencyProof(tree.node, 0, 37)).toEqual([]);
  });
});
