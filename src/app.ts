import { randomUUID } from "node:crypto";
import {
  Events,
  GatewayDispatchEvents,
  Status,
  type Client,
  type GatewayGuildMemberRemoveDispatchData,
} from "discord.js";
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
import { runTick, type TickReport } from "./scheduler/tick.js";
import { markLeft } from "./services/member-stats.js";
import { openStore, repositoriesOf, type Store } from "./store/open-store.js";

export type Health = {
  ok: boolean;
  gateway: { status: string; ping: number; guilds: number; shards: number[] };
  store: { ok: boolean; ms: number; error?: string };
};

export type App = {
  client: Client;
  ctx: AppContext;
  /** Logs in; once connected, catches up on missed posts and starts the minute tick. */
  start(): Promise<void>;
  /** Stops the tick, lets in-flight work finish (up to `graceMs`), closes the store and the client. */
  stop(graceMs?: number): Promise<void>;
  tick(now: number): Promise<TickReport>;
  health(): Promise<Health>;
};

export type AppOptions = { schedule?: boolean; now?: () => number };

/** How long SIGTERM waits for in-flight interactions and posts. */
export const SHUTDOWN_GRACE_MS = 8_000;

/** Tracks promises still running, so shutdown can wait for them. */
function inFlightTracker() {
  const running = new Set<Promise<unknown>>();
  return {
    track<T>(work: Promise<T>): Promise<T> {
      running.add(work);
      void work.finally(() => running.delete(work)).catch(() => undefined);
      return work;
    },
    async drain(timeoutMs: number): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
      );
      const done = Promise.allSettled([...running]).then(() => true);
      const finished = await Promise.race([done, timeout]);
      clearTimeout(timer);
      return finished;
    },
  };
}

/** The composition root: config -> banks -> store -> services -> client, router and scheduler. */
export async function createApp(
  config: Config,
  log: Logger,
  options: AppOptions = {},
): Promise<App> {
  const catalogue = await loadBanks([DEFAULT_BANK_DIR, ...config.bankPaths]);
  const store: Store = await openStore(config.storeUrl);
  const memberEvents = config.serverMembersIntent;
  const client = createClient(config.apiUrl, config.shards, { serverMembers: memberEvents });
  const ctx: AppContext = {
    ...repositoriesOf(store),
    catalogue,
    log,
    daily: createDailyChannel(client, { memberEvents }),
    instanceId: randomUUID(),
    graceMs: config.graceMs ?? DEFAULT_GRACE_MS,
    random: Math.random,
    now: options.now ?? Date.now,
  };
  log.info(
    { questions: catalogue.questions.length, banks: catalogue.banks.map((b) => b.id) },
    "banks loaded",
  );

  const inFlight = inFlightTracker();
  const route = createRouter(commands, ctx);
  const tick = (now: number) => inFlight.track(runTick(ctx, now));
  const safeTick = (now: number) =>
    tick(now).catch((error: unknown) => {
      log.error({ err: error }, "scheduler tick failed");
      return new Map() as TickReport;
    });
  let task: ScheduledTask | undefined;
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => void inFlight.track(route(interaction)));
  if (memberEvents) {
    // discord.js emits guildMemberRemove only for cached members, and the bot caches none.
    client.ws.on(
      GatewayDispatchEvents.GuildMemberRemove,
      (data: GatewayGuildMemberRemoveDispatchData) => {
        const { guild_id: guildId, user } = data;
        void inFlight.track(
          markLeft(ctx, guildId, user.id).catch((error: unknown) =>
            log.error({ err: error, guildId, userId: user.id }, "could not mark a member who left"),
          ),
        );
      },
    );
  }
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.once(Events.ClientReady, (ready) => {
    log.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        shards: ready.ws.shards.map((s) => s.id),
      },
      "connected to Discord",
    );
    if (options.schedule === false || stopping) return;
    // A post missed while the bot was down goes out now, if its day is still within grace.
    void safeTick(ctx.now()).then(() => log.info("catch-up tick done"));
    task = startTicking(safeTick);
  });

  return {
    client,
    ctx,
    tick,
    async start() {
      await client.login(config.token);
    },
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      stopping = true;
      await task?.stop();
      if (!(await inFlight.drain(graceMs)))
        log.warn({ graceMs }, "in-flight work did not finish in time");
      await client.destroy();
      await store.close();
    },
    async health() {
      const started = performance.now();
      const storeCheck = await ctx.guilds
        .get("0")
        .then(() => ({ ok: true }))
        .catch((error: unknown) => ({ ok: false, error: (error as Error).message }));
      const gateway = {
        status: Status[client.ws.status] ?? String(client.ws.status),
        ping: client.ws.ping,
        guilds: client.guilds.cache.size,
        shards: client.ws.shards.map((shard) => shard.id),
      };
      const store = { ...storeCheck, ms: Math.round(performance.now() - started) };
      return { ok: client.isReady() && store.ok, gateway, store };
    },
  };
}
