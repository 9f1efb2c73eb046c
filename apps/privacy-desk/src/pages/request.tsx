// One request: summary and deadline, who has it, identity verification and who verified how, the timeline, each data
// system's task with its answer, the notices sent and their delivery state; staff extend, verify, move, refuse on a
// legal ground, answer a question or complaint, and complete it.
import type { PrivacyRequestDetail, RequestStatus } from "@custos/sdk/staff";
import { useState } from "preact/hooks";
import type { Desk } from "../desk-context.ts";
import { groundName, t, when } from "../i18n.ts";
import { DueBadge, Json, Outcome, Show, useChange, useLoad } from "../ui.tsx";
import { missingCalendar } from "./queue.tsx";
import { type Act, ANSWERED_TYPES, AnswerForm, RefusalForm } from "./request-decisions.tsx";

/**
 * Where staff may move a request by hand; the gateway refuses a move its workflow does not allow, naming those it does.
 * A refusal has its own form (it needs a legal ground), and a question or complaint is completed by its answer.
 */
function movesFor(request: PrivacyRequestDetail): RequestStatus[] {
  const moves: RequestStatus[] = ["AWAITING_VERIFICATION", "VERIFIED", "IN_PROGRESS", "COMPLETED"];
  return moves.filter((status) => status !== request.status && !(status === "COMPLETED" && ANSWERED_TYPES.includes(request.type)));
}

function chosen(assignee: string | null | undefined, request: PrivacyRequestDetail): string | null {
  return assignee === undefined ? (request.assignee?.subject ?? null) : assignee;
}

/** The move chosen, or the first one there is while the chosen one is not open to this request. */
function targetOf(request: PrivacyRequestDetail, chosen: RequestStatus): RequestStatus {
  const moves = movesFor(request);
  return moves.includes(chosen) ? chosen : (moves[0] ?? chosen);
}

function Summary({ request, coverage }: { request: PrivacyRequestDetail; coverage: Parameters<typeof missingCalendar>[1] }) {
  return (
    <dl class="facts">
      <dt>{t("type")}</dt>
      <dd>{request.type}</dd>
      <dt>{t("status")}</dt>
      <dd>{request.status}</dd>
      <dt>{t("law")}</dt>
      <dd>{request.jurisdiction}</dd>
      <dt>{t("deadline")}</dt>
      <dd>
        {when(request.dueAt)} <DueBadge state={request.dueState} />
        {request.deadlineProvisional && <p class="provisional">{missingCalendar(request, coverage)}</p>}
        {request.extendedDueAt && <p>{t("extendedTo", { date: when(request.extendedDueAt), reason: request.extensionReason ?? "" })}</p>}
      </dd>
      <dt>{t("rule")}</dt>
      <dd>{request.deadlineRule ?? "—"}</dd>
      <dt>{t("received")}</dt>
      <dd>{when(request.receivedAt)}</dd>
      <dt>{t("subject")}</dt>
      <dd>{request.subjectId ? <a href={`#/person/${encodeURIComponent(request.subjectId)}`}>{request.subjectId}</a> : "—"}</dd>
      <dt>{t("contact")}</dt>
      <dd>{request.contactEmail ?? "—"}</dd>
      <dt>{t("details")}</dt>
      <dd>{request.details ?? "—"}</dd>
      {request.refusalGround && (
        <>
          <dt>{t("refusedOn")}</dt>
          <dd>
            {groundName(request.refusalGround)}
            {request.rejectionReason && <p>{request.rejectionReason}</p>}
          </dd>
        </>
      )}
    </dl>
  );
}

export function RequestPage({ desk, id }: { desk: Desk; id: string }) {
  const [loaded, reload] = useLoad(async () => {
    const [request, coverage, members] = await Promise.all([
      desk.client.requests.get(id),
      desk.client.requests.calendarCoverage(),
      desk.client.staff.members(),
    ]);
    return { request, coverage, members };
  }, id);
  const change = useChange();
  /** The choice in the assignment form; undefined until someone changes it, showing who has the request now. */
  const [assignee, setAssignee] = useState<string | null | undefined>(undefined);
  const [extension, setExtension] = useState("");
  const [move, setMove] = useState<{ to: RequestStatus; reason: string }>({ to: "IN_PROGRESS", reason: "" });
  const [check, setCheck] = useState({ provider: "", reference: "" });
  const act: Act = (action) => async (event) => {
    event.preventDefault();
    if (await change.run(action)) reload();
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t("requestTitle", { id: id.slice(0, 8) })}</h1>
      <Outcome message={change.message} />
      <Show loaded={loaded}>
        {({ request, coverage, members }) => (
          <>
            <section aria-labelledby="summary">
              <h2 id="summary">{t("summary")}</h2>
              <Summary request={request} coverage={coverage} />
            </section>

            {request.answer && (
              <section aria-labelledby="answer">
                <h2 id="answer">{t("answerSent")}</h2>
                <p class="answer">{request.answer}</p>
              </section>
            )}

            <section aria-labelledby="assignment">
              <h2 id="assignment">{t("assignee")}</h2>
              <p>{request.assignee ? t("assignedTo", { name: request.assignee.name ?? request.assignee.subject }) : t("unassigned")}</p>
              {desk.canChange && (
                <form class="inline" onSubmit={act(() => desk.client.requests.assign(request.id, chosen(assignee, request)))}>
                  <label>
                    {t("assignTo")}
                    <select
                      value={chosen(assignee, request) ?? ""}
                      onChange={(event) => setAssignee(event.currentTarget.value === "" ? null : event.currentTarget.value)}
                    >
                      <option value="">{t("nobody")}</option>
                      {members
                        .filter((member) => member.role === "staff")
                        .map((member) => (
                          <option key={member.subject} value={member.subject}>
                            {member.name ?? member.email ?? member.subject}
                          </option>
                        ))}
                    </select>
                  </label>
                  <button type="submit" disabled={change.busy}>
                    {t("assign")}
                  </button>
                </form>
              )}
            </section>

            <section aria-labelledby="identity">
              <h2 id="identity">{t("identity")}</h2>
              {request.verificationMethod ? (
                <p>
                  {t("verifiedHow", { method: request.verificationMethod, who: request.verifiedBy ?? "—", date: when(request.verifiedAt) })}
                  {request.verificationProvider && ` — ${request.verificationProvider} ${request.verificationReference ?? ""}`}
                </p>
              ) : (
                <p>{t("notVerified")}</p>
              )}
              {desk.canChange && !request.verificationMethod && !request.closedAt && (
                <form class="inline" onSubmit={act(() => desk.client.requests.verifyIdentity(request.id, check))}>
                  <fieldset>
                    <legend>{t("documentCheck")}</legend>
                    <label>
                      {t("provider")}
                      <input
                        required
                        value={check.provider}
                        onInput={(event) => setCheck({ ...check, provider: event.currentTarget.value })}
                      />
                    </label>
                    <label>
                      {t("reference")}
                      <input
                        required
                        value={check.reference}
                        onInput={(event) => setCheck({ ...check, reference: event.currentTarget.value })}
                      />
                    </label>
                    <button type="submit" disabled={change.busy}>
                      {t("record")}
                    </button>
                  </fieldset>
                </form>
              )}
            </section>

            <section aria-labelledby="timeline">
              <h2 id="timeline">{t("timeline")}</h2>
              <ol class="timeline">
                {request.events.map((event) => (
                  <li key={`${event.occurredAt}-${event.toStatus}`}>
                    <time dateTime={event.occurredAt}>{when(event.occurredAt)}</time> {event.fromStatus ?? "—"} →{" "}
                    <strong>{event.toStatus}</strong> <span class="actor">{event.actor}</span>
                    {event.note && <p>{event.note}</p>}
                  </li>
                ))}
              </ol>
            </section>

            <section aria-labelledby="tasks">
              <h2 id="tasks">{t("tasks")}</h2>
              {request.taskAnswers.length === 0 ? (
                <p>{t("noTasks")}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("system")}</th>
                      <th scope="col">{t("status")}</th>
                      <th scope="col">{t("answer")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {request.taskAnswers.map((task) => (
                      <tr key={task.id}>
                        <th scope="row">{task.system}</th>
                        <td>
                          {task.status} {task.completedAt && <small>{when(task.completedAt)}</small>}
                        </td>
                        <td>{task.result == null ? t("noAnswer") : <Json value={task.result} />}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            <section aria-labelledby="notices">
              <h2 id="notices">{t("notices")}</h2>
              {request.notices.length === 0 ? (
                <p>{t("noNotices")}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("notices")}</th>
                      <th scope="col">{t("status")}</th>
                      <th scope="col">{t("attempts")}</th>
                      <th scope="col">{t("sentAt")}</th>
                      <th scope="col">{t("lastError")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {request.notices.map((notice) => (
                      <tr key={notice.id}>
                        <th scope="row">{notice.template}</th>
                        <td>{notice.status}</td>
                        <td>{notice.attempts}</td>
                        <td>{when(notice.sentAt)}</td>
                        <td>{notice.lastError ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            {desk.canChange && !request.closedAt && (
              <section aria-labelledby="actions">
                <h2 id="actions">{t("actions")}</h2>
                {ANSWERED_TYPES.includes(request.type) && <AnswerForm desk={desk} request={request} busy={change.busy} act={act} />}
                {request.extensionNoticeBy && !request.extendedDueAt && (
                  <form onSubmit={act(() => desk.client.requests.extend(request.id, extension))}>
                    <fieldset>
                      <legend>{t("extend")}</legend>
                      <label>
                        {t("extendReason")}
                        <textarea required rows={2} value={extension} onInput={(event) => setExtension(event.currentTarget.value)} />
                      </label>
                      <button type="submit" disabled={change.busy}>
                        {t("extend")}
                      </button>
                    </fieldset>
                  </form>
                )}
                <form
                  onSubmit={act(() => desk.client.requests.transition(request.id, targetOf(request, move.to), move.reason || undefined))}
                >
                  <fieldset>
                    <legend>{t("move")}</legend>
                    <label>
                      {t("moveTo")}
                      <select
                        value={targetOf(request, move.to)}
                        onChange={(event) => setMove({ ...move, to: event.currentTarget.value as RequestStatus })}
                      >
                        {movesFor(request).map((status) => (
                          <option key={status} value={status}>
                            {status}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      {t("reason")}
                      <textarea rows={2} value={move.reason} onInput={(event) => setMove({ ...move, reason: event.currentTarget.value })} />
                    </label>
                    <button type="submit" disabled={change.busy}>
                      {t("move")}
                    </button>
                  </fieldset>
                </form>
                <RefusalForm desk={desk} request={request} busy={change.busy} act={act} />
              </section>
            )}
          </>
        )}
      </Show>
    </section>
  );
}
