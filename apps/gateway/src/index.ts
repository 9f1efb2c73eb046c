export { CUSTOS_ERROR_CODES, type CustosErrorCode } from "./errors.ts";
export { schema } from "./schema/index.ts";
export { DEFAULT_PORT, type GatewayOptions, type RunningGateway, startGateway } from "./server.ts";
