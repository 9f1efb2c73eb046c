import { builder } from "../../ground/builder.ts";

builder.prismaObjectField("RequestTask", "result", (t) =>
  t.expose("result", {
    type: "JSON",
    nullable: true,
    // What a system answered may hold the person's data: staff and auditors only, not partners or other systems.
    authScopes: { staff: true, auditor: true },
    description: "What the data system answered (completeRequestTask's result); null until it has. Staff and auditors only.",
  }),
);
