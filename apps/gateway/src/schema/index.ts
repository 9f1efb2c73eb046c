import { builder } from "../builder.ts";
import "../catalogue/schema.ts";
import "../consent/schema.ts";

export const schema = builder.toSchema({ sortSchema: true });
