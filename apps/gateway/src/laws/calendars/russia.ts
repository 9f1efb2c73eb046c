import type { CuratedCalendarData } from "./production-calendar.ts";

/**
 * Russia's production calendar: the non-working holidays of Labour Code Art. 112 (1–8 January, 23 February,
 * 8 March, 1 and 9 May, 12 June, 4 November), the automatic move of a holiday falling on a weekend to the next
 * working day (Art. 112 part 2), and the government's yearly decree moving days off. date-holidays knows the
 * fixed holidays but not the decrees, and not every automatic move: compared with this calendar it misses
 * 2 May, 8 May, 13 June, 3 November and 31 December 2025 and the working Saturday 1 November 2025, and
 * 9 January, 11 May and 31 December 2026 (working-days.test.ts checks this).
 * `pnpm calendars:check` fails from 30 days before the last covered year ends: add the next decree then.
 */
export const RUSSIA_PRODUCTION_CALENDAR: CuratedCalendarData = {
  jurisdiction: "RU",
  name: "Russian government production calendar (curated)",
  provisional: {
    statutoryDaysOff: [
      "01-01",
      "01-02",
      "01-03",
      "01-04",
      "01-05",
      "01-06",
      "01-07",
      "01-08",
      "02-23",
      "03-08",
      "05-01",
      "05-09",
      "06-12",
      "11-04",
    ],
    citation: "Labour Code of the Russian Federation, Art. 112 part 1 (non-working public holidays)",
    argument:
      "The year's decree can only add days off (moved weekend days, Art. 112 parts 2 and 5) and turn weekend days into " +
      "working days; it can never make an Art. 112 holiday a working day. Counting every other day as a working day therefore " +
      "counts at least every day the decree will leave working, so the N-th day counted comes no later than the decree's N-th " +
      "working day: a provisional deadline is never later than the official one.",
  },
  unpublished: [
    {
      year: 2027,
      awaitedAct: "Постановление Правительства РФ «О переносе выходных дней в 2027 году»",
      searchedOn: "2026-12-01",
      finding:
        "Not found in the sources reachable from this project (news archives and public calendar data sets): reports of " +
        "21.01.2026 and 28.12.2025 say the 2027 calendar is to be approved at the end of 2026, and the xmlcalendar data set (snapshot of 1 October 2025) has no 2027 file.",
    },
  ],
  years: [
    {
      year: 2025,
      source: {
        act: "Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»",
        url: "https://teko.cntd.ru/news/read/reglamentirovan-perenos-vyhodnyh-dney-v-2025-godu/novosti-po-okhrane-truda",
      },
      daysOff: [
        ...["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05", "2025-01-06", "2025-01-07", "2025-01-08"],
        "2025-02-23",
        "2025-03-08",
        // 4 and 5 January (Sat, Sun) moved to 2 May and 31 December; 23 February (Sun) to 8 May; 8 March (Sat) to 13 June.
        ...["2025-05-01", "2025-05-02", "2025-05-08", "2025-05-09"],
        ...["2025-06-12", "2025-06-13"],
        // Saturday 1 November becomes a working day and its rest moves to Monday 3 November.
        ...["2025-11-03", "2025-11-04"],
        "2025-12-31",
      ],
      workingWeekendDays: ["2025-11-01"],
    },
    {
      year: 2026,
      source: {
        act: "Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»",
        url: "https://kirov143.ru/2025/09/25/Mishustin-podtverdil-raspisanie-prazdnichnyh-i-vyhodnyh-dney-na-2026-god",
      },
      daysOff: [
        ...["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"],
        // 3 and 4 January (Sat, Sun) moved to Friday 9 January and Thursday 31 December.
        "2026-01-09",
        "2026-02-23",
        // 8 March (Sun) and 9 May (Sat) move to the next working day under Labour Code Art. 112 part 2.
        ...["2026-03-08", "2026-03-09"],
        ...["2026-05-01", "2026-05-09", "2026-05-11"],
        "2026-06-12",
        "2026-11-04",
        "2026-12-31",
      ],
      workingWeekendDays: [],
    },
  ],
};
