// What a privacy officer must watch: working-day calendars running out (the alarm), notices that failed (retry),
// request tasks no data system has claimed, and the audit log with its export.
import type { AuditExportFormat } from "@custos/sdk/staff";
import type { Desk } from "../desk-context.ts";
import { t, when } from "../i18n.ts";
import { Outcome, Show, saveFile, useChange, useLoad } from "../ui.tsx";

/** The gateway's daily alarm warns this many days before a calendar runs out. */
const ALARM_DAYS = 60;

export function OperationsPage({ desk }: { desk: Desk }) {
  const [loaded, reload] = useLoad(async () => {
    const { client } = desk;
    const [coverage, failed, tasks, audit] = await Promise.all([
      client.requests.calendarCoverage(),
      client.notices.list({ status: "FAILED" }),
      client.tasks.list({ status: "PENDING", first: 100 }),
      client.audit.list(),
    ]);
    return {
      coverage,
      failed: failed.edges.map((edge) => edge.node),
      unclaimed: tasks.edges.map((edge) => edge.node).filter((task) => task.claimedAt === null),
      audit: audit.edges.map((edge) => edge.node).slice(0, 20),
    };
  }, "");
  const change = useChange();

  return (
    <section>
      <h1 tabIndex={-1}>{t("operationsTitle")}</h1>
      <Outcome message={change.message} />
      <Show loaded={loaded}>
        {({ coverage, failed, unclaimed, audit }) => {
          const alarms = coverage.filter((calendar) => calendar.daysLeft < ALARM_DAYS);
          return (
            <>
              <section aria-labelledby="coverage">
                <h2 id="coverage">{t("coverage")}</h2>
                {alarms.length === 0 ? (
                  <p class="badge calm">{t("coverageOk")}</p>
                ) : (
                  alarms.map((calendar) => (
                    <p key={calendar.jurisdiction} role="alert" class="refusal">
                      {t("coverageAlarm", { calendar: calendar.name, days: calendar.daysLeft })}
                    </p>
                  ))
                )}
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("calendar")}</th>
                      <th scope="col">{t("lastCovered")}</th>
                      <th scope="col">{t("daysLeft")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {coverage.map((calendar) => (
                      <tr key={calendar.jurisdiction}>
                        <th scope="row">
                          {calendar.name} ({calendar.jurisdiction})
                        </th>
                        <td>{calendar.lastCoveredDay}</td>
                        <td>{calendar.daysLeft}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section aria-labelledby="failed">
                <h2 id="failed">{t("failedNotices")}</h2>
                {failed.length === 0 ? (
                  <p>{t("none")}</p>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t("notices")}</th>
                        <th scope="col">{t("attempts")}</th>
                        <th scope="col">{t("lastError")}</th>
                        {desk.canChange && <th scope="col">{t("actions")}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {failed.map((notice) => (
                        <tr key={notice.id}>
                          <th scope="row">
                            {notice.template} <small>{when(notice.createdAt)}</small>
                          </th>
                          <td>{notice.attempts}</td>
                          <td>{notice.lastError ?? "—"}</td>
                          {desk.canChange && (
                            <td>
                              <button
                                type="button"
                                aria-label={t("retryLabel", { id: notice.id.slice(0, 8) })}
                                disabled={change.busy}
                                onClick={async () => (await change.run(() => desk.client.notices.retry(notice.id))) && reload()}
                              >
                                {t("retry")}
                              </button>
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
              <section aria-labelledby="unclaimed">
                <h2 id="unclaimed">{t("unclaimed")}</h2>
                {unclaimed.length === 0 ? (
                  <p>{t("none")}</p>
                ) : (
                  <ul>
                    {unclaimed.map((task) => (
                      <li key={task.id}>
                        <strong>{task.system}</strong>: {task.request.type}{" "}
                        <a href={`#/requests/${task.request.id}`}>{task.request.id.slice(0, 8)}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby="audit">
                <h2 id="audit">{t("audit")}</h2>
                <p class="buttons">
                  {(["CSV", "JSON"] as AuditExportFormat[]).map((format) => (
                    <button
                      key={format}
                      type="button"
                      disabled={change.busy}
                      onClick={() =>
                        change.run(async () =>
                          saveFile(
                            `audit-log.${format.toLowerCase()}`,
                            format === "CSV" ? "text/csv" : "application/json",
                            await desk.client.audit.export(format),
                          ),
                        )
                      }
                    >
                      {t("exportAudit", { format })}
                    </button>
                  ))}
                </p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("when")}</th>
                      <th scope="col">{t("actor")}</th>
                      <th scope="col">{t("operation")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {audit.map((entry) => (
                      <tr key={entry.id}>
                        <th scope="row">{when(entry.occurredAt)}</th>
                        <td>{entry.actor}</td>
                        <td>{entry.operation}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          );
        }}
      </Show>
    </section>
  );
}
