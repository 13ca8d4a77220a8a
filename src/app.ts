import { randomUUID } from "node:crypto";
import { Events, type Client } from "discord.js";
import type { ScheduledTask } from "node-cron";
import { commands } from "../commands/index.js";
import { loadBanks } from "./bank/load-banks.js";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { createClient } from "./discord/client.js";
import { createDailyChannel } from "./discord/daily-channel.js";
import { createRouter } from "./discord/router.js";
import { DEFAULT_GRACE_MS } from "./domain/schedule.js";
import type { Logger } from "./log.js";
import { DEFAULT_BANK_DIR } from "./paths.js";
import { startTicking } from "./scheduler/cron.js";
import { runTick } from "./scheduler/tick.js";
import { openStore, repositoriesOf, type Store } from "./store/open-store.js";

export type App = {
  client: Client;
  ctx: AppContext;
  /** Logs in; once connected, catches up on missed posts and starts the minute tick. */
  start(): Promise<void>;
  stop(): Promise<void>;
  tick(now: number): ReturnType<typeof runTick>;
};

export type AppOptions = { schedule?: boolean; now?: () => number };

/** The composition root: config -> banks -> store -> services -> client, router and scheduler. */
export async function createApp(
  config: Config,
  log: Logger,
  options: AppOptions = {},
): Promise<App> {
  const catalogue = await loadBanks([DEFAULT_BANK_DIR, ...config.bankPaths]);
  const store: Store = await openStore(config.storeUrl);
  const client = createClient(config.apiUrl);
  const ctx: AppContext = {
    ...repositoriesOf(store),
    catalogue,
    log,
    daily: createDailyChannel(client),
    instanceId: randomUUID(),
    graceMs: config.graceMs ?? DEFAULT_GRACE_MS,
    random: Math.random,
    now: options.now ?? Date.now,
  };
  log.info(
    { questions: catalogue.questions.length, banks: catalogue.banks.map((b) => b.id) },
    "banks loaded",
  );

  const route = createRouter(commands, ctx);
  const tick = (now: number) => runTick(ctx, now);
  let task: ScheduledTask | undefined;
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "connected to Discord");
    if (options.schedule === false) return;
    // A post missed while the bot was down goes out now, if its day is still within grace.
    void tick(ctx.now()).then(() => log.info("catch-up tick done"));
    task = startTicking(tick);
  });

  return {
    client,
    ctx,
    tick,
    async start() {
      await client.login(config.token);
    },
    async stop() {
      await task?.stop();
      await client.destroy();
      await store.close();
    },
  };
}
