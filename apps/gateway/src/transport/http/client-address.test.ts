import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.ts";

const from = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as IncomingMessage;
const PROXIES = new Set(["10.0.0.2", "10.0.0.3"]);

describe("the client's address", () => {
  it("is the peer's when the peer is not a trusted proxy, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(from("203.0.113.7", "198.51.100.1"), PROXIES)).toBe("203.0.113.7");
    expect(clientAddress(from("::ffff:203.0.113.7"), PROXIES)).toBe("203.0.113.7");
  });

  it("is the nearest untrusted hop behind trusted proxies, not an address the client wrote in front of it", () => {
    expect(clientAddress(from("10.0.0.2", "198.51.100.1"), PROXIES)).toBe("198.51.100.1");
    expect(clientAddress(from("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3"), PROXIES)).toBe("198.51.100.1");
  });

  it("falls back to the proxy's own address when the header is missing or malformed", () => {
    expect(clientAddress(from("10.0.0.2"), PROXIES)).toBe("10.0.0.2");
    expect(clientAddress(from("10.0.0.2", "not-an-address"), PROXIES)).toBe("10.0.0.2");
  });
});
