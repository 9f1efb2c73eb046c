import { RequestStatus, RequestType } from "@custos/db/enums";

export type { RequestStatus, RequestType };

export const REQUEST_TYPES: readonly RequestType[] = Object.values(RequestType);

export const REQUEST_STATUSES: readonly RequestStatus[] = Object.values(RequestStatus);
