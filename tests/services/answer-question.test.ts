import { afterEach, describe, expect, test } from "vitest";
import { UserError } from "../../src/errors.js";
import { recordAnswer } from "../../src/services/answer-question.js";
import { memberStats } from "../../src/services/member-stats.js";
import { StoreError } from "../../src/store/answers.js";
import { closeTestApps, testApp } from "../helpers/app-context.js";

afterEach(closeTestApps);

const NOW = Date.parse("2026-11-30T12:00:00Z");
const input = { answerId: "99", guildId: "g", userId: "u", number: 9, text: "  准确率、召回率  " };

describe("recordAnswer", () => {
  test("GIVEN a valid answer THEN it is stored trimmed with its time, and counts toward the streak", async () => {
    const { ctx } = await testApp();
    ctx.now = () => NOW;
    const result = await recordAnswer(ctx, input);
    expect(result.question.number).toBe(9);
    expect(await ctx.answers.listByMember("g", "u")).toEqual([
      { id: "99", guildId: "g", userId: "u", question: 9, text: "准确率、召回率", at: NOW },
    ]);
    expect(await memberStats(ctx, "g", "u", NOW)).toMatchObject({ current: 1, totalAnswers: 1 });
    expect(await ctx.participation.count("g", 9, NOW)).toBe(1);
  });

  test.each([
    [{ text: "   " }, "error.answer-empty"],
    [{ text: "y".repeat(1001) }, "error.answer-too-long"],
    [{ number: 31 }, "error.unknown-question"],
  ])("GIVEN %j THEN a user error %s is raised and nothing is stored", async (change, key) => {
    const { ctx } = await testApp();
    const error = await recordAnswer(ctx, { ...input, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe(key);
    expect(await ctx.answers.listByMember("g", "u")).toEqual([]);
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(0);
  });

  test("GIVEN the store fails THEN the failure propagates (the member is never told it counted)", async () => {
    const { ctx } = await testApp();
    ctx.answers.record = () => Promise.reject(new StoreError("disk full"));
    await expect(recordAnswer(ctx, input)).rejects.toBeInstanceOf(StoreError);
    expect((await ctx.members.get("g", "u")).totalAnswers).toBe(0);
  });
});
