// The few pieces every page shares: a call's state, the refusal shown in words, badges that say what colour shows.
import { CustosError } from "@custos/sdk/staff";
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { type MessageKey, t } from "./i18n.ts";

export type Loaded<T> = { state: "loading" } | { state: "ready"; value: T } | { state: "failed"; error: string };

/** What a refusal says to a person: the gateway's message, with its stable code. */
export function refusal(error: unknown): string {
  if (error instanceof CustosError) return t("error", { message: `${error.message} (${error.code})` });
  return t("error", { message: error instanceof Error ? error.message : String(error) });
}

/** Runs `load` now and again whenever `reload` is called or `key` (what the load reads, e.g. the filters) changes. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [round, setRound] = useState({ key, count: 0 });
  const latest = useRef(load);
  latest.current = load;
  if (round.key !== key) setRound({ key, count: round.count + 1 });
  useEffect(() => {
    let current = true;
    latest.current().then(
      (value) => current && setLoaded({ state: "ready", value }),
      (error: unknown) => current && setLoaded({ state: "failed", error: refusal(error) }),
    );
    return () => {
      current = false;
    };
  }, [round]);
  return [loaded, useCallback(() => setRound((value) => ({ ...value, count: value.count + 1 })), [])];
}

/** Shows a load's value, or says it is loading or why it failed. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) {
  if (loaded.state === "loading") return <p aria-busy="true">{t("loading")}</p>;
  if (loaded.state === "failed")
    return (
      <p role="alert" class="refusal">
        {loaded.error}
      </p>
    );
  return <>{children(loaded.value)}</>;
}

/** A change's outcome, read out by screen readers as it appears. */
export function Outcome({ message }: { message: { ok: boolean; text: string } | null }) {
  return (
    <p role="status" class={message && !message.ok ? "refusal" : "outcome"}>
      {message?.text ?? ""}
    </p>
  );
}

/** Runs a change and says how it went; returns the helpers a form needs. */
export function useChange() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await change();
      setMessage({ ok: true, text: t("done") });
      return true;
    } catch (error) {
      setMessage({ ok: false, text: refusal(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { message, busy, run };
}

const DUE: Record<string, { key: MessageKey; tone: string }> = {
  OVERDUE: { key: "overdue", tone: "alarm" },
  DUE_SOON: { key: "dueSoon", tone: "warn" },
  ON_TRACK: { key: "onTrack", tone: "calm" },
  CLOSED: { key: "closed", tone: "calm" },
};

/** Where a deadline stands, in words and colour (never colour alone). */
export function DueBadge({ state }: { state: string }) {
  const due = DUE[state] ?? { key: "onTrack", tone: "calm" };
  return <span class={`badge ${due.tone}`}>{t(due.key)}</span>;
}

/** A JSON value for people to read. */
export function Json({ value }: { value: unknown }) {
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** Saves a document the gateway built (the Art. 30 record, an audit export) as a file. */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
