import { RequestType } from "@custos/db/enums";
import { z } from "zod";
import { parseStoredJson } from "../ground/stored-json.ts";

/**
 * The words of each notice, in Russian or English (the person's language, else the policy's), as plain sentences with
 * the controller's contact. Plain text, so every mail client shows the same thing and nothing in a payload can become
 * markup. Links are made absolute with the gateway's public base URL (`CUSTOS_PUBLIC_URL`).
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
}

export interface NoticeOptions {
  /** The gateway's public base URL, e.g. https://privacy.example.com: download links start with it. */
  publicUrl: string;
}

/** What a notice's words are filled in with, as OutboxMessage.payload holds it; the writers add fields no words use. */
export const NoticePayloadSchema = z.object({
  noticeLanguage: z.string().optional(),
  requestType: z.enum(RequestType).optional(),
  dueAt: z.string().optional(),
  reason: z.string().nullish(),
  trackingToken: z.string().optional(),
  code: z.string().optional(),
  expiresInMinutes: z.number().optional(),
  extendedDueAt: z.string().optional(),
  downloadPath: z.string().optional(),
  downloadExpiresAt: z.string().optional(),
  searched: z.array(z.string()).optional(),
  answeredWithoutSystems: z.string().optional(),
  kept: z.array(z.object({ category: z.string().nullable(), reason: z.string() })).optional(),
  authority: z.object({ name: z.string().optional(), website: z.string().optional(), email: z.string().nullish() }).nullish(),
  controller: z.object({ name: z.string().optional(), email: z.string().optional(), address: z.string().nullish() }).optional(),
  version: z.string().optional(),
  url: z.string().nullish(),
  overdue: z.array(z.object({ id: z.string(), type: z.string(), dueAt: z.string() })).optional(),
  dueSoon: z.array(z.object({ id: z.string(), type: z.string(), dueAt: z.string() })).optional(),
  overdueCount: z.number().optional(),
  dueSoonCount: z.number().optional(),
  effectiveAt: z.string().optional(),
});
type Payload = z.infer<typeof NoticePayloadSchema>;

const TYPE_NAMES: Record<NoticeLanguage, Record<RequestType, string>> = {
  ru: {
    ACCESS: "о доступе к данным",
    RECTIFICATION: "об исправлении данных",
    ERASURE: "об удалении данных",
    PORTABILITY: "о переносе данных",
    RESTRICTION: "об ограничении обработки",
    OBJECTION: "о возражении против обработки",
    OPT_OUT_OF_SALE: "об отказе от продажи или передачи данных",
    QUESTION: "с вопросом",
    COMPLAINT: "с жалобой",
  },
  en: {
    ACCESS: "for access to your data",
    RECTIFICATION: "to correct your data",
    ERASURE: "to erase your data",
    PORTABILITY: "for a copy of your data to take elsewhere",
    RESTRICTION: "to restrict processing",
    OBJECTION: "objecting to processing",
    OPT_OUT_OF_SALE: "to opt out of sale or sharing",
    QUESTION: "with a question",
    COMPLAINT: "with a complaint",
  },
};

/** The request's type as the notice names it. */
const typeName = (language: NoticeLanguage, type: RequestType | undefined) => (type ? TYPE_NAMES[language][type] : "");

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : "");

type Words = (payload: Payload, options: NoticeOptions) => { subject: string; body: string[] };

const RU: Record<NoticeTemplate, Words> = {
  "request.acknowledgement": (p) => ({
    subject: "Мы получили ваш запрос о персональных данных",
    body: [
      `Мы получили ваш запрос ${typeName("ru", p.requestType)} и ответим не позднее ${day(p.dueAt)}.`,
      "Если вы не отправляли этот запрос, ничего делать не нужно: без подтверждения мы ничего не раскроем и не удалим.",
      p.trackingToken ? `Номер для отслеживания запроса: ${p.trackingToken}` : "",
    ],
  }),
  "request.verification-code": (p) => ({
    subject: "Код подтверждения для вашего запроса",
    body: [`Ваш код: ${p.code}. Он действует ${p.expiresInMinutes ?? 15} минут.`, "Никому не сообщайте этот код."],
  }),
  "request.extension-notice": (p) => ({
    subject: "Нам нужно больше времени для ответа на ваш запрос",
    body: [`Мы ответим не позднее ${day(p.extendedDueAt)}.`, `Причина: ${p.reason ?? ""}`],
  }),
  "request.completion": (p, o) => ({
    subject: "Ваш запрос о персональных данных выполнен",
    body: [
      `Мы выполнили ваш запрос ${typeName("ru", p.requestType)}.`,
      p.searched && p.searched.length > 0
        ? `Мы проверили наши системы: ${p.searched.join(", ")}, а также собственные записи о ваших согласиях и запросах.`
        : "Мы проверили собственные записи о ваших согласиях и запросах; других систем с вашими данными у нас не было.",
      p.answeredWithoutSystems ? `Пояснение: ${p.answeredWithoutSystems}` : "",
      ...(p.kept ?? []).map(
        (held) => `Часть данных мы обязаны сохранить (${held.category ?? "все данные"}): ${held.reason}. Остальное удалено.`,
      ),
      p.downloadPath ? `Скачать ваши данные: ${o.publicUrl}${p.downloadPath} (ссылка действует до ${day(p.downloadExpiresAt)}).` : "",
      p.authority?.name
        ? `Если ответ вас не устраивает, напишите нам или обратитесь в ${p.authority.name} (${p.authority.website ?? ""}).`
        : "",
    ],
  }),
  "request.rejection": (p) => ({
    subject: "О вашем запросе о персональных данных",
    body: [
      `Мы не можем выполнить ваш запрос. Причина: ${p.reason ?? ""}`,
      p.authority?.name ? `Вы вправе обратиться в ${p.authority.name} (${p.authority.website ?? ""}).` : "",
    ],
  }),
  "request.withdrawal-confirmation": () => ({
    subject: "Ваш запрос отозван",
    body: ["Ваш запрос отозван, мы больше ничего по нему не делаем."],
  }),
  "request.escalation-acknowledgement": (p) => ({
    subject: "Мы получили ваше повторное обращение",
    body: [
      "Мы ещё раз рассмотрим ваш запрос.",
      p.authority?.name ? `Вы также вправе обратиться в ${p.authority.name} (${p.authority.website ?? ""}).` : "",
    ],
  }),
  "policy.material_change": (p) => ({
    subject: "Мы существенно изменили политику конфиденциальности",
    body: [`Новая редакция ${p.version ?? ""} действует с ${day(p.effectiveAt)}.`, p.url ? `Прочитать: ${p.url}` : ""],
  }),
  "staff.deadline-reminder": (p) => ({
    subject: `Запросы субъектов: просрочено ${p.overdueCount ?? 0}, срок в ближайшие 3 дня у ${p.dueSoonCount ?? 0}`,
    body: [
      ...(p.overdue ?? []).map((request) => `Просрочен: ${request.type} ${request.id}, срок ${day(request.dueAt)}`),
      ...(p.dueSoon ?? []).map((request) => `Скоро срок: ${request.type} ${request.id}, срок ${day(request.dueAt)}`),
      "Очередь запросов: privacyRequests.",
    ],
  }),
};

const EN: Record<NoticeTemplate, Words> = {
  "request.acknowledgement": (p) => ({
    subject: "We have received your privacy request",
    body: [
      `We have received your request ${typeName("en", p.requestType)} and will answer by ${day(p.dueAt)}.`,
      "If you did not send it, you need do nothing: without confirmation we release and erase nothing.",
      p.trackingToken ? `Tracking number of your request: ${p.trackingToken}` : "",
    ],
  }),
  "request.verification-code": (p) => ({
    subject: "Your verification code for your privacy request",
    body: [`Your code is ${p.code}. It works for ${p.expiresInMinutes ?? 15} minutes.`, "Do not share this code with anyone."],
  }),
  "request.extension-notice": (p) => ({
    subject: "We need more time to answer your privacy request",
    body: [`We will answer by ${day(p.extendedDueAt)}.`, `Why: ${p.reason ?? ""}`],
  }),
  "request.completion": (p, o) => ({
    subject: "Your privacy request has been answered",
    body: [
      `We have carried out your request ${typeName("en", p.requestType)}.`,
      p.searched && p.searched.length > 0
        ? `We searched our systems: ${p.searched.join(", ")}, and our own records of your consents and requests.`
        : "We searched our own records of your consents and requests; no other system of ours held your data.",
      p.answeredWithoutSystems ? `Note: ${p.answeredWithoutSystems}` : "",
      ...(p.kept ?? []).map((held) => `We must keep some data (${held.category ?? "all of it"}): ${held.reason}. The rest is erased.`),
      p.downloadPath ? `Download your data: ${o.publicUrl}${p.downloadPath} (the link works until ${day(p.downloadExpiresAt)}).` : "",
      p.authority?.name ? `If you are not satisfied, write to us or to ${p.authority.name} (${p.authority.website ?? ""}).` : "",
    ],
  }),
  "request.rejection": (p) => ({
    subject: "About your privacy request",
    body: [
      `We cannot carry out your request. Why: ${p.reason ?? ""}`,
      p.authority?.name ? `You may complain to ${p.authority.name} (${p.authority.website ?? ""}).` : "",
    ],
  }),
  "request.withdrawal-confirmation": () => ({ subject: "Your privacy request has been withdrawn", body: ["We have stopped work on it."] }),
  "request.escalation-acknowledgement": (p) => ({
    subject: "We have received your escalation",
    body: [
      "We will look at your request again.",
      p.authority?.name ? `You may also complain to ${p.authority.name} (${p.authority.website ?? ""}).` : "",
    ],
  }),
  "policy.material_change": (p) => ({
    subject: "We have changed our privacy policy significantly",
    body: [`Version ${p.version ?? ""} takes effect on ${day(p.effectiveAt)}.`, p.url ? `Read it: ${p.url}` : ""],
  }),
  "staff.deadline-reminder": (p) => ({
    subject: `Privacy requests: ${p.overdueCount ?? 0} overdue, ${p.dueSoonCount ?? 0} due within 3 days`,
    body: [
      ...(p.overdue ?? []).map((request) => `Overdue: ${request.type} ${request.id}, due ${day(request.dueAt)}`),
      ...(p.dueSoon ?? []).map((request) => `Due soon: ${request.type} ${request.id}, due ${day(request.dueAt)}`),
      "The queue: privacyRequests.",
    ],
  }),
};

/** Russian unless the person's language is English (the policy is published in Russian). */
export const noticeLanguage = (tag: string | null | undefined): NoticeLanguage => (tag?.toLowerCase().startsWith("en") ? "en" : "ru");

/** A payload of another shape throws StoredJsonError: the delivery fails and, once out of attempts, is dead-lettered. */
export function noticeText(template: string, payload: unknown, options: NoticeOptions): NoticeText {
  const p = parseStoredJson(NoticePayloadSchema, payload ?? {}, "OutboxMessage.payload");
  const language = noticeLanguage(p.noticeLanguage);
  const words = isNoticeTemplate(template) ? (language === "en" ? EN : RU)[template] : undefined;
  const { subject, body } = words
    ? words(p, options)
    : { subject: language === "en" ? "A notice about your personal data" : "Уведомление о ваших персональных данных", body: [] };
  const controller = p.controller;
  // Notices to the controller's own staff carry no footer addressed to a data subject.
  const footer = template.startsWith("staff.")
    ? []
    : language === "en"
      ? ["Using your privacy rights is free of charge.", controller?.name ? `${controller.name}, ${controller.email ?? ""}` : ""]
      : ["Осуществление ваших прав бесплатно.", controller?.name ? `${controller.name}, ${controller.email ?? ""}` : ""];
  return {
    subject,
    text: [...body, "", ...footer]
      .filter((line, index, all) => line !== "" || all[index - 1] !== "")
      .join("\n")
      .trim(),
  };
}
