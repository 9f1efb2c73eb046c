import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { RunAs } from "./run-as.ts";

export interface WatchdogOrders {
  readonly stopProgram: string;
  readonly stopArgs: readonly string[];
  readonly folder: string;
  readonly runAs: RunAs;
}

const watchdogScript = fileURLToPath(new URL("./cluster-watchdog-process.mjs", import.meta.url));

/** Starts a process that stops the cluster and removes its folder once this process is gone. */
export async function startClusterWatchdog(orders: WatchdogOrders): Promise<{ dismiss(): void }> {
  const watchdog = spawn(process.execPath, [watchdogScript, JSON.stringify({ ownerPid: process.pid, ...orders })], {
    detached: true,
    stdio: "ignore",
  });
  await once(watchdog, "spawn");
  watchdog.unref();
  return { dismiss: () => watchdog.kill() };
}
