export { DEFAULT_PORT } from "./app/config/config.ts";
export { schema } from "./app/schema/index.ts";
export { type GatewayOptions, type RunningGateway, startGateway } from "./app/server.ts";
export { CUSTOS_ERROR_CODES, type CustosErrorCode } from "./ground/errors.ts";
