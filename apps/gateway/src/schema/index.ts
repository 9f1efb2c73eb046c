import { assertDenyByDefault } from "../access/deny-by-default.ts";
import "../access/schema.ts";
import "../audit/schema.ts";
import { builder } from "../builder.ts";
import "../catalogue/schema.ts";
import "../consent/schema.ts";
import "../outbox/schema.ts";
import "../requests/schema.ts";

export const schema = assertDenyByDefault(builder.toSchema({ sortSchema: true }));
