import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import type { Catalogue } from "../src/domain/catalogue.js";
import { dayKeyIn } from "../src/domain/schedule.js";
import type { CardRecord, CardSummary } from "../src/store/cards.js";
import type { Grade } from "../src/domain/answer-feedback.js";
import { mulberry32 } from "../src/domain/rotation.js";
import { newCard, reviewCard, type ReviewCard } from "../src/domain/review-card.js";
import { userIdOf } from "./seed-members.js";

const DAY_MS = 86_400_000;
const GRADES: readonly Grade[] = ["again", "hard", "good", "good", "good", "easy"];

/** About this many cards per member on average (of the bank's 30 questions), long-tailed. */
export const cardsPerMember = 12;

/**
 * A member's cards, always the same for the same index: each answered question's card is moved
 * by 1–6 graded reviews, the first up to 90 days before `now`, each at the day it came due (a
 * member answering when reminded), so states, stabilities and dues are what FSRS produces.
 */
export function seededCards(
  index: number,
  catalogue: Catalogue,
  now: number,
): { question: number; card: ReviewCard; before: ReviewCard; grade: Grade; reviewedAt: number }[] {
  const random = mulberry32(1_000_003 + index);
  const pick = (n: number) => Math.floor(random() * n);
  const count = Math.min(
    catalogue.questions.length,
    Math.floor(-Math.log(1 - random()) * cardsPerMember),
  );
  const questions = [...catalogue.questions].sort(() => random() - 0.5).slice(0, count);
  return questions.map((question) => {
    let at = now - (1 + pick(90)) * DAY_MS;
    let card = newCard(at);
    let before = card;
    let grade: Grade = "good";
    let reviewedAt = at;
    for (let review = 0, reviews = 1 + pick(6); review < reviews && at < now; review++) {
      before = card;
      grade = GRADES[pick(GRADES.length)]!;
      card = reviewCard(card, grade, at);
      reviewedAt = at;
      at = Math.max(card.due, at + DAY_MS);
    }
    return { question: question.number, card, before, grade, reviewedAt };
  });
}

const ROWS_PER_INSERT = 400;

/**
 * Writes every member's cards and card summary straight into the SQLite file in the store's row
 * format (namespace "cards": `cards:<guild>:<user>:<question>` and `cards:summary:<guild>:<user>`,
 * values from Keyv's serializer), as seed-members.ts does for member rows: through the answer
 * flow, 120,000 cards would take many minutes. Returns how many cards were written.
 * It depends on src/store/cards.ts's keys and records; if those change, change it with them.
 */
export async function seedCards(
  url: string,
  guildId: string,
  members: number,
  catalogue: Catalogue,
  now: number,
): Promise<number> {
  const db = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
  const codec = new Keyv();
  let written = 0;
  const rows: [string, unknown][] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const values = rows.map(() => "(?, ?)").join(", ");
    await db.query(
      `INSERT INTO ${db.opts.table} (key, value) VALUES ${values} ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ...rows.flat(),
    );
    rows.length = 0;
  };
  try {
    await db.query("BEGIN IMMEDIATE");
    for (let index = 0; index < members; index++) {
      const userId = userIdOf(index);
      const cards = seededCards(index, catalogue, now);
      for (const seeded of cards) {
        const record: CardRecord = {
          rev: 1,
          guildId,
          userId,
          ...seeded,
          day: dayKeyIn(seeded.reviewedAt, "Europe/Berlin"),
        };
        rows.push([
          `cards:${guildId}:${userId}:${seeded.question}`,
          await codec.serializeData({ value: record }),
        ]);
      }
      const summary: CardSummary = {
        rev: 1,
        guildId,
        userId,
        earliestDue: cards.length > 0 ? Math.min(...cards.map((c) => c.card.due)) : null,
        reviews: cards.map((c) => [c.question, c.reviewedAt]),
      };
      if (cards.length > 0)
        rows.push([
          `cards:summary:${guildId}:${userId}`,
          await codec.serializeData({ value: summary }),
        ]);
      written += cards.length;
      if (rows.length >= ROWS_PER_INSERT) await flush();
    }
    await flush();
    await db.query("COMMIT");
  } finally {
    await db.disconnect();
  }
  return written;
}

export { userIdOf };
