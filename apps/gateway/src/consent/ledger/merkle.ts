/**
 * The consent log's Merkle tree, as RFC 9162 (Certificate Transparency 2.0) §2.1 defines it:
 *
 *   leaf hash  = SHA-256(0x00 || leaf input)        node hash = SHA-256(0x01 || left || right)
 *   MTH(D[n])  = for n > 1, with k the largest power of two below n: node(MTH(D[0:k]), MTH(D[k:n]))
 *
 * The tree is kept as its perfect subtrees (`level` l, `index` i: leaves i*2^l .. (i+1)*2^l - 1), each written once
 * when its last leaf arrives. Every left half the RFC's recursions visit is such a subtree, so a root, an inclusion
 * path or a consistency proof of any size reads O(log² n) stored hashes. The functions below take those hashes from
 * a lookup; `nodesNeeded` says which ones first, so the caller fetches them in one query.
 */
import { createHash } from "node:crypto";

export type NodeLookup = (level: number, index: number) => string;

const hex = (bytes: Buffer) => bytes.toString("hex");

/** The leaf's input as UTF-8 text (a ledger entry's JSON) or bytes. */
export function leafHash(leafInput: string | Uint8Array): string {
  return hex(
    createHash("sha256")
      .update(Buffer.from([0]))
      .update(leafInput)
      .digest(),
  );
}

export function nodeHash(left: string, right: string): string {
  return hex(
    createHash("sha256")
      .update(Buffer.from([1]))
      .update(Buffer.from(left, "hex"))
      .update(Buffer.from(right, "hex"))
      .digest(),
  );
}

/** SHA-256 of nothing: the root of the empty tree. */
export const EMPTY_ROOT = hex(createHash("sha256").digest());

/** The largest power of two strictly below n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/** MTH of the leaves [start, start + size). */
function rangeHash(node: NodeLookup, start: number, size: number): string {
  if (isPowerOfTwo(size)) return node(Math.log2(size), start / size);
  const k = split(size);
  return nodeHash(rangeHash(node, start, k), rangeHash(node, start + k, size - k));
}

export function rootHash(node: NodeLookup, treeSize: number): string {
  return treeSize === 0 ? EMPTY_ROOT : rangeHash(node, 0, treeSize);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf m, from the leaf upwards. */
export function inclusionPath(node: NodeLookup, leafIndex: number, treeSize: number): string[] {
  const path = (m: number, start: number, n: number): string[] => {
    if (n <= 1) return [];
    const k = split(n);
    return m < k
      ? [...path(m, start, k), rangeHash(node, start + k, n - k)]
      : [...path(m - k, start + k, n - k), rangeHash(node, start, k)];
  };
  return path(leafIndex, 0, treeSize);
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]): what shows the tree of size m is a prefix of the tree of size n. */
export function consistencyProof(node: NodeLookup, fromSize: number, toSize: number): string[] {
  const subproof = (m: number, start: number, n: number, whole: boolean): string[] => {
    if (m === n) return whole ? [] : [rangeHash(node, start, n)];
    const k = split(n);
    return m <= k
      ? [...subproof(m, start, k, whole), rangeHash(node, start + k, n - k)]
      : [...subproof(m - k, start + k, n - k, false), rangeHash(node, start, k)];
  };
  return fromSize === 0 || fromSize === toSize ? [] : subproof(fromSize, 0, toSize, true);
}

/** Runs `compute` with a lookup that records the subtrees it asks for, to fetch them before the real run. */
export function nodesNeeded(compute: (node: NodeLookup) => unknown): { level: number; index: number }[] {
  const wanted = new Map<string, { level: number; index: number }>();
  compute((level, index) => {
    wanted.set(`${level}:${index}`, { level, index });
    return EMPTY_ROOT;
  });
  return [...wanted.values()];
}

/**
 * Appends leaves to a tree of `size` leaves whose right edge (`frontier`, the perfect subtrees for the set bits of
 * `size`, largest first) is given, and returns the subtrees completed: the leaves themselves and every node above.
 */
export function appendLeaves(
  frontier: readonly { level: number; index: number; hash: string }[],
  size: number,
  leafHashes: readonly string[],
): { nodes: { level: number; index: number; hash: string }[]; frontier: { level: number; index: number; hash: string }[] } {
  const stack = [...frontier];
  const nodes: { level: number; index: number; hash: string }[] = [];
  for (const [offset, hash] of leafHashes.entries()) {
    let top = { level: 0, index: size + offset, hash };
    nodes.push(top);
    for (let below = stack.at(-1); below && below.level === top.level; below = stack.at(-1)) {
      stack.pop();
      top = { level: top.level + 1, index: top.index >> 1, hash: nodeHash(below.hash, top.hash) };
      nodes.push(top);
    }
    stack.push(top);
  }
  return { nodes, frontier: stack };
}

/** The perfect subtrees on the right edge of a tree of `size` leaves, largest first. */
export function frontierOf(size: number): { level: number; index: number }[] {
  const edge: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 30; level >= 0; level--) {
    const width = 2 ** level;
    if (size & width) {
      edge.push({ level, index: start / width });
      start += width;
    }
  }
  return edge;
}

/** The root of a tree from its right edge (appendLeaves' frontier, largest subtree first). */
export function rootOfFrontier(frontier: readonly { hash: string }[]): string {
  let root: string | undefined;
  for (let at = frontier.length - 1; at >= 0; at--) {
    const hash = frontier[at]?.hash as string;
    root = root === undefined ? hash : nodeHash(hash, root);
  }
  return root ?? EMPTY_ROOT;
}
