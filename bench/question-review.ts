import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { GRADES } from "../src/domain/answer-feedback.js";
import { addDays } from "../src/domain/calendar.js";
import { cardAfterGrade, type CardDay } from "../src/domain/card-day.js";
import { mulberry32 } from "../src/domain/rotation.js";
import { reviewMessage } from "../src/discord/render-review.js";
import { pickReview } from "../src/services/review.js";
import { endOfTodayFor } from "../src/services/server-days.js";
import { prefixEnd } from "../src/store/atomic.js";
import type { CardRecord, CardSummary } from "../src/store/cards.js";
import { benchApp, configureWeekdays } from "./bench-app.js";
import { measure, printGroups, withTarget } from "./harness.js";
import { userIdOf } from "./seed-members.js";

/** Wednesday 2025-06-04, 08:00 in Berlin. */
const NOW = Date.UTC(2025, 5, 4, 6, 0);
const TODAY = "2025-06-04";
const GUILD = "guild-review";
const MEMBERS = 10_000;
const TARGET_P95_MS = 20;
const DAY_MS = 86_400_000;
const ROWS_PER_INSERT = 500;

/**
 * A member's cards as 90 days of answers would leave them, always the same for the same index:
 * 3 to 30 questions of the bank, each first answered 60 to 90 days ago. 60% of members review
 * each card whenever it falls due, so only what falls due today is due; the others stopped after
 * one to three reviews, and all their cards are overdue.
 */
function seededCards(index: number): CardDay[] {
  const random = mulberry32(index + 7);
  const keepsUp = random() < 0.6;
  const count = 3 + Math.floor(random() * 28);
  const questions = Array.from({ length: 30 }, (_, i) => i + 1)
    .sort(() => random() - 0.5)
    .slice(0, count);
  return questions.map(() => {
    let card: CardDay | null = null;
    let daysAgo = 90 - Math.floor(random() * 30);
    const stopsAfter = keepsUp ? Infinity : 1 + Math.floor(random() * 3);
    for (let r = 0; r < stopsAfter && daysAgo > 0; r++) {
      const at = NOW - daysAgo * DAY_MS;
      const grade = GRADES[Math.min(3, Math.floor(random() * 4.6))]!;
      card = cardAfterGrade(card, grade, at, addDays(TODAY, -daysAgo));
      daysAgo -= Math.max(1, Math.round((card.card.due - at) / DAY_MS));
    }
    return card!;
  });
}

/** Card rows and summaries straight into the SQLite file in Keyv's format, as seed-members does. */
async function seedCards(url: string): Promise<{ cards: number; due: number }> {
  const db = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
  const codec = new Keyv();
  let cards = 0;
  let due = 0;
  const until = NOW + DAY_MS;
  try {
    await db.query("BEGIN IMMEDIATE");
    let params: unknown[] = [];
    const flush = async () => {
      if (params.length === 0) return;
      const values = Array.from({ length: params.length / 2 }, () => "(?, ?)").join(", ");
      await db.query(`INSERT INTO ${db.opts.table} (key, value) VALUES ${values}`, ...params);
      params = [];
    };
    for (let index = 0; index < MEMBERS; index++) {
      const userId = userIdOf(index);
      const days = seededCards(index);
      const records = days.map((day, i): CardRecord => ({
        rev: 1,
        guildId: GUILD,
        userId,
        question: i + 1,
        ...day,
      }));
      const summary: CardSummary = {
        rev: records.length,
        guildId: GUILD,
        userId,
        earliestDue: Math.min(...records.map((r) => r.card.due)),
        reviews: records.map((r) => [r.question, r.reviewedAt]),
      };
      for (const record of records) {
        params.push(
          `cards:${GUILD}:${userId}:${record.question}`,
          await codec.serializeData({ value: record }),
        );
      }
      params.push(
        `cards:summary:${GUILD}:${userId}`,
        await codec.serializeData({ value: summary }),
      );
      cards += records.length;
      if (summary.earliestDue! <= until) due++;
      if (params.length >= ROWS_PER_INSERT * 2) await flush();
    }
    await flush();
    await db.query("COMMIT");
  } finally {
    await db.disconnect();
  }
  return { cards, due };
}

/**
 * `/question review` in a server of 10,000 members with their cards: what the handler runs
 * (pickReview, then the reply rendered) for members picked at random, against the raw SQLite
 * read of the same rows (the member's card range) in the same run. The footer's count of
 * members with reviews due is measured beside a raw read of the server's summary rows.
 */
export async function benchQuestionReview(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-review-"));
  try {
    const url = `sqlite://${join(dir, "store.sqlite")}`;
    const app = await benchApp(url, NOW);
    await configureWeekdays(app.ctx, GUILD);
    const seeded = await seedCards(url);
    const raw = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
    const member = (i: number) => userIdOf(Math.floor(mulberry32(i + 1)() * MEMBERS));
    const range = (prefix: string) => [prefix, prefixEnd(prefix)];
    const rawRead = async (prefix: string) => {
      const rows = (await raw.query(
        `SELECT key, value FROM keyv WHERE key >= ? AND key < ?`,
        ...range(prefix),
      )) as { value: string }[];
      return rows.map((row) => JSON.parse(row.value) as unknown);
    };

    const baseline = await measure(
      "raw SQLite: the member's card rows, read and parsed",
      (i) => rawRead(`cards:${GUILD}:${member(i)}:`),
      2000,
      200,
    );
    const review = await measure(
      "/question review: pickReview + reply rendered",
      async (i) => {
        const pick = await pickReview(app.ctx, GUILD, member(i));
        return reviewMessage(pick, app.ctx.catalogue, "en-US");
      },
      2000,
      200,
    );
    const settings = await app.ctx.guilds.get(GUILD);
    const until = endOfTodayFor(settings, NOW);
    const countBaseline = await measure(
      "raw SQLite: the server's summary rows, read and parsed",
      () => rawRead(`cards:summary:${GUILD}:`),
      30,
      3,
    );
    let counted = 0;
    const count = await measure(
      "daily footer: cards.membersDue (10,000 summaries)",
      async () => (counted = await app.ctx.cards.membersDue(GUILD, until)),
      30,
      3,
    );
    printGroups(
      `/question review, ${MEMBERS} members, ${seeded.cards} cards (${counted} members due today)`,
      [
        { baseline, samples: [withTarget(review, TARGET_P95_MS)] },
        { baseline: countBaseline, samples: [count] },
      ],
    );
    await raw.disconnect();
    await app.store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// `npm run bench:review` runs this file alone; `npm run bench` imports it with the others.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchQuestionReview();
}
