// A person's own consent events, newest first, each with its signed receipt verified here, offline, with
// @custos/sdk/verify: the controller's signature against the tenant's published keys, and the event's place in the
// public consent log's signed checkpoint. What the person would download is what is checked.
import type { ConsentEvent, SubjectConsentEventPage } from "@custos/sdk/staff";
import { type PublishedKeys, verifyReceipt } from "@custos/sdk/verify";
import { useState } from "preact/hooks";
import type { Desk } from "../desk-context.ts";
import { t, when } from "../i18n.ts";
import { refusal, Show, useLoad } from "../ui.tsx";

const PAGE_SIZE = 20;

/** Asked again each time (the route allows caching a minute): the receipt just issued may be signed with a new key. */
async function publishedKeys(url: string): Promise<PublishedKeys> {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as PublishedKeys;
}

/** Mount with `key={subjectId}`: the pages loaded and the checks made belong to one person. */
export function ConsentEvents({ desk, subjectId }: { desk: Desk; subjectId: string }) {
  const [firstPage] = useLoad(() => desk.client.consent.events(subjectId, { first: PAGE_SIZE }), subjectId);
  const [older, setOlder] = useState<SubjectConsentEventPage[]>([]);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [latest, setLatest] = useState("");

  const check = async (event: ConsentEvent) => {
    const say = (text: string) => {
      setChecks((done) => ({ ...done, [event.id]: text }));
      setLatest(text);
    };
    say(t("loading"));
    try {
      // The receipt first: the gateway makes the tenant's first signing key when it signs the first receipt.
      const receipt = await desk.client.consent.signedReceipt(subjectId, event.id);
      const result = await verifyReceipt(receipt, await publishedKeys(desk.keysUrl));
      say(
        result.valid
          ? t("receiptValid", { sequence: event.sequence, key: result.keyId, size: result.checkpoint.treeSize })
          : t("receiptInvalid", { sequence: event.sequence, reason: result.reason }),
      );
    } catch (error) {
      say(refusal(error));
    }
  };

  return (
    <section aria-labelledby="events">
      <h2 id="events">{t("consentEvents")}</h2>
      <Show loaded={firstPage}>
        {(first) => {
          const pages = [first, ...older];
          const events = pages.flatMap((page) => page.edges.map((edge) => edge.node));
          const last = pages[pages.length - 1] ?? first;
          if (events.length === 0) return <p>{t("noEvents")}</p>;
          return (
            <>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("sequence")}</th>
                    <th scope="col">{t("target")}</th>
                    <th scope="col">{t("decision")}</th>
                    <th scope="col">{t("channel")}</th>
                    <th scope="col">{t("decidedAt")}</th>
                    <th scope="col">{t("receipt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((event) => (
                    <tr key={event.id}>
                      <th scope="row">{event.sequence}</th>
                      <td>{event.purpose?.name ?? event.cookieCategory?.name ?? "—"}</td>
                      <td>{event.decision}</td>
                      <td>{event.channel}</td>
                      <td>{when(event.occurredAt)}</td>
                      <td>
                        <button
                          type="button"
                          aria-label={t("verifyReceiptOf", { sequence: event.sequence })}
                          onClick={() => void check(event)}
                        >
                          {t("verifyReceipt")}
                        </button>{" "}
                        {checks[event.id] ?? ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {last.pageInfo.hasNextPage && (
                <button
                  type="button"
                  onClick={() =>
                    desk.client.consent.events(subjectId, { first: PAGE_SIZE, after: last.pageInfo.endCursor ?? undefined }).then(
                      (next) => setOlder((loaded) => [...loaded, next]),
                      (error: unknown) => setLatest(refusal(error)),
                    )
                  }
                >
                  {t("olderEvents")}
                </button>
              )}
            </>
          );
        }}
      </Show>
      <p role="status">{latest}</p>
    </section>
  );
}
