// RFC 9162 §2.1: leaf hash SHA-256(0x00 || input), node hash SHA-256(0x01 || left || right), and the verification
// algorithms of §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). WebCrypto's SHA-256: browsers and Node alike.

function hexToBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new TypeError("not a lowercase hex string");
  const bytes = new Uint8Array(hex.length / 2);
  for (let at = 0; at < bytes.length; at++) bytes[at] = Number.parseInt(hex.slice(at * 2, at * 2 + 2), 16);
  return bytes;
}

function bytesToHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function sha256(...parts: Uint8Array[]): Promise<string> {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return bytesToHex(await crypto.subtle.digest("SHA-256", joined));
}

export function leafHash(leafInput: string): Promise<string> {
  return sha256(Uint8Array.of(0), new TextEncoder().encode(leafInput));
}

export function nodeHash(left: string, right: string): Promise<string> {
  return sha256(Uint8Array.of(1), hexToBytes(left), hexToBytes(right));
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** Whether `auditPath` leads from the leaf at `leafIndex` of a tree of `treeSize` leaves to `root`. */
export async function verifyInclusion(leaf: string, leafIndex: number, treeSize: number, auditPath: readonly string[], root: string) {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of auditPath) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r === root;
}

/** Whether `proof` shows the tree of `fromSize` leaves with `fromRoot` is a prefix of the one of `toSize` with `toRoot`. */
export async function verifyConsistency(fromSize: number, fromRoot: string, toSize: number, toRoot: string, proof: readonly string[]) {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 0 || toSize < fromSize) return false;
  if (fromSize === toSize) return proof.length === 0 && fromRoot === toRoot;
  if (fromSize === 0) return proof.length === 0;
  const path = (fromSize & (fromSize - 1)) === 0 ? [fromRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as string;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr === fromRoot && sr === toRoot && sn === 0;
}
