import type { AppContext } from "../context.js";
import type { Question } from "../bank/schema.js";
import { checkAnswer } from "../domain/answer.js";
import { findQuestion } from "../domain/catalogue.js";
import { UserError } from "../errors.js";
import { recordActivity } from "./member-stats.js";

export function requireQuestion(ctx: Pick<AppContext, "catalogue">, number: number): Question {
  const question = findQuestion(ctx.catalogue, number);
  if (!question) {
    const numbers = ctx.catalogue.questions.map((q) => q.number);
    throw new UserError("error.unknown-question", {
      number,
      min: Math.min(...numbers),
      max: Math.max(...numbers),
    });
  }
  return question;
}

export type SubmittedAnswer = {
  answerId: string;
  guildId: string;
  userId: string;
  number: number;
  text: string;
};

/** Validates and stores a member's answer; resolves only once it is stored. */
export async function recordAnswer(
  ctx: AppContext,
  input: SubmittedAnswer,
): Promise<{ question: Question; text: string }> {
  const question = requireQuestion(ctx, input.number);
  const checked = checkAnswer(input.text);
  if (!checked.ok) {
    throw checked.error === "answer-empty"
      ? new UserError("error.answer-empty")
      : new UserError("error.answer-too-long", { length: checked.length, max: checked.max });
  }
  const at = ctx.now();
  await ctx.answers.record({
    id: input.answerId,
    guildId: input.guildId,
    userId: input.userId,
    question: question.number,
    text: checked.text,
    at,
  });
  await ctx.participation.record(input.guildId, question.number, input.userId, at);
  await recordActivity(ctx, input.guildId, input.userId, at);
  return { question, text: checked.text };
}
