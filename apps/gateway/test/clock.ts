// The tests' clock: the gateway runs in the test's process, so moving `Date` moves the product's clock too.
import { vi } from "vitest";

/** From here on, `Date` starts at `instant` and runs on in real time; timers and sockets are untouched. */
export function moveClockTo(instant: string | Date): void {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(instant), shouldAdvanceTime: true });
}

/** Back to the wall clock; call it after each test that moved the clock. */
export function restoreClock(): void {
  vi.useRealTimers();
}
