import { fileURLToPath } from "node:url";
import { lawFor } from "../laws/registry.ts";
import { noticeAuthority } from "../requests/competent-authority.ts";
import { NOTICE_LANGUAGES, noticeText } from "./notice-text.ts";

/** Where the review document is: `pnpm notices:doc` writes it, notice-doc.test.ts fails while it is stale. */
export const noticeDocPath = fileURLToPath(new URL("../../../../docs/notices.md", import.meta.url));

const controller = { name: "Shenzhen Huatuomingtonggong Technology Co., Ltd.", email: "privacy@shop.example" };
const REQUEST_ID = "0c9a3e52-5d1b-4f0e-9a57-2f43c1d6b7a8";

/** A request's part of every payload, as queueNotices writes it for a request under that jurisdiction. */
const request = (jurisdiction: string, timeZone: string, requestType: string) => ({
  requestId: REQUEST_ID,
  requestType,
  law: lawFor(jurisdiction).id,
  jurisdiction,
  timeZone,
  receivedAt: "2026-10-06T09:30:00.000Z",
  dueAt: "2026-10-20T20:59:59.999Z",
  verificationRequired: !["OBJECTION", "OPT_OUT_OF_SALE", "QUESTION", "COMPLAINT"].includes(requestType),
  authority: noticeAuthority(jurisdiction),
  controller,
});

/** Every notice, in each of its forms, with what fills it: what a reviewer reads. */
const SAMPLES: readonly { title: string; template: string; payload: Record<string, unknown> }[] = [
  {
    title: "Acknowledgement (Russia, access)",
    template: "request.acknowledgement",
    payload: { ...request("RU", "Europe/Moscow", "ACCESS"), trackingToken: "crt_…" },
  },
  {
    title: "Acknowledgement (California, 11 CCR §7021(a): how we verify, when to expect an answer)",
    template: "request.acknowledgement",
    payload: {
      ...request("US-CA", "America/Los_Angeles", "ERASURE"),
      receivedAt: "2026-03-10T17:00:00.000Z",
      dueAt: "2026-04-25T06:59:59.999Z",
      trackingToken: "crt_…",
    },
  },
  {
    title: "Verification code",
    template: "request.verification-code",
    payload: { ...request("RU", "Europe/Moscow", "ACCESS"), code: "483920", expiresInMinutes: 15 },
  },
  {
    title: "Extension (152-FZ)",
    template: "request.extension-notice",
    payload: {
      ...request("RU", "Europe/Moscow", "ACCESS"),
      extendedDueAt: "2026-10-27T20:59:59.999Z",
      extensionBasis: "statute",
      reason: "Нужно собрать данные из архива заказов.",
    },
  },
  {
    title: "Extension (GDPR, Austria)",
    template: "request.extension-notice",
    payload: { ...request("AT", "Europe/Vienna", "ACCESS"), extendedDueAt: "2027-01-06T22:59:59.999Z", extensionBasis: "statute" },
  },
  {
    title: "Completion (access, with the download link)",
    template: "request.completion",
    payload: {
      ...request("RU", "Europe/Moscow", "ACCESS"),
      searched: ["accounts", "orders"],
      downloadPath: "/exports/requests/0c9a3e52-…?token=cre_…",
      downloadExpiresAt: "2026-10-27T09:30:00.000Z",
    },
  },
  {
    title: "Completion (erasure, some data held by law)",
    template: "request.completion",
    payload: {
      ...request("RU", "Europe/Moscow", "ERASURE"),
      searched: ["accounts", "orders"],
      kept: [
        {
          category: "orders",
          categoryName: "Orders and payments",
          ground: "RU_ACCOUNTING",
          reason: "бухучёт",
          until: "2031-12-31T20:59:59.999Z",
        },
      ],
    },
  },
  {
    title: "Completion (erasure, everything held)",
    template: "request.completion",
    payload: {
      ...request("DE", "Europe/Berlin", "ERASURE"),
      searched: ["accounts"],
      kept: [{ category: null, ground: "LEGAL_CLAIMS", reason: "court case 3 O 12/26", until: null }],
    },
  },
  {
    title: "Objection to direct marketing, by the customer (152-FZ Art. 15(2): consent withdrawn at once)",
    template: "request.completion",
    payload: { ...request("RU", "Europe/Moscow", "OBJECTION"), searched: [], marketingStopped: "ACCOUNT" },
  },
  {
    title: "Objection to direct marketing, a typed address only (United Kingdom: that address suppressed at once)",
    template: "request.completion",
    payload: { ...request("GB", "Europe/London", "OBJECTION"), searched: [], marketingStopped: "ADDRESS" },
  },
  {
    title: "Answer to a question (P4)",
    template: "request.completion",
    payload: {
      ...request("RU", "Europe/Moscow", "QUESTION"),
      answer: "Мы храним историю заказов три года после последнего заказа, затем удаляем её.",
    },
  },
  {
    title: "Refusal (152-FZ Art. 14(8)(4))",
    template: "request.rejection",
    payload: { ...request("RU", "Europe/Moscow", "ACCESS"), refusalGround: "RU_152_ART_14_8_ITEM_4_THIRD_PARTIES", reason: null },
  },
  {
    title: "Refusal (GDPR Art. 12(5), France, with staff's explanation)",
    template: "request.rejection",
    payload: {
      ...request("FR", "Europe/Paris", "ACCESS"),
      refusalGround: "GDPR_ART_12_5_EXCESSIVE",
      reason: "This is the twelfth identical request this month.",
    },
  },
  {
    title: "Refusal (UK GDPR Art. 12(5), United Kingdom, with staff's explanation)",
    template: "request.rejection",
    payload: {
      ...request("GB", "Europe/London", "ACCESS"),
      refusalGround: "GDPR_ART_12_5_MANIFESTLY_UNFOUNDED",
      reason: "The request asks for data about another customer's orders.",
    },
  },
  {
    title: "Refusal (Belarus: no authority listed)",
    template: "request.rejection",
    payload: { ...request("BY", "UTC", "ERASURE"), refusalGround: "IDENTITY_NOT_VERIFIED", reason: null },
  },
  {
    title: "Refusal (California, CCPA §1798.105(d)(8))",
    template: "request.rejection",
    payload: { ...request("US-CA", "America/Los_Angeles", "ERASURE"), refusalGround: "CCPA_105_D_8_LEGAL_OBLIGATION", reason: null },
  },
  { title: "Withdrawal", template: "request.withdrawal-confirmation", payload: request("RU", "Europe/Moscow", "ERASURE") },
  { title: "Escalation (Germany)", template: "request.escalation-acknowledgement", payload: request("DE", "Europe/Berlin", "ACCESS") },
  {
    title: "Material change of the privacy policy",
    template: "policy.material_change",
    payload: { version: "2026-12", effectiveAt: "2027-01-01T00:00:00.000Z", url: "https://shop.example/privacy", controller },
  },
  {
    title: "Staff: deadline reminder",
    template: "staff.deadline-reminder",
    payload: {
      timeZone: "Europe/Moscow",
      overdueCount: 1,
      dueSoonCount: 2,
      overdue: [{ id: REQUEST_ID, type: "ACCESS", dueAt: "2026-10-20T20:59:59.999Z" }],
      dueSoon: [
        { id: "5b1f…", type: "ERASURE", dueAt: "2026-10-22T20:59:59.999Z" },
        { id: "9d27…", type: "DESTRUCTION_AFTER_WITHDRAWAL", dueAt: "2026-10-23T20:59:59.999Z" },
      ],
    },
  },
];

const LANGUAGE_NAMES = { ru: "Русский", en: "English" } as const;

/** The review document: every notice in both languages, as the plain-text part reads. */
export function noticeDocMarkdown(): string {
  const sections = SAMPLES.flatMap(({ title, template, payload }) => [
    `## ${title}`,
    "",
    `Template \`${template}\`.`,
    "",
    ...NOTICE_LANGUAGES.flatMap((language) => {
      const notice = noticeText(template, { ...payload, noticeLanguage: language }, { publicUrl: "https://privacy.shop.example" });
      return [`### ${LANGUAGE_NAMES[language]}`, "", `**${notice.subject}**`, "", "```text", notice.text, "```", ""];
    }),
  ]);
  return [
    "# Notices",
    "",
    "Every notice the gateway sends, in Russian and English, rendered from the catalogues in",
    "`apps/gateway/src/outbox/messages/` (ICU MessageFormat, one file per language) with sample requests. Generated by",
    "`pnpm notices:doc`; `notice-doc.test.ts` fails while this file is stale. Edit the catalogues, not this file.",
    "Each notice is also sent as HTML with the same sentences, escaped.",
    "",
    "Decisions a reviewer should know:",
    "",
    "- Dates are days in the time zone of the request's jurisdiction (its law's zone, as the deadline is counted), written",
    "  in the notice's language: British English (`24 April 2026`) and Russian (`27 октября 2026 г.`).",
    "- The authority named is the one competent for a complaint about the company. Germany: the company has no",
    "  establishment there, so a resident complains where they live (GDPR Art. 77(1)) to their Land's authority (BDSG §40",
    "  for companies), not to the federal commissioner; the notice links the Datenschutzkonferenz's list of Land",
    "  authorities, as Custos does not know the person's Land. Every other EEA country gets its own authority. A country",
    "  with no authority listed gets the sentence on complaining to its own authority, and every notice with rights names",
    "  the court (152-FZ Art. 17; GDPR Art. 79 and 12(4)).",
    "- A refusal cites a ground from the list for the request's law (`RefusalGround`); staff's words follow as an addition.",
    "  A kept category is named in the person's words with the law (`LegalHoldGround`) and the hold's end; a hold",
    "  without a listed ground is described by staff's reason.",
    "- A British request cites the UK GDPR, never the EU's: a sentence with a law in it has a `<id>.GB` variant (refusal",
    "  grounds, the hold's legal obligation, the extension, the court, direct marketing) that wins over the GDPR's.",
    "- An objection to direct marketing is completed at once: its notice says what stopped (the customer's marketing, or",
    "  mail to the typed address alone), what still arrives, the law (GDPR and UK GDPR Art. 21(2)–(3), 152-FZ Art. 15(2),",
    "  with Art. 21(5)'s 30-day destruction) and the person's rights; no system is searched, so none is named.",
    "",
    ...sections,
  ].join("\n");
}
