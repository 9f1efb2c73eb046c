export { DEFAULT_PORT } from "./config/config.ts";
export { CUSTOS_ERROR_CODES, type CustosErrorCode } from "./errors.ts";
export { schema } from "./schema/index.ts";
export { type GatewayOptions, type RunningGateway, startGateway } from "./server.ts";
