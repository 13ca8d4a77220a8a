import type { AppContext, DiscordPort } from "../src/context.js";
import { loadBanks } from "../src/bank/load-banks.js";
import { createLogger } from "../src/log.js";
import { DEFAULT_BANK_DIR } from "../src/paths.js";
import { DEFAULT_GRACE_MS } from "../src/domain/schedule.js";
import { startZoneHistory } from "../tests/helpers/zone-history.js";
import {
  openStore,
  repositoriesOf,
  type Store,
  type StoreOptions,
} from "../src/store/open-store.js";

/** Discord is out of reach in a benchmark: everyone is still a member, nothing is ever sent. */
const everyoneStays: DiscordPort = {
  checkChannel: () => Promise.resolve({ ok: true }),
  postQuestion: () => Promise.reject(new Error("a benchmark sends nothing to Discord")),
  postDigest: () => Promise.reject(new Error("a benchmark sends nothing to Discord")),
  startThread: () => Promise.resolve(null),
  guildLocale: () => "en-US",
  holdsGuild: () => true,
  isMember: () => Promise.resolve(true),
  reportsLeavers: false,
};

export type BenchApp = { ctx: AppContext; store: Store; setNow(at: number): void };

/** The real store over a SQLite file and the real bank, as the bot runs them. */
export async function benchApp(
  url: string,
  now: number,
  options: StoreOptions = {},
): Promise<BenchApp> {
  const store = await openStore(url, options);
  let clock = now;
  const ctx: AppContext = {
    ...repositoriesOf(store),
    catalogue: await loadBanks([DEFAULT_BANK_DIR]),
    log: createLogger("silent"),
    discord: everyoneStays,
    instanceId: "bench",
    graceMs: DEFAULT_GRACE_MS,
    random: Math.random,
    now: () => clock,
    postingNow: new Set(),
  };
  return { ctx, store, setNow: (at) => (clock = at) };
}

/**
 * A weekday schedule in a zone other than UTC, so the board's posting-day test and day keys
 * do the work they do for a typical server.
 */
export async function configureWeekdays(ctx: AppContext, guildId: string): Promise<void> {
  await ctx.guilds.update(guildId, (settings) => ({
    ...settings,
    timeZone: "Europe/Berlin",
    zoneHistory: startZoneHistory("Europe/Berlin"),
    days: [1, 2, 3, 4, 5],
    enabled: true,
  }));
}
