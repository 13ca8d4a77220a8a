import type { AppContext } from "../context.js";
import { findQuestion, pickRandom } from "../domain/catalogue.js";
import type { ReviewPick } from "../domain/review-pick.js";
import { endOfTodayFor } from "./server-days.js";

/** The member's review: the most overdue card due today, else the next due and an unseen question. */
export async function pickReview(
  ctx: AppContext,
  guildId: string,
  userId: string,
): Promise<ReviewPick> {
  const now = ctx.now();
  const until = endOfTodayFor(await ctx.guilds.get(guildId), now);
  // A card whose question left the bank is not reviewed.
  const cards = (await ctx.cards.ofMember(guildId, userId))
    .map((record) => ({ record, question: findQuestion(ctx.catalogue, record.question) }))
    .filter((entry) => entry.question !== undefined)
    .sort((a, b) => a.record.card.due - b.record.card.due || a.record.question - b.record.question);
  const due = cards.filter((entry) => entry.record.card.due <= until);
  const first = due[0];
  if (first?.question) {
    return {
      kind: "due",
      question: first.question,
      due: first.record.card.due,
      dueCount: due.length,
    };
  }
  const seen = new Set([
    ...cards.map((entry) => entry.record.question),
    ...(await ctx.answers.answeredQuestions(guildId, userId)),
  ]);
  const unseen = ctx.catalogue.questions.filter((question) => !seen.has(question.number));
  return {
    kind: "none",
    nextDue: cards[0]?.record.card.due ?? null,
    unseen: pickRandom(unseen, ctx.random) ?? null,
  };
}
