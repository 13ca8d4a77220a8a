import type { AppContext } from "../context.js";
import { recallOf } from "../domain/review-card.js";
import { dueForecast, memberProgress, type MemberProgress } from "../domain/progress.js";

/** A member's recall by topic, weakest topic and 7-day forecast, from their cards, as of `now`. */
export async function memberProgressOf(
  ctx: AppContext,
  guildId: string,
  userId: string,
  now: number,
): Promise<MemberProgress> {
  const [settings, cards] = await Promise.all([
    ctx.guilds.get(guildId),
    ctx.cards.ofMember(guildId, userId),
  ]);
  const { questions, topics } = ctx.catalogue;
  // A card of a question no longer in the banks (a bank removed) is neither shown nor reviewed.
  const known = new Set(questions.map((q) => q.number));
  const current = cards.filter((record) => known.has(record.question));
  return memberProgress(
    [...topics.keys()],
    questions,
    current.map((record) => ({ question: record.question, recall: recallOf(record.card, now) })),
    dueForecast(
      current.map((record) => record.card.due),
      settings.zoneHistory,
      now,
    ),
  );
}
