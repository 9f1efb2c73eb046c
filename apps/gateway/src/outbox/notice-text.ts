/** Subject lines per template; the body lists what the notice's payload says. */
const SUBJECTS: Record<string, string> = {
  "policy.material_change": "Our privacy policy has changed",
  "request.acknowledgement": "We have received your privacy request",
  "request.verification-code": "Your verification code for your privacy request",
  "request.extension-notice": "We need more time to answer your privacy request",
  "request.completion": "Your privacy request has been answered",
  "request.rejection": "About your privacy request",
  "request.withdrawal-confirmation": "Your privacy request has been withdrawn",
  "request.escalation-acknowledgement": "We have received your escalation",
};

export interface NoticeText {
  subject: string;
  text: string;
}

function lines(value: unknown, prefix = ""): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object") return [`${prefix}${String(value)}`];
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === "object" && inner !== null
      ? [`${prefix}${key}:`, ...lines(inner, `${prefix}  `)]
      : [`${prefix}${key}: ${String(inner)}`],
  );
}

/** Plain text, so every mail client shows the same thing and nothing in a payload can become markup. */
export function noticeText(template: string, payload: unknown): NoticeText {
  return {
    subject: SUBJECTS[template] ?? "A notice about your personal data",
    text: [...lines(payload), "", "Using your privacy rights is free of charge."].join("\n"),
  };
}
