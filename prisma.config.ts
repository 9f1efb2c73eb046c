import { defineConfig } from "prisma/config";

// Prisma's CLI reads this file. Custos applies migrations with the WebAssembly schema engine
// (`pnpm db migrate`), so only `prisma generate` runs from here on machines without the native engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/custos" },
});
