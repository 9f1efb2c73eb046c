// Fails when a working-day calendar runs out within 30 days of today: `pnpm calendars:check`. It reads the real
// day, so it runs apart from the tests (daily, and before a release): a calendar running out must not turn an
// unrelated change red, and the suite must pass on any day.
import { calendarDefects } from "../src/requests/rules/calendar-freshness.ts";

const defects = calendarDefects(new Date());
for (const defect of defects) console.error(defect);
if (defects.length > 0) process.exit(1);
console.log("working-day calendars: each reaches at least 30 days past today, or its next act was searched for lately");
