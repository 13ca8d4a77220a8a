import { afterAll, afterEach, describe, expect, test } from "vitest";
import { cardAfterGrade, type CardDay } from "../../src/domain/card-day.js";
import { newCard, reviewCard } from "../../src/domain/review-card.js";
import { correctGrade, recordAnswer, revealAnswer } from "../../src/services/answer-question.js";
import { NAMESPACES } from "../../src/store/open-store.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";
import { ENGINES, failUnlessAvailable, runsHere } from "./store-engines.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-12-01T09:00:00Z");
/** Covers every key point of question 9: the matcher suggests Easy. */
const FULL =
  "准确率、召回率、F1分数和AUC（曲线下面积）；不同场景适用不同标准，帮助选出最合适的模型。";

describe.each(ENGINES)("cards on $name", (engine) => {
  describe.runIf(runsHere(engine))("every engine", () => {
    failUnlessAvailable(engine);
    afterEach(() => closeTestApps());
    afterAll(() => engine.cleanup());

    let ids = 0;
    const answerAt = (app: TestApp, at: number, text: string, userId = "u1", guildId = "g1") => {
      app.ctx.now = () => at;
      return recordAnswer(app.ctx, {
        answerId: `a${ids++}`,
        guildId,
        userId,
        number: 9,
        text,
      });
    };

    test("GIVEN answers on two days THEN the stored card is the FSRS card of those grades, exactly, after a reopen", async () => {
      const url = await engine.freshUrl();
      const app = await testApp({ url });
      const first = await answerAt(app, T0, FULL);
      const second = await answerAt(app, T0 + 3 * DAY + 1234, "不知道");
      const grades = [first.feedback?.grade, second.feedback?.grade];
      expect(grades).toEqual(["easy", "again"]);
      const expected = reviewCard(
        reviewCard(newCard(T0), "easy", T0),
        "again",
        T0 + 3 * DAY + 1234,
      );
      const reopened = await testApp({ url });
      const stored = await reopened.ctx.cards.get("g1", "u1", 9);
      expect(stored?.card).toEqual(expected);
      expect(stored).toMatchObject({ reviewedAt: T0 + 3 * DAY + 1234, grade: "again" });
      expect(Number.isInteger(stored?.card.due)).toBe(true);
      expect(await reopened.ctx.cards.ofMember("g1", "u1")).toEqual([stored]);
      expect(NAMESPACES).toContain("cards");
    });

    test("GIVEN three answers on one day and a correction THEN the card moved once, from the day's start, with the last grade", async () => {
      const app = await testApp({ url: await engine.freshUrl() });
      await answerAt(app, T0, FULL);
      const start = (await app.ctx.cards.get("g1", "u1", 9))?.card;
      await answerAt(app, T0 + 5 * DAY, FULL);
      await answerAt(app, T0 + 5 * DAY + 60_000, "不知道");
      const last = T0 + 5 * DAY + 120_000;
      await answerAt(app, last, "准确率和召回率");
      const stored = await app.ctx.cards.get("g1", "u1", 9);
      expect(stored?.before).toEqual(start);
      expect(stored?.card).toEqual(reviewCard(start!, "hard", last));
      expect(await app.ctx.cards.reviewsBetween("g1", T0, T0 + 6 * DAY)).toBe(2);
      // The member says it was Good: the day's review is done again from the day's start.
      await correctGrade(app.ctx, { guildId: "g1", userId: "u1", number: 9, grade: "good" });
      const corrected = await app.ctx.cards.get("g1", "u1", 9);
      expect(corrected?.card).toEqual(reviewCard(start!, "good", last));
      expect(corrected?.grade).toBe("good");
      expect(await app.ctx.cards.reviewsBetween("g1", T0, T0 + 6 * DAY)).toBe(2);
    });

    test("GIVEN a Reveal without an answer THEN it counts as Again; after an answer that day it changes nothing", async () => {
      const app = await testApp({ url: await engine.freshUrl() });
      app.ctx.now = () => T0;
      await revealAnswer(app.ctx, { guildId: "g1", userId: "u1", number: 9 });
      const revealed = await app.ctx.cards.get("g1", "u1", 9);
      expect(revealed?.card).toEqual(reviewCard(newCard(T0), "again", T0));
      await answerAt(app, T0 + 2 * DAY, FULL);
      const answered = await app.ctx.cards.get("g1", "u1", 9);
      app.ctx.now = () => T0 + 2 * DAY + 1000;
      await revealAnswer(app.ctx, { guildId: "g1", userId: "u1", number: 9 });
      expect(await app.ctx.cards.get("g1", "u1", 9)).toEqual(answered);
    });

    test("GIVEN members of two servers with cards THEN membersDue counts each member once, by their earliest due, per server", async () => {
      const url = await engine.freshUrl();
      const [a, b] = [await testApp({ url }), await testApp({ url, instanceId: "b" })];
      await answerAt(a, T0, "不知道", "u1"); // Again: due in about a day
      await answerAt(b, T0, FULL, "u2"); // Easy: due in weeks
      await answerAt(a, T0, "不知道", "u1", "g10");
      a.ctx.now = () => T0;
      await revealAnswer(a.ctx, { guildId: "g1", userId: "u1", number: 3 });
      const dues = (await a.ctx.cards.ofMember("g1", "u1")).map((c) => c.card.due);
      const easyDue = (await a.ctx.cards.get("g1", "u2", 9))!.card.due;
      expect(await b.ctx.cards.membersDue("g1", Math.min(...dues) - 1)).toBe(0);
      expect(await b.ctx.cards.membersDue("g1", Math.max(...dues))).toBe(1);
      expect(await b.ctx.cards.membersDue("g1", easyDue)).toBe(2);
      expect(await b.ctx.cards.membersDue("g10", easyDue)).toBe(1);
      expect(await b.ctx.cards.reviewsBetween("g1", T0, T0 + 1)).toBe(3);
      expect(await b.ctx.cards.reviewsBetween("g1", T0 + 1, T0 + DAY)).toBe(0);
    });

    test("GIVEN one member's answers and Reveals of many questions through two processes at once THEN the summary's earliest due is their cards' earliest", async () => {
      const url = await engine.freshUrl();
      const [a, b] = [await testApp({ url }), await testApp({ url, instanceId: "b" })];
      a.ctx.now = b.ctx.now = () => T0;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const app = i % 2 ? a : b;
          const number = i + 1;
          return i % 3 === 0
            ? revealAnswer(app.ctx, { guildId: "g1", userId: "u1", number })
            : recordAnswer(app.ctx, {
                answerId: `c${i}`,
                guildId: "g1",
                userId: "u1",
                number,
                text: FULL,
              });
        }),
      );
      const cards = await a.ctx.cards.ofMember("g1", "u1");
      expect(cards).toHaveLength(12);
      const earliest = Math.min(...cards.map((c) => c.card.due));
      expect(await a.ctx.cards.membersDue("g1", earliest)).toBe(1);
      expect(await a.ctx.cards.membersDue("g1", earliest - 1)).toBe(0);
      expect(await a.ctx.cards.reviewsBetween("g1", T0, T0 + 1)).toBe(12);
    });
  });
});

test("GIVEN a grade on a later day THEN it moves the card from where the earlier day left it", () => {
  const first = cardAfterGrade(null, "good", T0, "2026-12-01");
  const second: CardDay = cardAfterGrade(first, "good", T0 + 4 * DAY, "2026-12-05");
  expect(second.before).toEqual(first.card);
  expect(second.card.reps).toBe(2);
});
