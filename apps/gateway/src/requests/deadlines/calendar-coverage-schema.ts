import { builder } from "../../ground/builder.ts";
import { type CalendarCoverage, calendarCoverage } from "../rules/index.ts";

const UnpublishedYearRef = builder.objectRef<CalendarCoverage["unpublished"][number]>("UnpublishedCalendarYear").implement({
  description: "A year whose act was looked for and not found; its days count by the provisional rule meanwhile.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    year: t.exposeInt("year", { description: "The calendar year the act will cover." }),
    awaitedAct: t.exposeString("awaitedAct", { description: "The act that will fix the year, as it is usually titled." }),
    searchedOn: t.exposeString("searchedOn", { description: "The day it was last looked for (YYYY-MM-DD)." }),
    finding: t.exposeString("finding", { description: "Where it was looked for, and what was found." }),
  }),
});

const CalendarCoverageRef = builder.objectRef<CalendarCoverage>("CalendarCoverage").implement({
  description: "How far a curated working-day calendar reaches; deadlines counting later days are provisional.",
  authScopes: { staff: true, auditor: true },
  fields: (t) => ({
    jurisdiction: t.exposeString("jurisdiction", { description: "ISO 3166 code of the country whose working days it counts." }),
    name: t.exposeString("name", { description: "Where its days off come from." }),
    coveredYears: t.exposeIntList("coveredYears", { description: "The years an official act covers." }),
    lastCoveredDay: t.exposeString("lastCoveredDay", { description: "The last day an official act covers (YYYY-MM-DD)." }),
    daysLeft: t.exposeInt("daysLeft", { description: "Days from today to the last covered day; negative once it has passed." }),
    provisionalRule: t.string({
      description: "How days after the last covered day are counted, and why that never gives a later deadline than the act will.",
      resolve: ({ provisional }) =>
        `Every day is a working day except ${provisional.statutoryDaysOff.join(", ")} (${provisional.citation}). ${provisional.argument}`,
    }),
    unpublished: t.field({
      type: [UnpublishedYearRef],
      description: "Later years whose act was looked for and not found yet.",
      resolve: (coverage) => [...coverage.unpublished],
    }),
  }),
});

builder.queryField("calendarCoverage", (t) =>
  t.field({
    type: [CalendarCoverageRef],
    description: "Each curated working-day calendar's last covered day, so staff add the next year's act in time.",
    authScopes: { staff: true, auditor: true },
    resolve: () => calendarCoverage(new Date()),
  }),
);
