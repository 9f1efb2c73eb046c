import { RequestType } from "@custos/db/enums";
import { z } from "zod";
import { parseStoredJson } from "../ground/stored-json.ts";
import { noticeSpeaker, type Speaker } from "./notice-messages.ts";

/**
 * The words of each notice, in Russian or English (the person's language, else the policy's). The wording lives in
 * ICU MessageFormat catalogues, one file per language (`messages/ru.json`, `messages/en.json`), which a translator or
 * lawyer edits without reading this code; this file only decides which sentences a notice has and what fills them.
 * Dates are days in the person's time zone (the request's jurisdiction), written as the language writes them. Each
 * notice has a plain-text part and an HTML part built from the same sentences, escaped, so nothing in a payload or
 * a catalogue can become markup. Links are made absolute with the gateway's public base URL (`CUSTOS_PUBLIC_URL`).
 */
export type NoticeLanguage = "ru" | "en";
export const NOTICE_LANGUAGES: readonly NoticeLanguage[] = ["ru", "en"];

/** Every notice the gateway queues: each has words in every notice language. */
export const NOTICE_TEMPLATES = [
  "request.acknowledgement",
  "request.verification-code",
  "request.extension-notice",
  "request.completion",
  "request.rejection",
  "request.withdrawal-confirmation",
  "request.escalation-acknowledgement",
  "policy.material_change",
  "staff.deadline-reminder",
] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

const isNoticeTemplate = (template: string): template is NoticeTemplate => (NOTICE_TEMPLATES as readonly string[]).includes(template);

export interface NoticeText {
  subject: string;
  text: string;
  html: string;
}

export interface NoticeOptions {
  /** The gateway's public base URL, e.g. https://privacy.example.com: download links start with it. */
  publicUrl: string;
}

const NoticeAuthoritySchema = z.object({
  /** Which entry of the catalogue names it (`authority.<jurisdiction>`): RU, DE, AT, US-CA, EEA... */
  jurisdiction: z.string().optional(),
  /** The law module's own name, used only when the catalogue has none for the jurisdiction. */
  name: z.string().optional(),
  website: z.string().optional(),
  complaintUrl: z.string().nullish(),
  email: z.string().nullish(),
  address: z.string().nullish(),
});
export type NoticeAuthority = z.infer<typeof NoticeAuthoritySchema>;

/** One thing an erasure kept: the category (null: everything), the legal ground from the list, and until when. */
const KeptSchema = z.object({
  category: z.string().nullable(),
  categoryName: z.string().nullish(),
  ground: z.string().nullish(),
  reason: z.string(),
  until: z.string().nullish(),
});

/** What a notice's words are filled in with, as OutboxMessage.payload holds it; the writers add fields no words use. */
export const NoticePayloadSchema = z.object({
  noticeLanguage: z.string().optional(),
  /** IANA zone the person's dates are written in: the request's jurisdiction's. */
  timeZone: z.string().optional(),
  /** The law the request falls under (RU_152_FZ, GDPR, CCPA...): which rights and citations the notice gives. */
  law: z.string().optional(),
  /** The request's jurisdiction (RU, GB, US-CA): sentences a catalogue words per jurisdiction rather than per law. */
  jurisdiction: z.string().optional(),
  requestId: z.string().optional(),
  requestType: z.enum(RequestType).optional(),
  receivedAt: z.string().optional(),
  dueAt: z.string().optional(),
  reason: z.string().nullish(),
  refusalGround: z.string().nullish(),
  answer: z.string().nullish(),
  verificationRequired: z.boolean().optional(),
  trackingToken: z.string().optional(),
  code: z.string().optional(),
  expiresInMinutes: z.number().optional(),
  extendedDueAt: z.string().optional(),
  /** Whether the extension rests on the statute or on the company's own policy. */
  extensionBasis: z.enum(["statute", "company-policy"]).optional(),
  downloadPath: z.string().optional(),
  downloadExpiresAt: z.string().optional(),
  searched: z.array(z.string()).optional(),
  /** An objection to direct marketing acted on at once: the customer's consent withdrawn, or the typed address suppressed. */
  marketingStopped: z.enum(["ACCOUNT", "ADDRESS"]).optional(),
  answeredWithoutSystems: z.string().optional(),
  kept: z.array(KeptSchema).optional(),
  authority: NoticeAuthoritySchema.nullish(),
  controller: z.object({ name: z.string().optional(), email: z.string().optional(), address: z.string().nullish() }).optional(),
  version: z.string().optional(),
  url: z.string().nullish(),
  overdue: z.array(z.object({ id: z.string(), type: z.string(), dueAt: z.string() })).optional(),
  dueSoon: z.array(z.object({ id: z.string(), type: z.string(), dueAt: z.string() })).optional(),
  overdueCount: z.number().optional(),
  dueSoonCount: z.number().optional(),
  effectiveAt: z.string().optional(),
});
export type NoticePayload = z.infer<typeof NoticePayloadSchema>;

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);

/** The request as its notices name it: its type, and the day it was received. */
const about = (say: Speaker, p: NoticePayload) => ({
  typeName: p.requestType ? say(`type.${p.requestType}`) : "",
  receivedAt: date(p.receivedAt),
});

/**
 * The catalogue's sentence for the request's law (`<prefix>.RU_152_FZ`), else for its jurisdiction (`<prefix>.GB`,
 * whatever law module claims it), else null.
 */
function perLaw(say: Speaker, prefix: string, p: NoticePayload): string | null {
  const keys = [p.law, p.jurisdiction, p.jurisdiction?.slice(0, 2)].flatMap((key) => (key ? [`${prefix}.${key}`] : []));
  const found = keys.find((key) => say.has(key));
  return found ? say(found) : null;
}

/** The catalogue's sentence for the request's law or jurisdiction (`<id>.GB`), else its general one, else null. */
function lawful(say: Speaker, id: string, p: NoticePayload): string | null {
  return perLaw(say, id, p) ?? (say.has(id) ? say(id) : null);
}

/** Where the person may turn if they disagree: the competent authority (or, with none listed, the country's), and court. */
function rights(say: Speaker, p: NoticePayload): string[] {
  const authority = p.authority;
  const named =
    authority?.jurisdiction && say.has(`authority.${authority.jurisdiction}`) ? say(`authority.${authority.jurisdiction}`) : null;
  const name = named ?? authority?.name;
  const complaintAddress = authority?.complaintUrl ?? authority?.website;
  const court = perLaw(say, "rights.court", p) ?? say("rights.court.other");
  if (!authority || !name || !complaintAddress) return [say("rights.noAuthority"), court];
  return [
    say("rights.authority", { authority: name, complaintAddress }),
    authority.email ? say("rights.authorityEmail", { email: authority.email }) : "",
    authority.address
      ? say("rights.authorityPost", {
          // The postal address as the notice's language writes it, where the catalogue has it.
          address: say.has(`authorityAddress.${authority.jurisdiction}`)
            ? say(`authorityAddress.${authority.jurisdiction}`)
            : authority.address,
        })
      : "",
    court,
  ];
}

/** What an erasure kept and why: each category in the person's words, its legal ground and until when. */
function kept(say: Speaker, p: NoticePayload, held: NonNullable<NoticePayload["kept"]>): string[] {
  if (held.length === 0) return [say("request.completion.erasedAll")];
  const lines = held.map((hold) => {
    const category =
      hold.category === null
        ? say("category.all")
        : say.has(`category.${hold.category}`)
          ? say(`category.${hold.category}`)
          : (hold.categoryName ?? hold.category);
    const ground =
      (hold.ground ? lawful(say, `hold.ground.${hold.ground}`, p) : null) ?? say("hold.ground.unlisted", { reason: hold.reason });
    const period = hold.until ? say("hold.period.until", { until: date(hold.until) }) : say("hold.period.open");
    return say("request.completion.heldLine", { category, ground, period });
  });
  return held.some((hold) => hold.category === null)
    ? [say("request.completion.heldAll"), lines.join("\n"), say("request.completion.heldAllLater")]
    : [say("request.completion.heldSome"), lines.join("\n")];
}

/**
 * An objection to direct marketing, acted on at once: what stopped (the customer's marketing, or mail to the typed
 * address alone), what still arrives, the law that says so, and the person's rights. No system was searched.
 */
function marketingStopped(say: Speaker, p: NoticePayload, stopped: "ACCOUNT" | "ADDRESS") {
  return {
    subject: say(`marketing.subject.${stopped}`),
    body: [
      say("marketing.objected", { receivedAt: date(p.receivedAt) }),
      say(`marketing.stopped.${stopped}`),
      stopped === "ADDRESS" ? say("marketing.scope.ADDRESS") : "",
      say("marketing.service"),
      stopped === "ACCOUNT" ? say("marketing.later.ACCOUNT") : "",
      // 152-FZ Art. 21(5): the withdrawal opened a destruction with its own 30-day deadline.
      stopped === "ACCOUNT" ? (perLaw(say, "marketing.destruction", p) ?? "") : "",
      perLaw(say, "marketing.basis", p) ?? "",
      ...rights(say, p),
    ],
  };
}

const ANSWERED_TYPES: readonly string[] = ["QUESTION", "COMPLAINT"];

/** A reminder's line: the request type (or the destruction after a withdrawal) by its label, never the raw key. */
const staffEntry = (say: Speaker, entry: { id: string; type: string; dueAt: string }) => ({
  id: entry.id,
  type: say.has(`staff.entry.${entry.type}`) ? say(`staff.entry.${entry.type}`) : entry.type,
  dueAt: date(entry.dueAt),
});

type Words = (say: Speaker, p: NoticePayload, options: NoticeOptions) => { subject: string; body: string[] };

const WORDS: Record<NoticeTemplate, Words> = {
  "request.acknowledgement": (say, p) => ({
    subject: say("request.acknowledgement.subject"),
    body: [
      say("request.acknowledgement.received", { ...about(say, p), dueAt: date(p.dueAt) }),
      // CCPA regulations §7021(a): the confirmation describes the verification process and when to expect an answer.
      ...(p.law === "CCPA"
        ? [
            say(p.verificationRequired === false ? "request.acknowledgement.noVerification" : "request.acknowledgement.verifyByCode"),
            say("request.acknowledgement.whenCcpa", { dueAt: date(p.dueAt) }),
          ]
        : []),
      say("request.acknowledgement.notYou"),
      p.trackingToken ? say("request.acknowledgement.tracking", { trackingToken: p.trackingToken }) : "",
    ],
  }),
  "request.verification-code": (say, p) => ({
    subject: say("request.verification-code.subject"),
    body: [
      say("request.verification-code.code", { code: p.code ?? "", minutes: p.expiresInMinutes ?? 15 }),
      say("request.verification-code.secret"),
    ],
  }),
  "request.extension-notice": (say, p) => {
    const basis =
      (p.extensionBasis === "company-policy" ? null : perLaw(say, "extension.basis", p)) ?? say("extension.basis.companyPolicy");
    return {
      subject: say("request.extension-notice.subject"),
      body: [
        say("request.extension-notice.body", { ...about(say, p), extendedDueAt: date(p.extendedDueAt) }),
        say("request.extension-notice.basis", { basis }),
        p.reason ? say("request.extension-notice.note", { reason: p.reason }) : "",
      ],
    };
  },
  "request.completion": (say, p, o) => {
    if (p.requestType && ANSWERED_TYPES.includes(p.requestType) && p.answer) {
      return {
        subject: say("request.answer.subject", { type: p.requestType }),
        body: [say("request.answer.intro", { type: p.requestType, receivedAt: date(p.receivedAt) }), p.answer, ...rights(say, p)],
      };
    }
    if (p.marketingStopped) return marketingStopped(say, p, p.marketingStopped);
    // Everything held: nothing was erased, so the notice neither says it was carried out nor that the rest is gone.
    const allHeld = p.requestType === "ERASURE" && (p.kept ?? []).some((hold) => hold.category === null);
    return {
      subject: say(allHeld ? "request.completion.heldSubject" : "request.completion.subject"),
      body: [
        say(allHeld ? "request.completion.considered" : "request.completion.done", about(say, p)),
        p.searched && p.searched.length > 0
          ? say("request.completion.searched", { systems: p.searched.join(", ") })
          : say("request.completion.searchedOwn"),
        p.answeredWithoutSystems ? say("request.completion.note", { note: p.answeredWithoutSystems }) : "",
        ...(p.requestType === "ERASURE" ? kept(say, p, p.kept ?? []) : []),
        p.downloadPath
          ? say("request.completion.download", { url: `${o.publicUrl}${p.downloadPath}`, expiresAt: date(p.downloadExpiresAt) })
          : "",
        ...rights(say, p),
      ],
    };
  },
  "request.rejection": (say, p) => {
    const ground = p.refusalGround ? lawful(say, `refusal.${p.refusalGround}`, p) : null;
    return {
      subject: say("request.rejection.subject"),
      body: [
        say("request.rejection.body", about(say, p)),
        ground ? say("request.rejection.ground", { ground }) : "",
        p.reason ? say(ground ? "request.rejection.note" : "request.rejection.legacy", { reason: p.reason }) : "",
        ...rights(say, p),
      ],
    };
  },
  "request.withdrawal-confirmation": (say, p) => ({
    subject: say("request.withdrawal-confirmation.subject"),
    body: [say("request.withdrawal-confirmation.body", about(say, p))],
  }),
  "request.escalation-acknowledgement": (say, p) => ({
    subject: say("request.escalation-acknowledgement.subject"),
    body: [say("request.escalation-acknowledgement.body", about(say, p)), ...rights(say, p)],
  }),
  "policy.material_change": (say, p) => ({
    subject: say("policy.material_change.subject"),
    body: [
      say("policy.material_change.body", { version: p.version ?? "", effectiveAt: date(p.effectiveAt) }),
      p.url ? say("policy.material_change.read", { url: p.url }) : "",
    ],
  }),
  "staff.deadline-reminder": (say, p) => ({
    subject: say("staff.deadline-reminder.subject", { overdue: p.overdueCount ?? 0, dueSoon: p.dueSoonCount ?? 0 }),
    body: [
      ...(p.overdue ?? []).map((entry) => say("staff.deadline-reminder.overdue", staffEntry(say, entry))),
      ...(p.dueSoon ?? []).map((entry) => say("staff.deadline-reminder.dueSoon", staffEntry(say, entry))),
      say("staff.deadline-reminder.queue"),
    ],
  }),
};

/** Russian unless the person's language is English (the policy is published in Russian). */
export const noticeLanguage = (tag: string | null | undefined): NoticeLanguage => (tag?.toLowerCase().startsWith("en") ? "en" : "ru");

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
/** An https URL as a sentence prints it: not the full stop, comma or bracket after it. */
const LINK = /https:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]»]/g;
/** Every piece escaped; only the https URLs the sentence already prints become links. */
function htmlParagraph(text: string): string {
  let html = "";
  let from = 0;
  for (const match of text.matchAll(LINK)) {
    const url = escapeHtml(match[0]);
    html += `${escapeHtml(text.slice(from, match.index))}<a href="${url}">${url}</a>`;
    from = match.index + match[0].length;
  }
  return `<p>${(html + escapeHtml(text.slice(from))).replace(/\n/g, "<br>\n")}</p>`;
}

/** A payload of another shape throws StoredJsonError: the delivery fails and, once out of attempts, is dead-lettered. */
export function noticeText(template: string, payload: unknown, options: NoticeOptions): NoticeText {
  const p = parseStoredJson(NoticePayloadSchema, payload ?? {}, "OutboxMessage.payload");
  const language = noticeLanguage(p.noticeLanguage);
  const say = noticeSpeaker(language, p.timeZone ?? "UTC");
  const { subject, body } = isNoticeTemplate(template)
    ? WORDS[template](say, p, options)
    : { subject: say("common.fallbackSubject"), body: [] };
  const controller = p.controller;
  // Notices to the controller's own staff carry no footer addressed to a data subject.
  const footer = template.startsWith("staff.")
    ? []
    : [
        p.requestId && template.startsWith("request.") ? say("common.reference", { reference: p.requestId }) : "",
        say("common.free"),
        controller?.name ? say("common.controller", { name: controller.name, email: controller.email ?? "" }) : "",
      ];
  const paragraphs = body.filter((line) => line !== "");
  const closing = footer.filter((line) => line !== "");
  return {
    subject,
    text: [...paragraphs, "", ...closing].join("\n").trim(),
    html: [
      `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
      ...paragraphs.map(htmlParagraph),
      "<hr>",
      ...closing.map(htmlParagraph),
      "</body></html>",
    ].join("\n"),
  };
}
