import { type CuratedCalendarData, dayRange } from "./production-calendar.ts";

/**
 * China's working-day calendar as the State Council General Office announces it each year: the days off of
 * each holiday period ("放假调休") and the weekend days worked in exchange ("上班"). date-holidays cannot stand
 * in for it: it marks as public holidays days that are not days off for everyone (1 August 2025, 1 June 2026;
 * half days such as 8 March), it has only the statutory days of each holiday period and not the bridging days
 * (31 January and 3–4 February 2025), and it has no make-up working days at all.
 * `pnpm calendars:check` fails from 30 days before the last covered year ends: add the next notice then.
 */
export const CHINA_HOLIDAY_CALENDAR: CuratedCalendarData = {
  jurisdiction: "CN",
  name: "State Council holiday notices (curated)",
  provisional: {
    // Spring Festival, Dragon Boat and Mid-Autumn follow the lunar calendar and Qingming a solar term; counting them as
    // working days only brings a provisional deadline forward, so no astronomy is needed for the guarantee.
    statutoryDaysOff: ["01-01", "05-01", "05-02", "10-01", "10-02", "10-03"],
    citation:
      "《全国年节及纪念日放假办法》 Art. 2, as amended with effect from 1 January 2025 (New Year's Day, Labour Day 1–2 May, National Day 1–3 October)",
    argument:
      "The General Office's yearly notice adds days off around each festival and turns weekend days into make-up working days " +
      "(调休上班), but never makes a statutory holiday a working day. Counting every day except the fixed statutory ones as a " +
      "working day therefore counts at least every day the notice will leave working, so a provisional deadline is never later " +
      "than the official one.",
  },
  unpublished: [
    {
      year: 2027,
      awaitedAct: "国务院办公厅关于2027年部分节假日安排的通知",
      searchedOn: "2026-12-01",
      finding:
        "Not found in the sources reachable from this project: news archives hold the notices up to 2026 only, and the holiday-cn " +
        "data set (snapshot of 7 August 2026) has an empty 2027 file.",
    },
  ],
  years: [
    {
      year: 2025,
      source: {
        act: "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 12 November 2024)",
        url: "https://big5.cctv.com/gate/big5/news.cctv.cn/2024/11/12/ARTIpdPD9BFgB4TnLNXKtCgc241112.shtml",
      },
      daysOff: [
        "2025-01-01",
        ...dayRange("2025-01-28", "2025-02-04"),
        ...dayRange("2025-04-04", "2025-04-06"),
        ...dayRange("2025-05-01", "2025-05-05"),
        ...dayRange("2025-05-31", "2025-06-02"),
        ...dayRange("2025-10-01", "2025-10-08"),
      ],
      workingWeekendDays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    },
    {
      year: 2026,
      source: {
        act: "国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025)",
        url: "https://epaper.zsnews.cn/epaper/zsrb/paperdate/20251105/part/1/articleid/3.html",
      },
      daysOff: [
        ...dayRange("2026-01-01", "2026-01-03"),
        ...dayRange("2026-02-15", "2026-02-23"),
        ...dayRange("2026-04-04", "2026-04-06"),
        ...dayRange("2026-05-01", "2026-05-05"),
        ...dayRange("2026-06-19", "2026-06-21"),
        ...dayRange("2026-09-25", "2026-09-27"),
        ...dayRange("2026-10-01", "2026-10-07"),
      ],
      workingWeekendDays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    },
  ],
};
