import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApiKeyKind } from "@custos/db/enums";

/** The start of a key says what it is, so a leaked key is recognisable in a log or a secret scanner. */
const KIND_TAGS: Record<ApiKeyKind, string> = {
  PUBLISHABLE: "pub",
  SERVICE: "svc",
  PARTNER: "prt",
  STAFF: "stf",
  AUDITOR: "aud",
};

const KEY_PATTERN = /^(cus_(pub|svc|prt|stf|aud)_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  /** The whole key, shown to its owner once. */
  token: string;
  /** Non-secret, unique start used to find the key's row. */
  prefix: string;
}

/** 256 random bits: too many to guess, so a keyed hash is enough and no slow password hash is needed. */
export function issueKey(kind: ApiKeyKind): IssuedKey {
  const prefix = `cus_${KIND_TAGS[kind]}_${randomBytes(6).toString("hex")}`;
  return { prefix, token: `${prefix}_${randomBytes(32).toString("base64url")}` };
}

/** The prefix of a well-formed key, or undefined for anything else. */
export function keyPrefixOf(token: string): string | undefined {
  return KEY_PATTERN.exec(token)?.[1];
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith("cus_");
}

/**
 * HMAC-SHA-256 keyed with a pepper kept outside the database: a copy of the database alone can
 * neither use nor test keys.
 */
export function hashKey(token: string, pepper: string): string {
  return createHmac("sha256", pepper).update(token).digest("hex");
}

export function keyMatches(token: string, storedHash: string, pepper: string): boolean {
  const actual = Buffer.from(hashKey(token, pepper), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
