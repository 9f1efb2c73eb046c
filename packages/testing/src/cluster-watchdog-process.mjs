// Runs detached from the process that started a throwaway cluster, so it also cleans up when that
// process dies without a chance to do so itself (SIGKILL, a crashed or timed-out test runner).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

const { ownerPid, stopProgram, stopArgs, folder, runAs } = JSON.parse(process.argv[2]);

function ownerIsAlive() {
  try {
    process.kill(ownerPid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

const timer = setInterval(() => {
  if (ownerIsAlive()) return;
  clearInterval(timer);
  try {
    execFileSync(stopProgram, stopArgs, { cwd: folder, stdio: "ignore", ...runAs });
  } catch {
    // The server was not running (it never started, or it was stopped): the folder still goes.
  }
  rmSync(folder, { recursive: true, force: true });
}, 500);
