import { describe, expect, test } from "vitest";
import type { KeyPoint } from "../../src/bank/schema.js";
import type { Grade } from "../../src/domain/answer-feedback.js";
import {
  digestWeeks,
  digestWindowDay,
  dueDigest,
  hardestQuestion,
  membersActiveIn,
  MIN_GRADED_ANSWERS,
  weekInstants,
  weekMostMissed,
  type QuestionGrades,
} from "../../src/domain/weekly-digest.js";
import { changeZone, dayKeyForAnswer, type ZoneHistory } from "../../src/domain/zone-history.js";

const zone = (name: string): ZoneHistory => [{ zone: name, from: 0 }];

const point = (id: string): KeyPoint => ({
  id,
  label: { "zh-CN": id, "en-US": id },
  terms: [[id]],
});
const points = [point("a"), point("b")];

/** A question's week: one answer per grade given, covering what each list says (all by default). */
const q = (number: number, grades: Grade[], covered?: string[][]): QuestionGrades => ({
  number,
  keyPoints: points,
  answers: grades.map((grade, i) => ({ grade, covered: covered?.[i] ?? ["a", "b"] })),
});

describe("the week a digest covers", () => {
  test.each([
    [
      "GIVEN a Sunday digest THEN the Sunday to Saturday before it",
      "2026-12-06",
      "2026-11-29",
      "2026-12-05",
      "2026-11-22",
      "2026-11-28",
    ],
    [
      "GIVEN a Monday digest THEN the Monday-based week before it",
      "2026-12-07",
      "2026-11-30",
      "2026-12-06",
      "2026-11-23",
      "2026-11-29",
    ],
    [
      "GIVEN a digest across a new year THEN the days cross it too",
      "2027-01-03",
      "2026-12-27",
      "2027-01-02",
      "2026-12-20",
      "2026-12-26",
    ],
  ])("%s", (_name, day, first, last, prevFirst, prevLast) => {
    expect(digestWeeks(day)).toEqual({
      week: { first, last },
      previous: { first: prevFirst, last: prevLast },
    });
  });

  test("GIVEN a zone THEN the week runs from its first local midnight to the digest day's", () => {
    expect(
      weekInstants({ first: "2026-11-29", last: "2026-12-05" }, zone("Asia/Shanghai")),
    ).toEqual({
      from: Date.parse("2026-11-28T16:00:00Z"),
      to: Date.parse("2026-12-05T16:00:00Z"),
    });
  });

  test("GIVEN a week with a DST change THEN it is 7 local days, not 7 × 24 hours", () => {
    const { from, to } = weekInstants(
      { first: "2026-03-02", last: "2026-03-08" },
      zone("America/New_York"),
    );
    expect(from).toBe(Date.parse("2026-03-02T05:00:00Z"));
    expect(to).toBe(Date.parse("2026-03-09T04:00:00Z"));
  });

  test("GIVEN the zone changed in the week THEN the week's ends are where answers were keyed to its days", () => {
    // Shanghai until Wednesday's end there, then New York: the days an answer is keyed by.
    const history = changeZone(
      zone("Asia/Shanghai"),
      "America/New_York",
      Date.parse("2026-12-02T04:00:00Z"),
    );
    const { from, to } = weekInstants({ first: "2026-11-29", last: "2026-12-05" }, history);
    expect(dayKeyForAnswer(history, from)).toBe("2026-11-29");
    expect(dayKeyForAnswer(history, from - 1)).toBe("2026-11-28");
    expect(dayKeyForAnswer(history, to - 1)).toBe("2026-12-05");
    expect(dayKeyForAnswer(history, to)).toBe("2026-12-06");
    expect(from).toBe(Date.parse("2026-11-28T16:00:00Z"));
    expect(to).toBe(Date.parse("2026-12-06T05:00:00Z"));
  });
});

test.each([
  ["GIVEN nobody THEN 0", [], 0],
  [
    "GIVEN a day on the week's first and last day THEN both count",
    [["2026-11-29"], ["2026-12-05"]],
    2,
  ],
  ["GIVEN days just outside THEN none count", [["2026-11-28"], ["2026-12-06"]], 0],
  [
    "GIVEN one member on many days THEN one member",
    [["2026-11-30", "2026-12-01", "2026-12-02"]],
    1,
  ],
  ["GIVEN a member without days THEN not counted", [[], ["2026-12-01"]], 1],
])("members active in the week: %s", (_name, calendars, expected) => {
  expect(membersActiveIn(calendars, { first: "2026-11-29", last: "2026-12-05" })).toBe(expected);
});

describe("the hardest question", () => {
  test("the rule needs 3 graded answers", () => expect(MIN_GRADED_ANSWERS).toBe(3));

  test.each([
    ["GIVEN no question THEN none", [], null],
    ["GIVEN only questions with 2 graded answers THEN none", [q(1, ["again", "again"])], null],
    [
      "GIVEN the lowest share of good has too few answers THEN the next one",
      [q(1, ["again", "again"]), q(2, ["good", "hard", "easy"]), q(3, ["good", "good", "good"])],
      { number: 2, good: 2, graded: 3 },
    ],
    [
      "GIVEN Easy THEN it counts as good, Hard does not",
      [q(4, ["easy", "easy", "hard"]), q(5, ["hard", "hard", "good"])],
      { number: 5, good: 1, graded: 3 },
    ],
    [
      "GIVEN equal shares THEN the one more members answered",
      [q(6, ["again", "good", "good"]), q(7, ["again", "again", "good", "good", "good", "good"])],
      { number: 7, good: 4, graded: 6 },
    ],
    [
      "GIVEN equal shares and counts THEN the lower number",
      [q(9, ["again", "good", "good"]), q(8, ["hard", "easy", "good"])],
      { number: 8, good: 2, graded: 3 },
    ],
    [
      "GIVEN 1 of 3 against 2 of 7 THEN 2 of 7 (29% < 33%)",
      [
        q(10, ["good", "again", "again"]),
        q(11, ["good", "good", "again", "again", "again", "again", "again"]),
      ],
      { number: 11, good: 2, graded: 7 },
    ],
  ])("%s", (_name, questions, expected) => {
    expect(hardestQuestion(questions)).toEqual(expected);
  });
});

describe("the most-missed key point of the week", () => {
  test.each([
    ["GIVEN no answers THEN none", [q(1, [])], null],
    ["GIVEN everything covered THEN none", [q(1, ["good", "good"])], null],
    [
      "GIVEN b missed twice on 2 and a once on 1 THEN b on 2",
      [q(1, ["hard"], [["b"]]), q(2, ["hard", "hard", "good"], [["a"], ["a"], ["a", "b"]])],
      { number: 2, id: "b", missed: 2, graded: 3 },
    ],
    [
      "GIVEN a tie across questions THEN the lower number",
      [q(5, ["hard"], [["b"]]), q(3, ["hard"], [["a"]])],
      { number: 3, id: "b", missed: 1, graded: 1 },
    ],
    [
      "GIVEN a question without key points THEN it is skipped",
      [{ number: 4, keyPoints: undefined, answers: [{ grade: "again" as const, covered: [] }] }],
      null,
    ],
  ])("%s", (_name, questions, expected) => {
    const found = weekMostMissed(questions);
    expect(
      found && {
        number: found.number,
        id: found.point.id,
        missed: found.missed,
        graded: found.graded,
      },
    ).toEqual(expected);
  });
});

describe("when the digest is due", () => {
  // 2026-12-06 is a Sunday (ISO 7); the post time 09:00 in Shanghai is 01:00 UTC.
  const settings = {
    time: "09:00",
    timeZone: "Asia/Shanghai",
    days: [1, 2, 3, 4, 5, 6, 7],
    digestDay: 7,
  };
  const grace = 6 * 3_600_000;
  const at = (iso: string) => Date.parse(iso);
  const base = { lastDigestDay: undefined, lastPostedDay: "2026-12-06", graceMs: grace };

  test.each([
    [
      "GIVEN the digest day after the daily post THEN due",
      settings,
      "2026-12-06T01:00:00Z",
      base,
      "2026-12-06",
    ],
    [
      "GIVEN the digest day before the post time THEN not due",
      settings,
      "2026-12-06T00:59:00Z",
      base,
      null,
    ],
    [
      "GIVEN the day's question is not out yet THEN not due",
      settings,
      "2026-12-06T01:00:00Z",
      { ...base, lastPostedDay: "2026-12-05" },
      null,
    ],
    [
      "GIVEN the bot was down at post time THEN due later that day within the grace",
      settings,
      "2026-12-06T06:59:00Z",
      base,
      "2026-12-06",
    ],
    [
      "GIVEN the grace ran out THEN not due (never a week late)",
      settings,
      "2026-12-06T07:01:00Z",
      base,
      null,
    ],
    [
      "GIVEN another weekday THEN not due",
      settings,
      "2026-12-05T01:00:00Z",
      { ...base, lastPostedDay: "2026-12-05" },
      null,
    ],
    [
      "GIVEN the digest is off THEN not due",
      { ...settings, digestDay: null },
      "2026-12-06T01:00:00Z",
      base,
      null,
    ],
    [
      "GIVEN today's digest is out THEN not due again",
      settings,
      "2026-12-06T02:00:00Z",
      { ...base, lastDigestDay: "2026-12-06" },
      null,
    ],
    [
      "GIVEN last week's digest is out THEN due",
      settings,
      "2026-12-06T02:00:00Z",
      { ...base, lastDigestDay: "2026-11-29" },
      "2026-12-06",
    ],
    [
      "GIVEN a digest out on Thursday and the digest day moved to Sunday THEN not due: one a week",
      settings,
      "2026-12-06T02:00:00Z",
      { ...base, lastDigestDay: "2026-12-03" },
      null,
    ],
    [
      "GIVEN a digest out on Thursday and the digest day moved to Sunday THEN due the Sunday after",
      settings,
      "2026-12-13T02:00:00Z",
      { ...base, lastDigestDay: "2026-12-03", lastPostedDay: "2026-12-13" },
      "2026-12-13",
    ],
    [
      "GIVEN the digest day is not a posting day THEN due at the post time without a question",
      { ...settings, days: [1, 2, 3, 4, 5] },
      "2026-12-06T01:00:00Z",
      { ...base, lastPostedDay: "2026-12-04" },
      "2026-12-06",
    ],
  ])("%s", (_name, schedule, now, options, expected) => {
    expect(dueDigest(schedule, at(now), options)).toBe(expected);
  });

  test("GIVEN the question is not out yet THEN the window is open but the digest waits for it", () => {
    const now = at("2026-12-06T01:00:00Z");
    const options = { ...base, lastPostedDay: "2026-12-05" };
    expect(digestWindowDay(settings, now, options)).toBe("2026-12-06");
    expect(dueDigest(settings, now, options)).toBeNull();
  });
});
