import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "../unsubscribe/unsubscribe-token.ts";
import { hashIp, ipHashKey, storedProof, truncateIp } from "./proof.ts";

const PEPPER = "a-pepper-long-enough-for-tests-of-proof";

describe("IP proof", () => {
  it.each([
    ["203.0.113.77", "203.0.113.0"],
    ["2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::"],
    ["2001:0db8:0001:0002:0003:0004:0005:0006", "2001:db8:1::"],
    ["::1", "0:0:0::"],
  ])("truncates %s to its network %s", (ip, network) => {
    expect(truncateIp(ip)).toBe(network);
  });

  it("hashes addresses of one network alike and never stores the address", () => {
    const key = ipHashKey(PEPPER);
    expect(hashIp("203.0.113.77", key)).toBe(hashIp("203.0.113.1", key));
    expect(hashIp("203.0.113.77", key)).not.toBe(hashIp("203.0.114.77", key));
    expect(storedProof({ ipAddress: "203.0.113.77", userAgent: "" }, PEPPER)).toEqual({
      userAgent: null,
      ipHash: hashIp("203.0.113.77", key),
      pageUrl: null,
    });
  });

  it("refuses what is not an IP address", () => {
    expect(() => storedProof({ ipAddress: "localhost" }, PEPPER)).toThrow(expect.objectContaining({ code: "INVALID_PROOF" }));
  });
});

describe("unsubscribe tokens", () => {
  const claims = { tenantId: "t-1", subjectId: "s-1", purposeKey: "marketing" };

  it("round-trips the claims", () => {
    expect(verifyUnsubscribeToken(signUnsubscribeToken(claims, PEPPER), PEPPER)).toEqual(claims);
  });

  it("refuses a token signed with another secret, or with its payload changed", () => {
    const token = signUnsubscribeToken(claims, PEPPER);
    expect(() => verifyUnsubscribeToken(token, `${PEPPER}-other`)).toThrow(expect.objectContaining({ code: "INVALID_UNSUBSCRIBE_TOKEN" }));
    const [version, , mac] = token.split(".");
    const otherPayload = Buffer.from(JSON.stringify({ t: "t-1", s: "s-2", p: "marketing" })).toString("base64url");
    expect(() => verifyUnsubscribeToken(`${version}.${otherPayload}.${mac}`, PEPPER)).toThrow(
      expect.objectContaining({ code: "INVALID_UNSUBSCRIBE_TOKEN" }),
    );
    expect(() => verifyUnsubscribeToken("garbage", PEPPER)).toThrow(expect.objectContaining({ code: "INVALID_UNSUBSCRIBE_TOKEN" }));
  });
});
