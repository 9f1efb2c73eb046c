import { assertDenyByDefault } from "../access/deny-by-default.ts";
import "../access/schema.ts";
import "../audit/schema.ts";
import { builder } from "../builder.ts";
import "../catalogue/schema.ts";
import "../consent/schema.ts";
import "../consent/cookie-catalogue-schema.ts";
import "../consent/cookie-consent-schema.ts";
import "../consent/gpc-schema.ts";
import "../consent/ledger-schema.ts";
import "../consent/unsubscribe-schema.ts";
import "../disclosures/schema.ts";
import "../outbox/schema.ts";
import "../policies/schema.ts";
import "../records/schema.ts";
import "../retention/schema.ts";
import "../transfers/schema.ts";

export const schema = assertDenyByDefault(builder.toSchema({ sortSchema: true }));
