// The catalogue the published privacy policy defines (shared/reference/policy-obligations.md).
// Keys are stable API identifiers; names are the policy's own wording, in English.
import type { LegalBasis } from "../../generated/prisma/enums.ts";

export interface PurposeEntry {
  key: string;
  name: string;
  description: string;
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
    legalBasis: "CONTRACT",
    dataCategories: ["identity", "business_registration", "address", "orders"],
  },
  {
    key: "risk_and_fraud_prevention",
    name: "Risk and fraud prevention",
    description: "Confirming identity and preventing fraudulent use of the services.",
    legalBasis: "LEGITIMATE_INTEREST",
    dataCategories: ["identity", "business_registration", "usage"],
  },
  {
    key: "support",
    name: "Answering questions and other support",
    description: "Answering questions and contacting the person about problems with the platform.",
    legalBasis: "CONTRACT",
    dataCategories: ["identity", "orders", "support"],
  },
  {
    key: "products_and_services",
    name: "Providing and improving products and services",
    description: "Running the platform and making it better.",
    legalBasis: "LEGITIMATE_INTEREST",
    dataCategories: ["orders", "usage"],
  },
  {
    key: "reporting_and_analytics",
    name: "Reporting and analytics",
    description: "Statistics about how the platform and the business are used.",
    legalBasis: "LEGITIMATE_INTEREST",
    dataCategories: ["orders", "usage"],
  },
  {
    key: "feature_testing",
    name: "Testing features and additional services",
    description: "Trying new features or additional services with people who agreed to it.",
    legalBasis: "CONSENT",
    dataCategories: ["usage"],
  },
  {
    key: "marketing",
    name: "Marketing, advertising and communications",
    description: "Newsletters, offers and advertising, sent only with consent and stopped by unsubscribing.",
    legalBasis: "CONSENT",
    dataCategories: ["identity", "marketing_preferences", "usage"],
  },
];

export const COOKIE_CATEGORIES = [
  {
    key: "strictly_necessary",
    name: "Strictly necessary",
    description: "Needed for the site to work (session, basket, security); cannot be refused.",
    required: true,
  },
  { key: "functional", name: "Functional", description: "Remember choices such as language and region.", required: false },
  { key: "analytics", name: "Analytics", description: "Count visits and measure how the site is used.", required: false },
  { key: "advertising", name: "Advertising", description: "Show relevant advertising and measure campaigns.", required: false },
] as const;
