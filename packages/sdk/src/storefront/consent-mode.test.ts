// Consent Mode's commands for a shop that sets regions, and its own mapping: the data layer as Google's tags read it.
// (The demo shop's Chromium test reads the real window.dataLayer after each choice; this covers the options.)
import { describe, expect, it } from "vitest";
import { createConsentManager } from "./consent-manager.ts";
import { installConsentMode } from "./consent-mode.ts";

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe("Google Consent Mode v2", () => {
  it("denies in the shop's regions, takes `outside` elsewhere, and maps purposes to signals as configured", () => {
    // Nothing is delivered here: the gateway's address answers nothing, and the manager is closed at the end.
    const manager = createConsentManager({ url: "http://127.0.0.1:9/graphql", storage: memoryStorage(), gpc: false });
    const dataLayer: unknown[] = [];
    const uninstall = installConsentMode(manager, {
      dataLayer,
      regions: ["RU", "US-CA"],
      outside: "granted",
      waitForUpdate: 800,
      urlPassthrough: true,
      mapping: { ad_personalization: ["advertising", "marketing"] },
    });
    const commands = () => dataLayer.map((entry) => Array.from(entry as ArrayLike<unknown>));
    const signals = (value: string) => ({ ad_storage: value, analytics_storage: value, ad_user_data: value, ad_personalization: value });
    expect(commands()).toEqual([
      ["consent", "default", { ...signals("denied"), wait_for_update: 800, region: ["RU", "US-CA"] }],
      ["consent", "default", { ...signals("granted"), wait_for_update: 800 }],
      ["set", "url_passthrough", true],
    ]);
    // Google's tags recognise commands only as Arguments objects, not arrays.
    expect(Object.prototype.toString.call(dataLayer[0])).toBe("[object Arguments]");

    manager.choose({ cookies: { advertising: "GRANTED", analytics: "WITHDRAWN" }, purposes: { marketing: "WITHDRAWN" } });
    expect(commands().at(-1)).toEqual([
      "consent",
      "update",
      { ad_storage: "granted", analytics_storage: "denied", ad_user_data: "granted", ad_personalization: "denied" },
    ]);
    manager.choose({ purposes: { marketing: "GRANTED" } });
    expect(commands().at(-1)).toEqual(["consent", "update", { ...signals("granted"), analytics_storage: "denied" }]);
    // A change that moves no signal pushes nothing.
    const count = dataLayer.length;
    manager.choose({ cookies: { functional: "GRANTED" } });
    expect(dataLayer).toHaveLength(count);
    uninstall();
    manager.close();
  });
});
