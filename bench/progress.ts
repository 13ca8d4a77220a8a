import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { activityCalendar } from "../src/domain/calendar.js";
import type { Language } from "../src/domain/locale.js";
import { chartFont } from "../src/discord/chart-font.js";
import { renderCalendarPng } from "../src/discord/render-calendar-png.js";
import { progressChart, progressEmbed, progressPicture } from "../src/discord/render-progress.js";
import { renderProgressPng } from "../src/discord/render-progress-png.js";
import { createLogger } from "../src/log.js";
import { prefixEnd } from "../src/store/atomic.js";
import { memberProgressOf } from "../src/services/progress.js";
import { benchApp, configureWeekdays } from "./bench-app.js";
import { measure, printTable, withTarget } from "./harness.js";
import { seedCards, cardsPerMember } from "./seed-cards.js";
import { seedMembers, userIdOf } from "./seed-members.js";

/** Wednesday 2025-06-04, 08:00 in Berlin, as the leaderboard bench. */
const NOW = Date.UTC(2025, 5, 4, 6, 0);
const TODAY = "2025-06-04";
const GUILD = "guild-progress";
/** Issue 12: /progress p95 ≤ 300 ms at 10,000 members, the picture included; PNG < 200 kB. */
const MEMBERS = 10_000;
const TARGET_P95_MS = 300;
const PNG_LIMIT = 200 * 1024;
const RUNS = 200;
const WARMUP = 20;

const log = createLogger("silent");

/**
 * `npm run bench:progress`: the picture alone (beside the /streak calendar's), then what
 * /progress runs for a member of a 10,000-member server, beside a raw SQLite read of the same rows.
 */
export async function benchProgress(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-progress-"));
  try {
    const url = `sqlite://${join(dir, "store.sqlite")}`;
    const app = await benchApp(url, NOW);
    const ctx = app.ctx;
    await configureWeekdays(ctx, GUILD);
    await seedMembers(url, [{ guildId: GUILD, members: MEMBERS }], TODAY);
    const cards = await seedCards(url, GUILD, MEMBERS, ctx.catalogue, NOW);
    const raw = new KeyvSqlite({ uri: url, busyTimeout: 5_000 });
    if (!chartFont(log))
      throw new Error("the chart font is missing: apt-get install fonts-noto-cjk");

    // The picture alone, for each language, beside the /streak calendar's picture.
    const member = userIdOf(MEMBERS / 2);
    const progress = await memberProgressOf(ctx, GUILD, member, NOW);
    const sizes: Record<string, number> = {};
    const picture = (lang: Language) => async () => {
      const png = await renderProgressPng(
        progressChart("m", progress, ctx.catalogue, lang),
        chartFont(log)!,
      );
      sizes[lang] = png.length;
    };
    const calendar = activityCalendar(new Set(), TODAY, 12);
    const calendarBaseline = await measure(
      "the /streak calendar PNG (12 weeks)",
      () => Promise.resolve(renderCalendarPng(calendar)),
      RUNS,
      WARMUP,
    );
    const zh = withTarget(
      await measure("progress chart PNG, zh-CN", picture("zh-CN"), RUNS, WARMUP),
      TARGET_P95_MS,
    );
    const en = withTarget(
      await measure("progress chart PNG, en-US", picture("en-US"), RUNS, WARMUP),
      TARGET_P95_MS,
    );
    printTable(
      `The /progress picture (13 topics, 7 days; fonts-noto-cjk outlines, resvg; ${load()})`,
      calendarBaseline,
      [zh, en],
    );
    console.table(
      Object.entries(sizes).map(([lang, bytes]) => ({
        picture: `progress chart PNG, ${lang}`,
        bytes,
        target: `${bytes < PNG_LIMIT ? "✓" : "✗"} < ${PNG_LIMIT} bytes`,
      })),
    );

    // The whole command at 10,000 members: a different member each run.
    const who = (i: number) => userIdOf((i * 7919) % MEMBERS);
    const baseline = await measure(
      "raw SQL: the member's card rows and the server's settings row",
      (i) => rawRows(raw, GUILD, who(i)),
      RUNS,
      WARMUP,
    );
    const service = await measure(
      "memberProgressOf (the store read and the figures)",
      (i) => memberProgressOf(ctx, GUILD, who(i), NOW),
      RUNS,
      WARMUP,
    );
    const command = await measure(
      "/progress: memberProgressOf + picture + embed, zh-CN",
      async (i) => {
        const progress = await memberProgressOf(ctx, GUILD, who(i), NOW);
        const png = await progressPicture(
          progressChart("m", progress, ctx.catalogue, "zh-CN"),
          log,
        );
        return progressEmbed(who(i), "m", progress, ctx.catalogue, "zh-CN", png !== null);
      },
      RUNS,
      WARMUP,
    );
    printTable(
      `/progress in a server of ${MEMBERS.toLocaleString("en-US")} members (${cards.toLocaleString("en-US")} cards, about ${cardsPerMember} per member; SQLite, WAL; ${load()})`,
      baseline,
      [service, withTarget(command, TARGET_P95_MS)],
    );
    await raw.disconnect();
    await app.store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The machine's 1-minute load average: on a shared 2-core box, absolute times move with it. */
const load = () => `load average ${loadavg()[0]!.toFixed(1)} on 2 cores`;

/** What the store must read for one member: their cards (one key range) and the settings row. */
async function rawRows(raw: KeyvSqlite, guildId: string, userId: string) {
  const prefix = `cards:${guildId}:${userId}:`;
  const rows = (await raw.query(
    "SELECT value FROM keyv WHERE key >= ? AND key < ?",
    prefix,
    prefixEnd(prefix),
  )) as { value: string }[];
  await raw.query("SELECT value FROM keyv WHERE key = ?", `guilds:${guildId}`);
  return rows.map((row) => JSON.parse(row.value) as unknown);
}
