// The queue: every open request by the deadline in force, due-soon and overdue marked, provisional deadlines naming the
// calendar that is missing; filters by law, type, status and assignee; a request taken with one button.
import type { CalendarCoverage, PrivacyRequest, PrivacyRequestQueueFilter, RequestStatus, RequestType } from "@custos/sdk/staff";
import { useState } from "preact/hooks";
import type { Desk } from "../desk-context.ts";
import { t, when } from "../i18n.ts";
import { DueBadge, Outcome, Show, useChange, useLoad } from "../ui.tsx";

export const REQUEST_TYPES: RequestType[] = [
  "ACCESS",
  "PORTABILITY",
  "RECTIFICATION",
  "ERASURE",
  "RESTRICTION",
  "OBJECTION",
  "OPT_OUT_OF_SALE",
  "QUESTION",
  "COMPLAINT",
];
export const OPEN_STATUSES: RequestStatus[] = ["RECEIVED", "AWAITING_VERIFICATION", "VERIFIED", "IN_PROGRESS", "ESCALATED"];
const ME = "me";
const NOBODY = "nobody";

/** Which official calendar a provisional deadline waits for: the calendar of its law, for the deadline's year. */
export function missingCalendar(request: PrivacyRequest, coverage: CalendarCoverage[]): string {
  const calendar = coverage.find((entry) => request.jurisdiction.startsWith(entry.jurisdiction));
  return t("provisional", { calendar: calendar?.name ?? request.jurisdiction, year: new Date(request.dueAt).getUTCFullYear() });
}

interface Filters {
  jurisdiction: string;
  type: string;
  status: string;
  assignee: string;
}

function queueFilter(filters: Filters, me: string | undefined): PrivacyRequestQueueFilter {
  const filter: PrivacyRequestQueueFilter = { open: true, first: 100 };
  if (filters.jurisdiction) filter.jurisdiction = filters.jurisdiction;
  if (filters.type) filter.type = filters.type as RequestType;
  if (filters.status) filter.status = [filters.status as RequestStatus];
  if (filters.assignee === NOBODY) filter.assigned = false;
  else if (filters.assignee === ME) filter.assignee = me ?? "";
  else if (filters.assignee) filter.assignee = filters.assignee;
  return filter;
}

export function QueuePage({ desk }: { desk: Desk }) {
  const me = desk.viewer.person?.subject;
  const [draft, setDraft] = useState<Filters>({ jurisdiction: "", type: "", status: "", assignee: "" });
  const [filters, setFilters] = useState(draft);
  const [queue, reload] = useLoad(async () => {
    const [page, coverage, members] = await Promise.all([
      desk.client.requests.queue(queueFilter(filters, me)),
      desk.client.requests.calendarCoverage(),
      desk.client.staff.members(),
    ]);
    return { requests: page.edges.map((edge) => edge.node), coverage, members };
  }, JSON.stringify(filters));
  const change = useChange();
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value.trim() }),
  });

  return (
    <section>
      <h1 tabIndex={-1}>{t("queueTitle")}</h1>
      <form
        class="filters"
        aria-label={t("filters")}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <label>
          {t("law")}
          <input name="jurisdiction" size={6} placeholder="RU, DE, US-CA" {...field("jurisdiction")} />
        </label>
        <label>
          {t("type")}
          <select name="type" {...field("type")}>
            <option value="">{t("anyType")}</option>
            {REQUEST_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("status")}
          <select name="status" {...field("status")}>
            <option value="">{t("anyStatus")}</option>
            {OPEN_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("assignee")}
          <select name="assignee" {...field("assignee")}>
            <option value="">{t("anyone")}</option>
            <option value={NOBODY}>{t("nobody")}</option>
            {me && <option value={ME}>{t("me")}</option>}
            {queue.state === "ready" &&
              queue.value.members
                .filter((member) => member.role === "staff" && member.subject !== me)
                .map((member) => (
                  <option key={member.subject} value={member.subject}>
                    {member.name ?? member.email ?? member.subject}
                  </option>
                ))}
          </select>
        </label>
        <button type="submit">{t("apply")}</button>
      </form>
      <Outcome message={change.message} />
      <Show loaded={queue}>
        {({ requests, coverage }) =>
          requests.length === 0 ? (
            <p>{t("noRequests")}</p>
          ) : (
            <table class="queue">
              <caption class="visually-hidden">{t("queueTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("due")}</th>
                  <th scope="col">{t("request")}</th>
                  <th scope="col">{t("type")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("law")}</th>
                  <th scope="col">{t("assignee")}</th>
                  {desk.canChange && <th scope="col">{t("actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.id} class={request.dueState.toLowerCase()}>
                    <td>
                      {when(request.dueAt)} <DueBadge state={request.dueState} />
                      {request.deadlineProvisional && <p class="provisional">{missingCalendar(request, coverage)}</p>}
                    </td>
                    <td>
                      <a href={`#/requests/${request.id}`}>{request.id.slice(0, 8)}</a>
                      <br />
                      <small>
                        {t("received")} {when(request.receivedAt)}
                      </small>
                    </td>
                    <td>{request.type}</td>
                    <td>{request.status}</td>
                    <td>{request.jurisdiction}</td>
                    <td>{request.assignee ? (request.assignee.name ?? request.assignee.subject) : t("nobody")}</td>
                    {desk.canChange && (
                      <td>
                        {me && request.assignee?.subject !== me && (
                          <button
                            type="button"
                            aria-label={t("takeLabel", { id: request.id.slice(0, 8) })}
                            disabled={change.busy}
                            onClick={async () => (await change.run(() => desk.client.requests.assign(request.id, me))) && reload()}
                          >
                            {t("take")}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}
