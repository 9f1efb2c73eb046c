// `pnpm systems`: the register of data systems from the command line (create, list, retire).
import { randomUUID } from "node:crypto";
import { DEFAULT_TENANT_SLUG } from "@custos/db";
import { createDataSystem, retireDataSystem } from "../../systems/system-service.ts";
import { parseCommandLine, runOnTenant, usageError } from "./command-line.ts";

const USAGE = `Usage:
  pnpm systems create --key <key> --name <name> [--category <data category key>]... [--processor <name>] [--account-system]
  pnpm systems list
  pnpm systems retire <key>
Every command takes --tenant <slug> (default "${DEFAULT_TENANT_SLUG}"). Then: pnpm keys create --kind SERVICE --name <name> --data-system <key>`;

const { positionals, values } = parseCommandLine(USAGE, {
  tenant: { type: "string", default: DEFAULT_TENANT_SLUG },
  key: { type: "string" },
  name: { type: "string" },
  category: { type: "string", multiple: true },
  processor: { type: "string" },
  "account-system": { type: "boolean", default: false },
});

// The whole command line is checked before the database is opened: a wrong one is a usage error, not "in use".
const [command, argument] = positionals;
if (!((command === "create" && values.key) || command === "list" || (command === "retire" && argument))) usageError(USAGE);

await runOnTenant(values.tenant, async ({ tenant, db }) => {
  // The audit log names the command line as the actor, as it does for the retention sweep.
  const ctx = {
    caller: { kind: "staff" as const, tenantId: tenant.id, keyId: "cli", keyPrefix: "cli" },
    tenantId: tenant.id,
    requestId: randomUUID(),
  };
  if (command === "create") {
    const system = await createDataSystem(db, ctx, {
      key: values.key ?? "",
      name: values.name ?? values.key ?? "",
      dataCategoryKeys: values.category ?? [],
      processorName: values.processor ?? null,
      accountSystem: values["account-system"],
    });
    console.log(`Registered data system "${system.key}" (${system.name}).`);
  } else if (command === "list") {
    const systems = await db.dataSystem.findMany({
      orderBy: { key: "asc" },
      include: { processor: { select: { name: true } } },
    });
    for (const system of systems) {
      const state = system.retiredAt ? "retired" : system.accountSystem ? "active, account system" : "active";
      const categories = system.dataCategoryKeys.join(",") || "-";
      console.log([system.key, state, system.name, categories, system.processor?.name ?? "in-house"].join("\t"));
    }
  } else if (command === "retire" && argument) {
    const system = await retireDataSystem(db, ctx, argument);
    console.log(`Retired "${system.key}"; it gets no new request tasks.`);
  }
  return 0;
});
