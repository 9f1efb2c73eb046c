// A person: their current consent per purpose and cookie category, their own events with each signed receipt verified
// in the browser, and the ledger's hash chain verified.
import { useState } from "preact/hooks";
import type { Desk } from "../desk-context.ts";
import { t, when } from "../i18n.ts";
import { verifyExportedChain } from "../ledger-check.ts";
import { refusal, Show, useLoad } from "../ui.tsx";
import { ConsentEvents } from "./person-events.tsx";

export function PersonPage({ desk, subjectId }: { desk: Desk; subjectId: string }) {
  const [draft, setDraft] = useState(subjectId);
  const [consent] = useLoad(async () => (subjectId ? desk.client.consent.get(subjectId) : null), subjectId);
  const [verified, setVerified] = useState<string | null>(null);
  const [rehashed, setRehashed] = useState<string | null>(null);
  /** Every event since the ledger began, as JSON, re-hashed here; the gateway allows 10 000 events per export. */
  const rehashInBrowser = async () => {
    setRehashed(t("loading"));
    try {
      const { document } = await desk.client.consent.export(
        { from: "2000-01-01T00:00:00.000Z", to: new Date(Date.now() + 60_000).toISOString() },
        "JSON",
      );
      const result = await verifyExportedChain(document);
      setRehashed(
        result.ok
          ? t("browserLedgerOk", { count: result.count, hash: result.headHash.slice(0, 16) })
          : t("ledgerBroken", { sequence: result.sequence, kind: result.problem }),
      );
    } catch (error) {
      setRehashed(refusal(error));
    }
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t("personTitle")}</h1>
      <form
        class="inline"
        onSubmit={(event) => {
          event.preventDefault();
          location.hash = `#/person/${encodeURIComponent(draft.trim())}`;
        }}
      >
        <label>
          {t("subjectId")}
          <input required name="subjectId" value={draft} onInput={(event) => setDraft(event.currentTarget.value)} />
        </label>
        <button type="submit">{t("look")}</button>
      </form>
      <Show loaded={consent}>
        {(state) =>
          state && (
            <>
              {state.restricted && <p class="notice">{t("restricted")}</p>}
              <table>
                <caption>{subjectId}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("purpose")}</th>
                    <th scope="col">{t("decision")}</th>
                    <th scope="col">{t("channel")}</th>
                    <th scope="col">{t("decidedAt")}</th>
                    <th scope="col">{t("validUntil")}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.purposes.map((entry) => (
                    <tr key={entry.purpose.key}>
                      <th scope="row">{entry.purpose.name}</th>
                      <td>{entry.status}</td>
                      <td>{entry.channel ?? "—"}</td>
                      <td>{when(entry.decidedAt)}</td>
                      <td>{when(entry.validUntil)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table>
                <caption>{t("cookies")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("decision")}</th>
                    <th scope="col">{t("channel")}</th>
                    <th scope="col">{t("decidedAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.cookieCategories.map((entry) => (
                    <tr key={entry.category.key}>
                      <th scope="row">{entry.category.name}</th>
                      <td>{entry.status}</td>
                      <td>{entry.channel ?? "—"}</td>
                      <td>{when(entry.decidedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Show>
      {subjectId && <ConsentEvents key={subjectId} desk={desk} subjectId={subjectId} />}
      <section aria-labelledby="ledger">
        <h2 id="ledger">{t("ledger")}</h2>
        <button
          type="button"
          onClick={async () => {
            const result = await desk.client.consent.verifyLedger();
            setVerified(
              result.ok
                ? t("ledgerOk", { count: result.verifiedCount, hash: result.headHash.slice(0, 16) })
                : t("ledgerBroken", { sequence: result.firstBreak?.sequence ?? "?", kind: result.firstBreak?.kind ?? "?" }),
            );
          }}
        >
          {t("verifyLedger")}
        </button>
        <p role="status">{verified ?? ""}</p>
        <button type="button" onClick={rehashInBrowser}>
          {t("browserVerify")}
        </button>
        <p role="status">{rehashed ?? ""}</p>
      </section>
    </section>
  );
}
