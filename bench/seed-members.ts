import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { addDays, isoWeekdayOf, type DayKey } from "../src/domain/calendar.js";
import type { MemberRecord } from "../src/store/members.js";
import { mulberry32 } from "../src/domain/rotation.js";

export type GuildSeed = { guildId: string; members: number };

/** The store's namespace for member rows; Keyv prefixes every key with it. */
const NAMESPACE = "members";
const ROWS_PER_INSERT = 500;

/** Discord-like snowflake ids, so keys are as long as in production. */
export const userIdOf = (index: number) => String(400_000_000_000_000_000n + BigInt(index));

/**
 * A plausible member, always the same for the same index. Activity is long-tailed, as in a
 * real server: 60% answered in the last two days and most of them hold a streak; 40% stopped
 * 3 to 60 days ago, so their stored streak is aged on every read (the costly case); 1% left.
 * Active days average about 25 (exponential). The calendar's days live in their own namespace,
 * so a member row (what a board reads) stays small; the table title prints its average length.
 */
export function seededMember(guildId: string, index: number, today: DayKey): MemberRecord {
  const random = mulberry32(index + 1);
  const pick = (n: number) => Math.floor(random() * n);
  const exponential = (mean: number) => Math.floor(-Math.log(1 - random()) * mean);
  const regular = random() < 0.6;
  const lastDay = addDays(today, regular ? -1 - pick(2) : -3 - pick(58));
  const activeDays = 1 + exponential(25);
  const current = Math.min(activeDays, regular ? exponential(15) : exponential(5));
  const best = Math.min(activeDays, current + exponential(10));
  const monday = addDays(today, 1 - isoWeekdayOf(today));
  return {
    rev: activeDays,
    guildId,
    userId: userIdOf(index),
    streak: {
      current,
      best,
      freezes: pick(3),
      sinceEarn: current % 7,
      lastDay,
      activeDays,
      lastReset: best > current ? { day: addDays(lastDay, -current - 1), from: best } : null,
    },
    totalAnswers: activeDays + exponential(5),
    week: lastDay >= monday ? { start: monday, answers: 1 + pick(3) } : { start: "", answers: 0 },
    lastAnswerAt: Date.parse(`${lastDay}T12:00:00Z`),
    left: random() < 0.01,
  };
}

/**
 * Writes every member row straight into the SQLite file in Keyv's row format (key
 * `members:<guildId>:<userId>`, value encoded by Keyv's own serializer, as the store's atomic
 * writes do), in one transaction of multi-row INSERTs. Going through the repository would cost
 * a read and a compare-and-set per member, minutes for 100k; this way 110k rows take seconds.
 */
export async function seedMembers(url: string, guilds: GuildSeed[], today: DayKey): Promise<void> {
  const db = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
  const codec = new Keyv();
  try {
    await db.query("BEGIN IMMEDIATE");
    for (const { guildId, members } of guilds) {
      for (let start = 0; start < members; start += ROWS_PER_INSERT) {
        const end = Math.min(members, start + ROWS_PER_INSERT);
        const params: unknown[] = [];
        for (let index = start; index < end; index++) {
          const member = seededMember(guildId, index, today);
          const row = await codec.serializeData({ value: member });
          params.push(`${NAMESPACE}:${guildId}:${member.userId}`, row);
        }
        const values = Array.from({ length: end - start }, () => "(?, ?)").join(", ");
        await db.query(
          `INSERT INTO ${db.opts.table} (key, value) VALUES ${values} ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
          ...params,
        );
      }
    }
    await db.query("COMMIT");
  } finally {
    await db.disconnect();
  }
}
