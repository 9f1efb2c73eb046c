/** Mirrors the RequestType enum in prisma/schema.prisma, so these rules stay free of the Prisma client. */
export const REQUEST_TYPES = [
  "ACCESS",
  "RECTIFICATION",
  "ERASURE",
  "PORTABILITY",
  "RESTRICTION",
  "OBJECTION",
  "OPT_OUT_OF_SALE",
  "QUESTION",
  "COMPLAINT",
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Mirrors the RequestStatus enum in prisma/schema.prisma. */
export const REQUEST_STATUSES = [
  "RECEIVED",
  "AWAITING_VERIFICATION",
  "VERIFIED",
  "IN_PROGRESS",
  "COMPLETED",
  "REJECTED",
  "WITHDRAWN",
  "ESCALATED",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
