// The catalogue the published privacy policy defines (docs/policy-obligations.md).
// Keys are stable API identifiers; names are the policy's own wording, in English, with Russian beside them for the
// storefront's Russian-speaking shoppers (the policy itself is published in Russian) and Chinese for the company's own
// staff.
import type { LegalBasis } from "../../generated/prisma/enums.ts";

export interface PurposeEntry {
  key: string;
  name: string;
  description: string;
  nameRu: string;
  descriptionRu: string;
  /** Chinese, for the company's own staff and Chinese-speaking shoppers. */
  nameZh: string;
  descriptionZh: string;
  legalBasis: LegalBasis;
  dataCategories: string[];
}

export const DATA_CATEGORIES = [
  { key: "identity", name: "Identity and contact", description: "Name, e-mail address and telephone of the person." },
  {
    key: "business_registration",
    name: "Business registration",
    description: "Business type, business licence, social credit code, taxpayer identification number and the legal representative's name.",
  },
  { key: "address", name: "Address", description: "Province, city and full address." },
  { key: "orders", name: "Orders and payments", description: "Requests, orders, invoices and their status." },
  { key: "support", name: "Support correspondence", description: "Questions, complaints and the answers to them." },
  { key: "usage", name: "Usage and device data", description: "Pages visited, device and browser, cookies and similar identifiers." },
  { key: "marketing_preferences", name: "Communication preferences", description: "Which messages the person agreed to receive." },
] as const;

type DataCategoryKey = (typeof DATA_CATEGORIES)[number]["key"];

/**
 * The seven purposes of P5 with the legal bases of P6. The policy relies on contract and business need
 * (legitimate interest) "as a rule", and on consent where no other basis applies and for sales and marketing.
 */
export const PURPOSES: readonly (PurposeEntry & { dataCategories: DataCategoryKey[] })[] = [
  {
    key: "orders_and_trading",
    name: "Making requests and trading",
    description: "Taking requests and orders, delivering them and keeping the account.",
    nameRu: "Оформление запросов и торговля",
    descriptionRu: "Приём запросов и заказов, их доставка и ведение учётной записи.",
    nameZh: "处理请求和交易",
    descriptionZh: "接收请求和订单、配送订单并管理账户。",
    legalBasis: "CONTRACT",
    dataCategories: ["identity", "business_registration", "address", "orders"],
  },
  {
    key: "risk_and_fraud_prevention",
    name: "Risk and fraud prevention",
    description: "Confirming identity and preventing fraudulent use of the services.",
    nameRu: "Предотвращение рисков и мошенничества",
    descriptionRu: "Подтверждение личности и предотвращение мошеннического использования сервисов.",
    nameZh: "风险和欺诈防范",
    descriptionZh: "确认身份并防止欺诈性使用服务。",
    legalBasis: "LEGITIMATE_INTEREST",
    dataCategories: ["identity", "business_registration", "usage"],
  },
  {
    key: "support",
    name: "Answering questions and other support",
    description: "Answering questions and contacting the person about problems with the platform.",
    nameRu: "Ответы на вопросы и другая поддержка",
    descriptionRu: "Ответы на вопросы и связь с человеком по поводу проблем с платформой.",
    nameZh: "答复问题及其他支持",
    descriptionZh: "答复问题，并就平台问题与您联系。",
    legalBasis: "CONTRACT",
    dataCategories: ["identity", "orders", "support"],
  },
  {
    key: "products_and_services",
    name: "Providing and improving products and services",
    description: "Running the platform and making it better.",
    nameRu: "Предоставление и улучшение продуктов и услуг",
    descriptionRu: "Работа платформы и её улучшение.",
    nameZh: "提供和改进产品与服务",
    descriptionZh: "运营平台并不断改进。",
    legalBasis: "LEGITIMATE_INTEREST",
    dataCategories: ["orders", "usage"],
  },
  {
    key: "reporting_and_analytics",
    name: "Reporting and analytics",
    description: "Statistics about how the platform and the business are used.",
    nameRu: "Отчётность и аналитика",
    descriptionRu: "Статистика использования платформы и бизнеса.",
    nameZh: "报告与分析",
    descriptionZh: "关于平台和业务使用情况的统计。",
    legalBasis: "LEGITIMATE_INTEREST",
    dataCategories: ["orders", "usage"],
  },
  {
    key: "feature_testing",
    name: "Testing features and additional services",
    description: "Trying new features or additional services with people who agreed to it.",
    nameRu: "Тестирование функций и дополнительных услуг",
    descriptionRu: "Проверка новых функций или дополнительных услуг с теми, кто на это согласился.",
    nameZh: "测试功能和附加服务",
    descriptionZh: "与同意参与的人一起试用新功能或附加服务。",
    legalBasis: "CONSENT",
    dataCategories: ["usage"],
  },
  {
    key: "marketing",
    name: "Marketing, advertising and communications",
    description: "Newsletters, offers and advertising, sent only with consent and stopped by unsubscribing.",
    nameRu: "Маркетинг, реклама и коммуникации",
    descriptionRu: "Рассылки, предложения и реклама: только с согласия, прекращаются при отписке.",
    nameZh: "营销、广告和通讯",
    descriptionZh: "仅在您同意后发送新闻通讯、优惠和广告，退订即停止。",
    legalBasis: "CONSENT",
    dataCategories: ["identity", "marketing_preferences", "usage"],
  },
];

export const COOKIE_CATEGORIES = [
  {
    key: "strictly_necessary",
    name: "Strictly necessary",
    description: "Needed for the site to work (session, basket, security); cannot be refused.",
    nameRu: "Строго необходимые",
    descriptionRu: "Нужны для работы сайта (сессия, корзина, безопасность); от них нельзя отказаться.",
    nameZh: "严格必要",
    descriptionZh: "网站运行所必需（会话、购物车、安全）；不能拒绝。",
    required: true,
  },
  {
    key: "functional",
    name: "Functional",
    description: "Remember choices such as language and region.",
    nameRu: "Функциональные",
    descriptionRu: "Запоминают выбор, например язык и регион.",
    nameZh: "功能性",
    descriptionZh: "记住您的选择，例如语言和地区。",
    required: false,
  },
  {
    key: "analytics",
    name: "Analytics",
    description: "Count visits and measure how the site is used.",
    nameRu: "Аналитические",
    descriptionRu: "Считают посещения и показывают, как используется сайт.",
    nameZh: "分析",
    descriptionZh: "统计访问量并衡量网站的使用情况。",
    required: false,
  },
  {
    key: "advertising",
    name: "Advertising",
    description: "Show relevant advertising and measure campaigns.",
    nameRu: "Рекламные",
    descriptionRu: "Показывают подходящую рекламу и измеряют эффективность кампаний.",
    nameZh: "广告",
    descriptionZh: "展示相关广告并衡量广告活动的效果。",
    required: false,
  },
] as const;

type CookieCategoryKey = (typeof COOKIE_CATEGORIES)[number]["key"];

export interface CookieVendorEntry {
  category: CookieCategoryKey;
  name: string;
  /** ISO 3166-1 alpha-2 of the country the vendor processes the data in. */
  country: string;
  privacyPolicyUrl: string;
  purposes: string[];
  cookies: { name: string; domain: string; description: string; retention: string }[];
}

/**
 * The companies that place cookies on the storefront (P15): a starting list with the vendors' own published cookie
 * names and lifetimes. Each site edits it to match the tags it really loads.
 */
export const COOKIE_VENDORS: readonly CookieVendorEntry[] = [
  {
    category: "strictly_necessary",
    name: "Storefront (the controller)",
    country: "CN",
    privacyPolicyUrl: "https://shop.example.com/privacy",
    purposes: ["Keeping the session, basket and security of the site"],
    cookies: [
      { name: "session_id", domain: "shop.example.com", description: "Keeps the person signed in.", retention: "session" },
      {
        name: "csrf_token",
        domain: "shop.example.com",
        description: "Protects forms against cross-site request forgery.",
        retention: "session",
      },
      {
        name: "cookie_consent",
        domain: "shop.example.com",
        description: "Remembers the cookie choices made in the banner.",
        retention: "6 months",
      },
    ],
  },
  {
    category: "functional",
    name: "Storefront preferences (the controller)",
    country: "CN",
    privacyPolicyUrl: "https://shop.example.com/privacy",
    purposes: ["Remembering language, currency and region"],
    cookies: [{ name: "locale", domain: "shop.example.com", description: "The chosen language and region.", retention: "12 months" }],
  },
  {
    category: "analytics",
    name: "Google LLC (Google Analytics)",
    country: "US",
    privacyPolicyUrl: "https://policies.google.com/privacy",
    purposes: ["Counting visits and measuring how the site is used"],
    cookies: [
      { name: "_ga", domain: "shop.example.com", description: "Distinguishes visitors.", retention: "2 years" },
      { name: "_ga_<container-id>", domain: "shop.example.com", description: "Keeps the session state.", retention: "2 years" },
    ],
  },
  {
    category: "analytics",
    name: "YANDEX LLC (Yandex Metrica)",
    country: "RU",
    privacyPolicyUrl: "https://yandex.com/legal/confidential/",
    purposes: ["Counting visits and measuring how the site is used"],
    cookies: [
      { name: "_ym_uid", domain: "shop.example.com", description: "Distinguishes visitors.", retention: "1 year" },
      { name: "_ym_d", domain: "shop.example.com", description: "The date of the visitor's first visit.", retention: "1 year" },
    ],
  },
  {
    category: "advertising",
    name: "Meta Platforms Ireland Ltd. (Meta Pixel)",
    country: "IE",
    privacyPolicyUrl: "https://www.facebook.com/privacy/policy/",
    purposes: ["Measuring advertising campaigns", "Showing relevant advertising on Meta's services"],
    cookies: [{ name: "_fbp", domain: "shop.example.com", description: "Identifies browsers for advertising.", retention: "3 months" }],
  },
  {
    category: "advertising",
    name: "Google Ireland Ltd. (Google Ads)",
    country: "IE",
    privacyPolicyUrl: "https://policies.google.com/privacy",
    purposes: ["Measuring advertising campaigns", "Showing relevant advertising"],
    cookies: [
      { name: "IDE", domain: "doubleclick.net", description: "Shows and measures advertising.", retention: "13 months" },
      { name: "_gcl_au", domain: "shop.example.com", description: "Measures ad conversions.", retention: "3 months" },
    ],
  },
];
