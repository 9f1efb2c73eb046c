// What a gateway process holds: its resident memory read from Linux's /proc (the kernel's own count, which includes
// WebAssembly, native buffers and code that V8's heap figures leave out), and its V8 heap read from /metrics over a soak.
import { readFile, writeFile } from "node:fs/promises";
import type { ServerProcess } from "./processes.ts";
import { drive, type Load } from "./wrk.ts";

const MB = 1024 * 1024;

async function statusField(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(kilobytes) / 1024;
}

/** Resident memory now, in MB. */
export const residentMb = (server: ServerProcess) => statusField(server.pid, "VmRSS");

/** The most resident memory since the last `resetPeak` (or the start), in MB. */
export const peakResidentMb = (server: ServerProcess) => statusField(server.pid, "VmHWM");

/** Starts a new peak from the current resident size (Linux: writing 5 to clear_refs resets VmHWM). */
export const resetPeak = (server: ServerProcess) => writeFile(`/proc/${server.pid}/clear_refs`, "5");

export interface SoakFigures {
  /** The lowest heap used in the first and the last fifth of the soak: what survives collections, in MB. */
  firstFloorMb: number;
  lastFloorMb: number;
  peakResidentMb: number;
  requests: number;
  failed: number;
  sample: string;
}

async function heapUsedMb(server: ServerProcess, metricsToken: string): Promise<number> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const text = await response.text();
  const bytes = /^custos_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text)?.[1];
  if (!response.ok || bytes === undefined) throw new Error(`${server.url}/metrics answered ${response.status} without the heap`);
  return Number(bytes) / MB;
}

/**
 * Drives `load` for `seconds` while reading the heap every second. A heap that leaks raises its floor (the least it
 * holds just after a collection) from the first fifth of the soak to the last; one that does not keeps it level.
 */
export async function soak(
  server: ServerProcess,
  metricsToken: string,
  load: Omit<Load, "seconds">,
  seconds: number,
): Promise<SoakFigures> {
  await resetPeak(server);
  const samples: number[] = [];
  let driving = true;
  const driven = drive({ ...load, seconds }).finally(() => {
    driving = false;
  });
  while (driving) {
    samples.push(await heapUsedMb(server, metricsToken));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const result = await driven;
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  return {
    firstFloorMb: Math.min(...samples.slice(0, fifth)),
    lastFloorMb: Math.min(...samples.slice(-fifth)),
    peakResidentMb: await peakResidentMb(server),
    requests: result.requests,
    failed: result.failed,
    sample: result.sample,
  };
}
