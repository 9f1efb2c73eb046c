// Imported first by the gateway's entry point, before Prisma compiles its query compiler (WebAssembly) and the heap
// fills. Measured with `pnpm bench` (the memory rows) on the production build:
// - V8 compiles WebAssembly twice, at once with Liftoff and again optimised with TurboFan in the background; the
//   optimised copy of Prisma's query compiler held about 70 MB of resident memory for ever, for compiles that
//   Prisma's query-plan cache makes rare (once per query shape).
// - V8 let the old generation grow to 250-330 MB under load before it collected, with 80-90 MB of it live; growing
//   the heap by a quarter between collections instead of V8's default factor kept it near 140 MB.
// Both are V8 flags set at run time, so every way the gateway is started (npm start, production, the benchmark)
// gets them; an unknown flag in a later V8 is ignored, not fatal.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--liftoff-only");
setFlagsFromString("--heap-growing-percent=25");
