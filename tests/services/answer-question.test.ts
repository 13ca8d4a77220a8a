// eslint-disable-next-line no-restricted-imports -- adds a failing trigger and reads raw rows beneath the store
import KeyvSqlite from "@keyv/sqlite";
import { afterEach, describe, expect, test } from "vitest";
import type { Question } from "../../src/bank/schema.js";
import type { AppContext } from "../../src/context.js";
import { UserError } from "../../src/errors.js";
import { correctGrade, recordAnswer } from "../../src/services/answer-question.js";
import { readBoard } from "../../src/services/leaderboard.js";
import { memberStats } from "../../src/services/streaks.js";
import { StoreError } from "../../src/store/store-error.js";
import { closeTestApps, testApp } from "../helpers/app-context.js";
import { memberAnswers } from "../helpers/store-reads.js";

afterEach(closeTestApps);

const NOW = Date.parse("2026-11-30T12:00:00Z");
const input = { answerId: "99", guildId: "g", userId: "u", number: 9, text: "  准确率、召回率  " };

describe("recordAnswer", () => {
  test("GIVEN a valid answer THEN it is stored trimmed with its time, and counts toward the streak", async () => {
    const { ctx, url } = await testApp();
    ctx.now = () => NOW;
    const result = await recordAnswer(ctx, input);
    expect(result.question.number).toBe(9);
    expect(await memberAnswers(url, "g", "u")).toEqual([
      {
        ...{ rev: 1, id: "99", guildId: "g", userId: "u", question: 9, text: "准确率、召回率" },
        ...{ at: NOW, attempts: 1, countedAt: NOW, recentIds: ["99"] },
        // A bare list of two of the five points: covered, but only Hard.
        ...{ covered: ["accuracy", "recall"], suggestedGrade: "hard", finalGrade: null },
      },
    ]);
    expect(result.feedback).toMatchObject({ covered: ["accuracy", "recall"], grade: "hard" });
    expect(await memberStats(ctx, "g", "u", NOW)).toMatchObject({ current: 1, totalAnswers: 1 });
    expect(await ctx.participation.count("g", 9, NOW)).toBe(1);
  });

  test.each([
    [{ text: "   " }, "error.answer-empty"],
    [{ text: "y".repeat(1001) }, "error.answer-too-long"],
    [{ number: 31 }, "error.unknown-question"],
  ])("GIVEN %j THEN a user error %s is raised and nothing is stored", async (change, key) => {
    const { ctx, url } = await testApp();
    const error = await recordAnswer(ctx, { ...input, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe(key);
    expect(await memberAnswers(url, "g", "u")).toEqual([]);
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(0);
  });

  test("GIVEN the store fails THEN the failure propagates (the member is never told it counted)", async () => {
    const { ctx } = await testApp();
    ctx.answers.save = () => Promise.reject(new StoreError("disk full"));
    await expect(recordAnswer(ctx, input)).rejects.toBeInstanceOf(StoreError);
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(0);
  });
});

describe("answers counted once per question per local day", () => {
  const HOUR = 3_600_000;
  const submit = (ctx: AppContext, answerId: string, at: number, number = 9, text = "a") => {
    ctx.now = () => at;
    return recordAnswer(ctx, { answerId, guildId: "g", userId: "u", number, text });
  };
  const answersBoard = async (ctx: AppContext, at: number) =>
    (await readBoard(ctx, await ctx.guilds.get("g"), "answers", 0, "u", at)).caller;

  test("GIVEN one question submitted 20 times in a day THEN it counts once; the latest text and 20 attempts are kept in one record", async () => {
    const { ctx, store, url } = await testApp();
    for (let i = 0; i < 20; i++) await submit(ctx, `s${i}`, NOW + i * 60_000, 9, `try ${i}`);
    const member = await ctx.members.get("g", "u");
    expect(member.totalAnswers).toBe(1);
    expect(member.week.answers).toBe(1);
    expect(await answersBoard(ctx, NOW)).toEqual({ rank: 1, value: 1 });
    expect(await memberAnswers(url, "g", "u")).toMatchObject([
      { question: 9, text: "try 19", attempts: 20, id: "s19" },
    ]);
    await store.close();
    expect(await rawAnswerKeys(url)).toEqual(["g:u:9"]);
  });

  test("GIVEN the same question on the next local day, and another question THEN each counts", async () => {
    const { ctx } = await testApp();
    await ctx.guilds.update("g", (s) => ({
      ...s,
      timeZone: "Asia/Tokyo",
      zoneHistory: [{ zone: "Asia/Tokyo", from: 0 }],
    }));
    const lateTokyo = Date.parse("2026-11-30T14:30:00Z"); // 23:30 in Tokyo
    await submit(ctx, "1", lateTokyo);
    await submit(ctx, "2", lateTokyo + HOUR / 4); // 23:45, the same day
    await submit(ctx, "3", lateTokyo + HOUR); // 00:30 the next day in Tokyo
    await submit(ctx, "4", lateTokyo + HOUR, 10);
    const member = await ctx.members.get("g", "u");
    expect(member.totalAnswers).toBe(3);
    expect(member.streak.activeDays).toBe(2);
  });

  test("GIVEN a submit redelivered with the same interaction id THEN it is stored and counted once, even after another submit", async () => {
    const { ctx, url } = await testApp();
    await submit(ctx, "same", NOW);
    await submit(ctx, "same", NOW + 1);
    await submit(ctx, "other", NOW + 2 * HOUR, 10);
    await submit(ctx, "same", NOW + 3 * HOUR);
    await Promise.all([
      submit(ctx, "twice", NOW + 4 * HOUR, 11),
      submit(ctx, "twice", NOW + 4 * HOUR, 11),
    ]);
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(3);
    const stored = await memberAnswers(url, "g", "u");
    expect(stored.map((a) => [a.question, a.attempts, a.at])).toEqual([
      [9, 1, NOW],
      [10, 1, NOW + 2 * HOUR],
      [11, 1, NOW + 4 * HOUR],
    ]);
  });

  test("GIVEN the store fails part way through an answer's writes THEN nothing of it is saved", async () => {
    const { ctx, url } = await testApp();
    await submit(ctx, "before", NOW - 24 * HOUR);
    const before = await snapshot(ctx, url);
    // The last write of an answer (its calendar day) fails, as a full disk would.
    const db = new KeyvSqlite({ uri: url });
    await db.query(`CREATE TRIGGER fail_calendar BEFORE UPDATE ON keyv WHEN new.key LIKE 'calendars:%'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(submit(ctx, "lost", NOW, 10)).rejects.toBeInstanceOf(StoreError);
    expect(await snapshot(ctx, url)).toEqual(before);
    await db.query("DROP TRIGGER fail_calendar");
    await db.disconnect();
    await submit(ctx, "again", NOW, 10);
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(2);
  });
});

async function snapshot(ctx: AppContext, url: string) {
  return {
    answers: await memberAnswers(url, "g", "u"),
    member: await ctx.members.get("g", "u"),
    participation: await ctx.participation.count("g", 10, 0),
    calendar: await ctx.calendars.days("g", "u"),
    // The card moves in the same commit: a failed answer leaves it as it was.
    cards: await ctx.cards.ofMember("g", "u"),
    board: (await readBoard(ctx, await ctx.guilds.get("g"), "answers", 0, "u", NOW)).caller,
  };
}

/** The answer rows in the file, keyed without the namespace. */
async function rawAnswerKeys(url: string): Promise<string[]> {
  const db = new KeyvSqlite({ uri: url });
  const rows = (await db.query("SELECT key FROM keyv WHERE key LIKE 'answers:%'")) as {
    key: string;
  }[];
  await db.disconnect();
  return rows.map((row) => row.key.slice("answers:".length));
}

describe("the card an answer moves", () => {
  test("GIVEN a question without key points THEN an answer counts as Good on the card", async () => {
    const { ctx } = await testApp();
    ctx.catalogue = {
      ...ctx.catalogue,
      questions: ctx.catalogue.questions.map((question) =>
        question.number === 10 ? withoutKeyPoints(question) : question,
      ),
    };
    ctx.now = () => NOW;
    const saved = await recordAnswer(ctx, {
      answerId: "a1",
      guildId: "g",
      userId: "u",
      number: 10,
      text: "whatever I remember",
    });
    expect(saved.feedback).toBeNull();
    expect((await ctx.cards.get("g", "u", 10))?.grade).toBe("good");
  });
});

describe("correctGrade", () => {
  test("GIVEN a graded answer THEN the member's grade is stored beside the suggestion, until the next submit", async () => {
    const { ctx, url } = await testApp();
    ctx.now = () => NOW;
    await recordAnswer(ctx, input);
    const { record } = await correctGrade(ctx, {
      guildId: "g",
      userId: "u",
      number: 9,
      grade: "good",
    });
    expect(record).toMatchObject({ suggestedGrade: "hard", finalGrade: "good" });
    const [stored] = await memberAnswers(url, "g", "u");
    expect(stored).toMatchObject({ suggestedGrade: "hard", finalGrade: "good", attempts: 1 });
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(1);

    await recordAnswer(ctx, { ...input, answerId: "100", text: "Nothing relevant at all" });
    const [again] = await memberAnswers(url, "g", "u");
    expect(again).toMatchObject({ covered: [], suggestedGrade: "again", finalGrade: null });
  });

  test("GIVEN no answer to correct THEN a user error says to answer first, and nothing is stored", async () => {
    const { ctx, url } = await testApp();
    const error = await correctGrade(ctx, {
      guildId: "g",
      userId: "u",
      number: 9,
      grade: "easy",
    }).catch((e: unknown) => e);
    expect((error as UserError).key).toBe("error.grade-no-answer");
    expect(await memberAnswers(url, "g", "u")).toEqual([]);
  });
});

function withoutKeyPoints(question: Question): Question {
  const bare = { ...question };
  delete bare.keyPoints;
  return bare;
}
