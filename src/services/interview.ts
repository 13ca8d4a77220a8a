import type { Question } from "../bank/schema.js";
import type { AppContext } from "../context.js";
import { findQuestion, questionsWithTopic, type Catalogue } from "../domain/catalogue.js";
import { interviewRunOf, type CustomId } from "../domain/custom-id.js";
import {
  answered,
  chooseInterview,
  currentQuestion,
  runFits,
  scorecard,
  type InterviewRun,
  type Scorecard,
} from "../domain/interview.js";
import { recallOf } from "../domain/review-card.js";
import { UserError } from "../errors.js";
import { recordAnswer } from "./answer-question.js";

const keyPointsOf = (catalogue: Catalogue) => (number: number) => {
  const question = findQuestion(catalogue, number);
  return question && (question.keyPoints?.length ?? 0);
};

/** The member's recall now of each question they have a card for (question number -> [0, 1]). */
async function recallByQuestion(
  ctx: AppContext,
  guildId: string,
  userId: string,
): Promise<ReadonlyMap<number, number>> {
  const now = ctx.now();
  const cards = await ctx.cards.ofMember(guildId, userId);
  return new Map(cards.map((record) => [record.question, recallOf(record.card, now)]));
}

/**
 * A new run of at most `count` questions (of `topic` when given): the member's weakest recall
 * first, then questions they have not seen. A topic without questions is the member's mistake.
 */
export async function planInterview(
  ctx: AppContext,
  input: { guildId: string; userId: string; count: number; topic: string | null },
): Promise<{ run: InterviewRun; question: Question }> {
  const { catalogue } = ctx;
  const pool =
    input.topic === null ? catalogue.questions : questionsWithTopic(catalogue, input.topic);
  if (input.topic !== null && pool.length === 0) {
    const known = catalogue.topics.has(input.topic);
    throw new UserError(known ? "error.topic-no-questions" : "error.unknown-topic", {
      topic: input.topic,
    });
  }
  const recall = await recallByQuestion(ctx, input.guildId, input.userId);
  const numbers = pool.map((question) => question.number);
  const run = { questions: chooseInterview(numbers, recall, input.count, ctx.random), covered: [] };
  return { run, question: findQuestion(catalogue, run.questions[0] ?? 0) as Question };
}

/**
 * The run a button or modal of the interview carries, checked against the bank, with the
 * question it is at: a run the bank no longer fits (a question removed since) cannot go on.
 */
export function interviewStep(
  ctx: Pick<AppContext, "catalogue">,
  id: CustomId,
): { run: InterviewRun; question: Question } {
  const run = interviewRunOf(id);
  if (!run) throw new UserError("error.unknown-component");
  const number = currentQuestion(run);
  const question = number === null ? undefined : findQuestion(ctx.catalogue, number);
  if (!runFits(run, keyPointsOf(ctx.catalogue)) || !question)
    throw new UserError("error.interview-stale");
  return { run, question };
}

/**
 * Records the answer to the run's current question like any answer (recordAnswer: the store,
 * streak and cards move), and returns the run one step on, with its scorecard once it is over.
 */
export async function answerInterviewStep(
  ctx: AppContext,
  input: { answerId: string; guildId: string; userId: string; id: CustomId; text: string },
) {
  const { run, question } = interviewStep(ctx, input.id);
  const saved = await recordAnswer(ctx, {
    answerId: input.answerId,
    guildId: input.guildId,
    userId: input.userId,
    number: question.number,
    text: input.text,
  });
  const next = answered(run, saved.feedback?.covered.length ?? 0);
  const card: Scorecard | null =
    currentQuestion(next) === null
      ? scorecard(next, (n) => keyPointsOf(ctx.catalogue)(n) ?? 0)
      : null;
  return { saved, run: next, scorecard: card };
}
