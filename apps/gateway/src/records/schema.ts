import { builder } from "../ground/builder.ts";
import { processingRecordToCsv } from "./processing-record-csv.ts";
import { processingRecordToHtml } from "./processing-record-html.ts";
import { processingRecordOf } from "./processing-record-service.ts";

const RecordFormatEnum = builder.enumType("ProcessingRecordFormat", {
  values: {
    JSON: { description: "A JSON document with the sections of Art. 30(1)." },
    CSV: { description: "CSV with one row per purpose and data category." },
    HTML: { description: "A printable HTML page." },
  } as const,
  description: "JSON (the Art. 30(1) sections), CSV (one row per purpose and data category) or a printable HTML page.",
});

builder.queryField("recordsOfProcessing", (t) =>
  t.string({
    description: "The GDPR Art. 30 record of processing activities, built from the registers as they stand now.",
    authScopes: { staff: true, auditor: true },
    args: { format: t.arg({ type: RecordFormatEnum, description: "JSON, CSV or printable HTML." }) },
    resolve: async (_root, { format }, ctx) => {
      const record = await processingRecordOf(ctx.prisma, ctx.tenantId);
      if (format === "CSV") return processingRecordToCsv(record);
      if (format === "HTML") return processingRecordToHtml(record);
      return JSON.stringify(record, null, 2);
    },
  }),
);
