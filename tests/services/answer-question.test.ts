import { beforeAll, describe, expect, test } from "vitest";
import type { Catalogue } from "../../src/domain/catalogue.js";
import { UserError } from "../../src/errors.js";
import { recordAnswer } from "../../src/services/answer-question.js";
import { StoreError, type AnswerRecord, type AnswerRepository } from "../../src/store/answers.js";
import { loadBuiltInCatalogue } from "../helpers/catalogue.js";

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadBuiltInCatalogue();
});

function memoryAnswers(): AnswerRepository & { saved: AnswerRecord[] } {
  const saved: AnswerRecord[] = [];
  return {
    saved,
    record: (answer) => {
      saved.push(answer);
      return Promise.resolve();
    },
    listByMember: (g, u) => Promise.resolve(saved.filter((a) => a.guildId === g && a.userId === u)),
  };
}

const participation = { record: () => Promise.resolve(), count: () => Promise.resolve(0) };
const input = { answerId: "99", guildId: "g", userId: "u", number: 9, text: "  准确率、召回率  " };

describe("recordAnswer", () => {
  test("GIVEN a valid answer THEN it is stored trimmed with the time it was given", async () => {
    const answers = memoryAnswers();
    const result = await recordAnswer(
      { catalogue, answers, participation, now: () => 1234 },
      input,
    );
    expect(result.question.number).toBe(9);
    expect(answers.saved).toEqual([
      { id: "99", guildId: "g", userId: "u", question: 9, text: "准确率、召回率", at: 1234 },
    ]);
  });

  test.each([
    [{ text: "   " }, "error.answer-empty"],
    [{ text: "y".repeat(1001) }, "error.answer-too-long"],
    [{ number: 31 }, "error.unknown-question"],
  ])("GIVEN %j THEN a user error %s is raised and nothing is stored", async (change, key) => {
    const answers = memoryAnswers();
    const error = await recordAnswer(
      { catalogue, answers, participation, now: () => 0 },
      { ...input, ...change },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe(key);
    expect(answers.saved).toEqual([]);
  });

  test("GIVEN the store fails THEN the failure propagates (the member is never told it counted)", async () => {
    const answers: AnswerRepository = {
      record: () => Promise.reject(new StoreError("disk full")),
      listByMember: () => Promise.resolve([]),
    };
    await expect(
      recordAnswer({ catalogue, answers, participation, now: () => 0 }, input),
    ).rejects.toBeInstanceOf(StoreError);
  });
});
