// `@custos/sdk/staff`: privacy staff and auditors (cus_stf_…, cus_aud_…) use the whole SDK, so this entry is the full
// client under the name of its audience; it exists so each audience imports from a path of its own.
export * from "./index.ts";
