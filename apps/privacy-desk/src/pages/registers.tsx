// The registers: processors, data systems, transfers with the findings per law, disclosures, legal holds, retention
// runs, and the Art. 30 record of processing downloaded as HTML, CSV or JSON.
import type { ProcessingRecordFormat } from "@custos/sdk/staff";
import type { Desk } from "../desk-context.ts";
import { t, when } from "../i18n.ts";
import { Outcome, Show, saveFile, useChange, useLoad } from "../ui.tsx";

const RECORD_TYPES: Record<ProcessingRecordFormat, string> = { HTML: "text/html", CSV: "text/csv", JSON: "application/json" };

export function RegistersPage({ desk }: { desk: Desk }) {
  const [registers] = useLoad(async () => {
    const { client } = desk;
    const [processors, systems, transfers, disclosures, holds, runs] = await Promise.all([
      client.processors.list(),
      client.systems.list({ includeRetired: true }),
      client.transfers.list(),
      client.records.disclosures(),
      client.records.legalHolds(),
      client.records.retentionRuns(),
    ]);
    return { processors, systems, transfers, disclosures, holds, runs };
  }, "");
  const download = useChange();
  const yesNo = (value: boolean) => t(value ? "yes" : "no");

  return (
    <section>
      <h1 tabIndex={-1}>{t("registersTitle")}</h1>
      <section aria-labelledby="record30">
        <h2 id="record30">{t("record30")}</h2>
        <p class="buttons">
          {(Object.keys(RECORD_TYPES) as ProcessingRecordFormat[]).map((format) => (
            <button
              key={format}
              type="button"
              disabled={download.busy}
              onClick={() =>
                download.run(async () =>
                  saveFile(
                    `record-of-processing.${format.toLowerCase()}`,
                    RECORD_TYPES[format],
                    await desk.client.records.processing(format),
                  ),
                )
              }
            >
              {t("download", { format })}
            </button>
          ))}
        </p>
        <Outcome message={download.message} />
      </section>
      <Show loaded={registers}>
        {({ processors, systems, transfers, disclosures, holds, runs }) => (
          <>
            <section aria-labelledby="processors">
              <h2 id="processors">{t("processors")}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("country")}</th>
                    <th scope="col">{t("contact")}</th>
                    <th scope="col">{t("categories")}</th>
                  </tr>
                </thead>
                <tbody>
                  {processors.map((processor) => (
                    <tr key={processor.id}>
                      <th scope="row">{processor.name}</th>
                      <td>{processor.country}</td>
                      <td>{processor.contactEmail ?? "—"}</td>
                      <td>{processor.dataCategories.map((category) => category.key).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="systems">
              <h2 id="systems">{t("systems")}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("key")}</th>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("categories")}</th>
                    <th scope="col">{t("accountSystem")}</th>
                    <th scope="col">{t("active")}</th>
                  </tr>
                </thead>
                <tbody>
                  {systems.map((system) => (
                    <tr key={system.key}>
                      <th scope="row">{system.key}</th>
                      <td>{system.name}</td>
                      <td>{system.dataCategories.map((category) => category.key).join(", ")}</td>
                      <td>{yesNo(system.accountSystem)}</td>
                      <td>{yesNo(system.retiredAt === null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="transfers">
              <h2 id="transfers">{t("transfers")}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("destination")}</th>
                    <th scope="col">{t("processors")}</th>
                    <th scope="col">{t("mechanisms")}</th>
                    <th scope="col">{t("findings")}</th>
                  </tr>
                </thead>
                <tbody>
                  {transfers.map((transfer) => (
                    <tr key={transfer.id}>
                      <th scope="row">
                        {transfer.destinationCountry} <small>({transfer.subjectJurisdictions.join(", ")})</small>
                      </th>
                      <td>{transfer.processor.name}</td>
                      <td>{transfer.mechanisms.join(", ")}</td>
                      <td>
                        {transfer.assessment.ok ? (
                          <span class="badge calm">{t("lawful", { laws: transfer.assessment.applicableLaws.join(", ") })}</span>
                        ) : (
                          <ul>
                            {transfer.assessment.findings.map((finding) => (
                              <li key={`${finding.law}-${finding.code}`}>
                                <span class="badge alarm">{finding.law ?? "—"}</span> {finding.message}{" "}
                                {finding.url && <a href={finding.url}>{finding.article}</a>}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="disclosures">
              <h2 id="disclosures">{t("disclosures")}</h2>
              {disclosures.length === 0 ? (
                <p>{t("none")}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("disclosedAt")}</th>
                      <th scope="col">{t("authority")}</th>
                      <th scope="col">{t("subject")}</th>
                      <th scope="col">{t("noticeOwed")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {disclosures.map((disclosure) => (
                      <tr key={disclosure.id}>
                        <th scope="row">{when(disclosure.disclosedAt)}</th>
                        <td>
                          {disclosure.authority} ({disclosure.instrument})
                        </td>
                        <td>{disclosure.subjectId ?? "—"}</td>
                        <td>{yesNo(disclosure.noticeOwed)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="holds">
              <h2 id="holds">{t("holds")}</h2>
              {holds.length === 0 ? (
                <p>{t("none")}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("reason")}</th>
                      <th scope="col">{t("subject")}</th>
                      <th scope="col">{t("categories")}</th>
                      <th scope="col">{t("active")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {holds.map((hold) => (
                      <tr key={hold.id}>
                        <th scope="row">{hold.reason}</th>
                        <td>{hold.subjectId ?? "—"}</td>
                        <td>{hold.dataCategory?.key ?? "—"}</td>
                        <td>{yesNo(hold.active)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="runs">
              <h2 id="runs">{t("runs")}</h2>
              {runs.length === 0 ? (
                <p>{t("none")}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("startedAt")}</th>
                      <th scope="col">{t("startedBy")}</th>
                      <th scope="col">{t("status")}</th>
                      <th scope="col">{t("categories")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {runs.map((run) => (
                      <tr key={run.id}>
                        <th scope="row">
                          {when(run.startedAt)} {run.dryRun && <span class="badge calm">{t("dryRun")}</span>}
                        </th>
                        <td>{run.startedBy}</td>
                        <td>{run.status}</td>
                        <td>
                          {run.counts
                            .map((count) => `${count.dataCategory}: ${t("processed")} ${count.processed}, ${t("held")} ${count.held}`)
                            .join("; ")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </Show>
    </section>
  );
}
