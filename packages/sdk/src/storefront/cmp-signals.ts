// The IAB strings of a TCF or GPP CMP on the page, read through their standard APIs (`__tcfapi`, `__gpp`), to send with a
// choice. Passed to `createConsentManager({ signals: readCmpSignals })`; a shop without such a CMP leaves it out.

export interface CmpSignals {
  tcString?: string;
  gppString?: string;
}

type Callback = (data: { tcString?: string; gppString?: string } | null | undefined, success: boolean) => void;
type CmpApi = (command: string, ...args: unknown[]) => void;

/** Asks one CMP API, at most `waitMs`: a CMP that does not answer must not hold a choice back. */
function ask(call: (callback: Callback) => void, pick: "tcString" | "gppString", waitMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), waitMs);
    try {
      call((data, success) => {
        clearTimeout(timer);
        resolve(success ? data?.[pick] || undefined : undefined);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

/**
 * The TC string from `__tcfapi('getTCData', 2, …)` and the GPP string from `__gpp('ping', …)` (GPP 1.1), whichever CMP
 * is on the page; each waits at most `waitMs` (default 500).
 */
export async function readCmpSignals(waitMs = 500): Promise<CmpSignals> {
  const page = globalThis as { __tcfapi?: CmpApi; __gpp?: CmpApi };
  const { __tcfapi: tcfapi, __gpp: gpp } = page;
  const [tcString, gppString] = await Promise.all([
    tcfapi ? ask((callback) => tcfapi("getTCData", 2, callback), "tcString", waitMs) : undefined,
    gpp ? ask((callback) => gpp("ping", callback), "gppString", waitMs) : undefined,
  ]);
  return { ...(tcString && { tcString }), ...(gppString && { gppString }) };
}
