import { randomUUID } from "node:crypto";
import type { ScheduledTask } from "node-cron";
import { commands } from "../commands/index.js";
import { loadBanks } from "./bank/load-banks.js";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { createClient } from "./discord/client.js";
import {
  gatewayReport,
  listenToClient,
  type Client,
  type Interaction,
} from "./discord/client-events.js";
import { createDiscordPort } from "./discord/discord-port.js";
import { watchGateway, type ShardHealth } from "./discord/gateway-watch.js";
import { answerRestarting, createRouter } from "./discord/router.js";
import { DEFAULT_GRACE_MS } from "./domain/schedule.js";
import type { Logger } from "./log.js";
import { DEFAULT_BANK_DIR } from "./paths.js";
import { startTicking } from "./scheduler/cron.js";
import { runTick, type TickReport } from "./scheduler/tick.js";
import { markLeft } from "./services/leaderboard.js";
import { openStore, repositoriesOf, type Store } from "./store/open-store.js";

export type Health = {
  ok: boolean;
  /** Set once the bot met a problem only the operator can fix (a dead token, a fatal close). */
  fatal?: string;
  gateway: {
    status: string;
    ping: number;
    guilds: number;
    shards: number[];
    /** Each shard's live state: down past the reconnect grace (or disconnected) is not ok. */
    live: ShardHealth[];
  };
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

export type AppOptions = {
  schedule?: boolean;
  /** The clock the bot reads (ctx.now, the scheduler's ticks); the tests and the playground set it. */
  now?: () => number;
  /**
   * Called once when the bot meets a problem no retry can fix (a fatal gateway close, a 401 on
   * the bot token), after it was logged and the scheduler stopped; main.ts ends the process.
   */
  onFatal?: (reason: string) => void;
  /** How long a shard may be reconnecting before /healthz answers 503. */
  reconnectGraceMs?: number;
};

/** How long SIGTERM waits for in-flight interactions and posts. */
export const SHUTDOWN_GRACE_MS = 8_000;
/** After SIGTERM, an interaction is still handled in full while this much of the grace remains. */
const HANDLE_WINDOW_MS = 3_000;
/** The end of the grace kept for telling unanswered interactions the bot is restarting. */
const FAREWELL_MS = 1_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

/** Tracks work still running (and the interaction it answers), so shutdown can wait for it. */
function inFlightTracker() {
  const running = new Map<Promise<unknown>, Interaction | undefined>();
  return {
    track<T>(work: Promise<T>, interaction?: Interaction): Promise<T> {
      running.set(work, interaction);
      void work.finally(() => running.delete(work)).catch(() => undefined);
      return work;
    },
    /** Waits until nothing runs, work started meanwhile included, or until `deadline`. */
    async drain(deadline: number): Promise<boolean> {
      while (running.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await Promise.race([Promise.allSettled([...running.keys()]), sleep(left)]);
      }
      return true;
    },
    /** Interactions whose handling is still running. */
    pendingInteractions(): Interaction[] {
      return [...running.values()].filter((i): i is Interaction => i !== undefined);
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
    discord: createDiscordPort(client, catalogue, { memberEvents }),
    postingNow: new Set(),
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
  // Aborted on shutdown or a fatal problem: a running tick claims no further server.
  const halt = new AbortController();
  const tick = (now: number) => inFlight.track(runTick(ctx, now, halt.signal));
  const safeTick = (now: number) =>
    tick(now).catch((error: unknown) => {
      log.error({ err: error }, "scheduler tick failed");
      return new Map() as TickReport;
    });
  let task: ScheduledTask | undefined;
  let stopping = false;
  /** When shutdown stops handling interactions in full; set by stop(). */
  let handleUntil = Number.POSITIVE_INFINITY;
  const stopScheduling = () => {
    halt.abort();
    void task?.stop();
  };

  const gateway = watchGateway(
    client,
    (reason, context) => {
      log.fatal(context, reason);
      stopScheduling();
      options.onFatal?.(reason);
    },
    options.reconnectGraceMs === undefined ? {} : { graceMs: options.reconnectGraceMs },
  );

  listenToClient(client, log, {
    interaction(interaction) {
      const work =
        Date.now() < handleUntil ? route(interaction) : answerRestarting(interaction, ctx);
      void inFlight.track(work, interaction);
    },
    ...(memberEvents && {
      memberLeft(guildId, userId) {
        void inFlight.track(
          markLeft(ctx, guildId, userId).catch((error: unknown) =>
            log.error({ err: error, guildId, userId }, "could not mark a member who left"),
          ),
        );
      },
    }),
    ready() {
      if (options.schedule === false || stopping || gateway.fatal()) return;
      // A post missed while the bot was down goes out now, if its day is still within grace.
      void safeTick(ctx.now()).then(() => log.info("catch-up tick done"));
      task = startTicking(safeTick, ctx.now);
    },
  });

  return {
    client,
    ctx,
    tick,
    async start() {
      await client.login(config.token);
    },
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      const signalledAt = Date.now();
      const deadline = signalledAt + Math.max(0, graceMs - FAREWELL_MS);
      stopping = true;
      handleUntil = Math.min(handleUntil, deadline - HANDLE_WINDOW_MS);
      stopScheduling();
      await task?.stop();
      if (!(await inFlight.drain(deadline))) {
        const late = inFlight.pendingInteractions();
        log.warn({ graceMs, interactions: late.length }, "in-flight work did not finish in time");
        await Promise.race([
          Promise.allSettled(late.map((interaction) => answerRestarting(interaction, ctx))),
          sleep(signalledAt + graceMs - Date.now()),
        ]);
      }
      // From here the client reads no more events: what Discord sends meanwhile is lost, as for
      // any process leaving the gateway (the member sees "This interaction failed").
      log.info("closing the gateway");
      await client.destroy();
      // What arrived while the gateway was closing; then, last, the store.
      await inFlight.drain(signalledAt + graceMs);
      await store.close();
    },
    async health() {
      const started = performance.now();
      const storeCheck = await ctx.guilds
        .get("0")
        .then(() => ({ ok: true }))
        .catch((error: unknown) => ({ ok: false, error: (error as Error).message }));
      const fatal = gateway.fatal();
      const { ready, report } = gatewayReport(client, gateway.shards());
      const store = { ...storeCheck, ms: Math.round(performance.now() - started) };
      // Ready at the first READY and stays so; the shards say what holds now.
      const ok = ready && report.live.every((s) => s.ok) && !fatal && store.ok;
      return { ok, ...(fatal ? { fatal } : {}), gateway: report, store };
    },
  };
}
