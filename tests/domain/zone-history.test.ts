import { DateTime } from "luxon";
import { afterEach, describe, expect, test } from "vitest";
import type { DayKey } from "../../src/domain/calendar.js";
import { computeStreak } from "../helpers/reference-streak.js";
import { EMPTY_STREAK, recordActiveDay, streakAsOf } from "../../src/domain/streak.js";
import { changeZone, dayKeyForAnswer, skippedDays, zoneAt } from "../../src/domain/zone-history.js";
import { startZoneHistory } from "../helpers/zone-history.js";
import type { ZoneHistory } from "../../src/domain/zone-history.js";
import { mulberry32 } from "../../src/domain/rotation.js";

const DAY_MS = 86_400_000;
const utc = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const LA = "America/Los_Angeles";
const TOKYO = "Asia/Tokyo";

/** Each change requested from `zone`'s history at the given instant, in order. */
function historyOf(zone: string, ...changes: [string, string][]): ZoneHistory {
  return changes.reduce((h, [next, at]) => changeZone(h, next, utc(at)), startZoneHistory(zone));
}

describe("a zone change", () => {
  test.each([
    {
      name: "GIVEN Los Angeles -> Tokyo THEN the date Tokyo had already begun is skipped",
      history: historyOf(LA, [TOKYO, "2026-03-10T19:00:00Z"]), // 12:00 in Los Angeles
      from: "2026-03-11T07:00:00.000Z",
      skipped: ["2026-03-11"],
      answers: [
        ["2026-03-11T06:59:00Z", "2026-03-10"], // 23:59 in Los Angeles
        ["2026-03-11T07:00:00Z", "2026-03-11"], // 16:00 in Tokyo, a cut day
        ["2026-03-11T15:00:00Z", "2026-03-12"], // 00:00 in Tokyo
      ],
    },
    {
      name: "GIVEN Tokyo -> Los Angeles THEN a date repeats and none is skipped",
      history: historyOf(TOKYO, [LA, "2026-03-10T03:00:00Z"]), // 12:00 in Tokyo
      from: "2026-03-10T15:00:00.000Z",
      skipped: [],
      answers: [
        ["2026-03-10T14:59:00Z", "2026-03-10"], // 23:59 in Tokyo
        ["2026-03-10T15:00:00Z", "2026-03-10"], // 08:00 in Los Angeles, the same date again
        ["2026-03-11T07:00:00Z", "2026-03-11"],
      ],
    },
    {
      name: "GIVEN Pago Pago -> Kiritimati (25 hours) THEN the date jumped over and the cut one are skipped",
      history: historyOf("Pacific/Pago_Pago", ["Pacific/Kiritimati", "2026-03-10T03:00:00Z"]),
      from: "2026-03-10T11:00:00.000Z",
      skipped: ["2026-03-10", "2026-03-11"],
      answers: [
        ["2026-03-10T10:59:00Z", "2026-03-09"],
        ["2026-03-10T11:00:00Z", "2026-03-11"],
      ],
    },
    {
      name: "GIVEN Paris -> Berlin (same offset) THEN nothing is skipped",
      history: historyOf("Europe/Paris", ["Europe/Berlin", "2026-09-05T12:00:00Z"]),
      from: "2026-09-05T22:00:00.000Z",
      skipped: [],
      answers: [["2026-09-05T22:00:00Z", "2026-09-06"]],
    },
    {
      name: "GIVEN a midnight lost to DST (Santiago, 2026-09-06) THEN the change starts when the day does",
      history: historyOf("America/Santiago", ["UTC", "2026-09-05T12:00:00Z"]),
      from: "2026-09-06T04:00:00.000Z", // 01:00 in Santiago, straight after 23:59:59
      skipped: ["2026-09-06"],
      answers: [
        ["2026-09-06T03:59:00Z", "2026-09-05"],
        ["2026-09-06T04:00:00Z", "2026-09-06"],
      ],
    },
  ])("$name", ({ history, from, skipped, answers }) => {
    expect(history.map((change) => change.from)).toEqual([0, utc(from)]);
    expect([...skippedDays(history)]).toEqual(skipped);
    for (const [at, day] of answers) expect(dayKeyForAnswer(history, utc(at ?? ""))).toBe(day);
  });

  test.each([
    { name: "at 23:59 local THEN it takes effect one minute later", at: "2026-03-11T06:59:00Z" },
    { name: "at 00:00 local THEN it takes effect the next midnight", at: "2026-03-10T07:00:00Z" },
  ])("GIVEN a change requested $name", ({ at }) => {
    const [, change] = historyOf(LA, [TOKYO, at]);
    expect(iso(change?.from ?? NaN)).toBe("2026-03-11T07:00:00.000Z");
  });

  test("GIVEN a pending change THEN a new request replaces it and asking for the current zone cancels it", () => {
    const pending = historyOf(LA, [TOKYO, "2026-03-10T19:00:00Z"]);
    const replaced = changeZone(pending, "Europe/London", utc("2026-03-10T20:00:00Z"));
    expect(replaced).toEqual([
      { zone: LA, from: 0 },
      { zone: "Europe/London", from: utc("2026-03-11T07:00:00Z") },
    ]);
    expect(changeZone(replaced, LA, utc("2026-03-10T21:00:00Z"))).toEqual([{ zone: LA, from: 0 }]);
  });

  test("GIVEN a change that took effect THEN the next one starts from the new zone's midnight", () => {
    const history = historyOf(LA, [TOKYO, "2026-03-10T19:00:00Z"], [LA, "2026-03-20T03:00:00Z"]);
    expect(history.map(({ zone, from }) => [zone, iso(from)])).toEqual([
      [LA, iso(0)],
      [TOKYO, "2026-03-11T07:00:00.000Z"],
      [LA, "2026-03-20T15:00:00.000Z"],
    ]);
    expect(zoneAt(history, utc("2026-03-15T00:00:00Z"))).toBe(TOKYO);
    expect([...skippedDays(history)]).toEqual(["2026-03-11"]);
  });

  test("GIVEN an unknown zone THEN the request is rejected", () => {
    expect(() => changeZone(startZoneHistory(LA), "Mars/Olympus", 0)).toThrow(RangeError);
    expect(() => startZoneHistory("Mars/Olympus")).toThrow(RangeError);
  });
});

describe("history size", () => {
  // Every change as it was requested, never pruned: what the pruned history must agree with.
  function requestAll(requests: readonly [string, number][]) {
    let pruned = startZoneHistory("UTC");
    const full = [...pruned];
    for (const [zone, now] of requests) {
      pruned = changeZone(pruned, zone, now);
      const added = pruned.at(-1);
      if (added) full.push(added);
    }
    return { pruned, full };
  }
  const zones = [TOKYO, LA, "Europe/London", "Asia/Kolkata"];

  test.each([
    {
      name: "a change every day for 40 days THEN the last 10 entries are kept",
      every: 1,
      count: 40,
    },
    { name: "a change every 200 days THEN entries older than 2 years go", every: 200, count: 8 },
  ])("GIVEN $name", ({ every, count }) => {
    const start = utc("2020-01-01T12:00:00Z");
    const requests = Array.from({ length: count }, (_, i): [string, number] => [
      zones[i % zones.length] ?? "UTC",
      start + i * every * DAY_MS,
    ]);
    const { pruned, full } = requestAll(requests);
    const now = requests.at(-1)?.[1] ?? 0;
    expect(pruned.length).toBeLessThanOrEqual(10);
    expect(pruned.length).toBeLessThan(full.length);
    expect(pruned[0]?.from).toBe(0);
    // Over the last 2 years, or since the last 9 changes if fewer, it answers like the full one.
    const covered = Math.max(now - 2 * 365 * DAY_MS, full.at(-9)?.from ?? 0);
    for (let at = covered; at <= now + 2 * DAY_MS; at += DAY_MS / 4) {
      expect(dayKeyForAnswer(pruned, at)).toBe(dayKeyForAnswer(full, at));
    }
    const recent = (days: ReadonlySet<DayKey>): DayKey[] =>
      [...days].filter((day) => utc(day) >= covered);
    expect(recent(skippedDays(pruned))).toEqual(recent(skippedDays(full)));
  });
});

describe("the machine's time zone", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  test.each([
    { tz: "UTC", offset: 0 },
    { tz: "America/New_York", offset: 300 },
    { tz: "Asia/Kolkata", offset: -330 },
  ])("GIVEN TZ=$tz THEN the same changes, keys and skipped days", ({ tz, offset }) => {
    process.env.TZ = tz;
    // Proves the switch really happened, so the assertions below are not run in one zone only.
    expect(new Date(utc("2026-01-01T00:00:00Z")).getTimezoneOffset()).toBe(offset);
    const history = historyOf(LA, [TOKYO, "2026-03-11T06:59:00Z"]);
    expect(history[1]?.from).toBe(utc("2026-03-11T07:00:00Z"));
    expect(dayKeyForAnswer(history, utc("2026-03-11T06:59:00Z"))).toBe("2026-03-10");
    expect([...skippedDays(history)]).toEqual(["2026-03-11"]);
  });
});

describe("a member through zone changes", () => {
  const zones = [
    ...[LA, TOKYO, "America/New_York", "Pacific/Honolulu", "America/Santiago", "UTC"],
    ...["Europe/London", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney"],
    ...["Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago"],
  ];
  const schedules: ((day: DayKey) => boolean)[] = [
    () => true,
    (day) => DateTime.fromISO(day, { zone: "utc" }).weekday <= 5,
    (day) => [1, 3, 5].includes(DateTime.fromISO(day, { zone: "utc" }).weekday),
  ];

  test("GIVEN 150 random histories and a member answering every posted day at the same local hour THEN the streak never breaks", () => {
    const rand = mulberry32(311);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    let withSkipped = 0;
    for (let i = 0; i < 150; i++) {
      const start = utc("2026-01-01T00:00:00Z") + Math.floor(rand() * 300) * DAY_MS;
      let history = startZoneHistory(pick(zones));
      for (let c = 1 + Math.floor(rand() * 3); c > 0; c--) {
        history = changeZone(history, pick(zones), start + rand() * 30 * DAY_MS);
      }
      const schedule = pick(schedules);
      const hour = 9 + Math.floor(rand() * 12);
      const skipped = skippedDays(history);
      if (skipped.size > 0) withSkipped++;
      const isPostingDay = (day: DayKey): boolean => schedule(day) && !skipped.has(day);

      const keys = answersAt(history, hour, start - DAY_MS, start + 40 * DAY_MS).filter(schedule);
      const today = keys.at(-1) ?? "";
      const expected = computeStreak({ activeDays: keys, isPostingDay, today });
      const posted = new Set(keys.filter(isPostingDay)).size;
      const label = `case ${i}: ${JSON.stringify(history)} at ${hour}:00`;
      expect(expected, label).toMatchObject({ current: posted, lastReset: null, frozenDays: [] });

      const state = keys.reduce((s, day) => recordActiveDay(s, day, isPostingDay), EMPTY_STREAK);
      expect(streakAsOf(state, today, isPostingDay), label).toEqual({
        current: posted,
        best: posted,
        freezes: expected.freezes,
        lastReset: null,
      });
    }
    // Only worth something if many histories really cut or skipped a date.
    expect(withSkipped).toBeGreaterThan(30);
  });
});

/** The day keys, in order, of a member answering at `hour`:00 local time every local day. */
function answersAt(history: ZoneHistory, hour: number, from: number, to: number): DayKey[] {
  const instants: number[] = [];
  for (const zone of new Set(history.map((change) => change.zone))) {
    let day = DateTime.fromMillis(from, { zone }).startOf("day");
    for (; day.toMillis() < to; day = day.plus({ days: 1 })) {
      const at = day.set({ hour }).toMillis();
      if (zoneAt(history, at) === zone) instants.push(at);
    }
  }
  return instants.sort((a, b) => a - b).map((at) => dayKeyForAnswer(history, at));
}
