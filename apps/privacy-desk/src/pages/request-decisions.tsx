// The two ways staff close a request with words the person receives: refusing it on a legal ground of its law (the
// gateway lists which; the notice cites the ground), and answering a question or complaint (the answer is the notice).
import type { PrivacyRequestDetail, RefusalGround } from "@custos/sdk/staff";
import { useState } from "preact/hooks";
import type { Desk } from "../desk-context.ts";
import { groundName, t } from "../i18n.ts";
import { Show, useLoad } from "../ui.tsx";

/** Runs a change from a form's submit and reloads the page when it went through (RequestPage's `act`). */
export type Act = (action: () => Promise<unknown>) => (event: Event) => Promise<void>;

interface DecisionProps {
  desk: Desk;
  request: PrivacyRequestDetail;
  busy: boolean;
  act: Act;
}

/** The types that are completed by an answer rather than carried out by the data systems. */
export const ANSWERED_TYPES: readonly string[] = ["QUESTION", "COMPLAINT"];

export function RefusalForm({ desk, request, busy, act }: DecisionProps) {
  const [loaded] = useLoad(() => desk.client.requests.refusalGrounds(request.jurisdiction), request.jurisdiction);
  const [ground, setGround] = useState<RefusalGround | "">("");
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  return (
    <form
      onSubmit={act(async () => {
        if (ground) await desk.client.requests.reject(request.id, ground, reason.trim() || undefined);
      })}
    >
      <fieldset>
        <legend>{t("refuse")}</legend>
        <Show loaded={loaded}>
          {(grounds) => {
            const chosen = grounds.find((option) => option.ground === ground);
            return (
              <>
                <label>
                  {t("refusalGround")}
                  <select
                    required
                    aria-describedby="ground-hint"
                    value={ground}
                    onChange={(event) => setGround(event.currentTarget.value as RefusalGround | "")}
                  >
                    <option value="">{t("chooseGround")}</option>
                    {grounds.map((option) => (
                      <option key={option.ground} value={option.ground}>
                        {groundName(option.ground)}
                      </option>
                    ))}
                  </select>
                </label>
                <p id="ground-hint" class="hint">
                  {chosen && t("cites", { citation: chosen.citation })} {chosen?.needsReason && t("groundNeedsReason")}
                </p>
                <label>
                  {t("refusalReason")}
                  <textarea
                    rows={2}
                    required={chosen?.needsReason ?? false}
                    value={reason}
                    onInput={(event) => setReason(event.currentTarget.value)}
                  />
                </label>
                <label class="check">
                  <input type="checkbox" required checked={confirmed} onChange={(event) => setConfirmed(event.currentTarget.checked)} />
                  {t("confirmRefusal")}
                </label>
                <button type="submit" disabled={busy}>
                  {t("refuseButton")}
                </button>
              </>
            );
          }}
        </Show>
      </fieldset>
    </form>
  );
}

export function AnswerForm({ desk, request, busy, act }: DecisionProps) {
  const [answer, setAnswer] = useState("");
  return (
    <form onSubmit={act(() => desk.client.requests.answer(request.id, answer))}>
      <fieldset>
        <legend>{t("answerTitle")}</legend>
        <label>
          {t("answerText")}
          <textarea required rows={6} value={answer} onInput={(event) => setAnswer(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t("answerButton")}
        </button>
      </fieldset>
    </form>
  );
}
