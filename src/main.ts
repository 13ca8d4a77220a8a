import { existsSync } from "node:fs";
import { inspect } from "node:util";
import { fileURLToPath } from "node:url";
import { createApp, SHUTDOWN_GRACE_MS } from "./app.js";
import { BankError } from "./bank/load-banks.js";
import { ConfigError, loadConfig } from "./config.js";
import { FATAL_EXIT_CODE } from "./discord/gateway-watch.js";
import { describeLoginFailure } from "./discord/login-failure.js";
import { startHealthServer, type HealthReport } from "./health.js";
import { createLogger, redactTokens } from "./log.js";
import { runShardingManager } from "./discord/sharding.js";
import { stopOnSignals } from "./stop-signals.js";
import { StoreOpenError } from "./store/store-error.js";

/** A start-up failure the operator can fix: printed as one line, exit code 1. */
class StartupError extends Error {}

/** How long a fatal problem (a dead token) leaves in-flight interactions to finish. */
const FATAL_GRACE_MS = 2_000;

// discord.js's ShardingManager starts this same file for each shard, with SHARDS set to the
// shard's own id (not our SHARDS setting) and SHARD_COUNT to the total.
const isShard = process.env.SHARDING_MANAGER === "true";

async function start() {
  if (existsSync(".env")) process.loadEnvFile(".env"); // the real environment wins over .env
  const config = loadConfig(isShard ? { ...process.env, SHARDS: undefined } : process.env);
  const log = createLogger(config.logLevel, { secrets: [config.token] }).child(
    isShard ? { shard: process.env.SHARDS } : {},
  );
  // A throw nothing caught leaves the process in an unknown state: say where, flush, and end it
  // (a supervisor restarts it). A rejection nothing awaited is logged and the process goes on.
  process.on("uncaughtException", (error, origin) => {
    log.fatal({ err: error, origin, pid: process.pid }, "uncaught exception; exiting");
    log.flush();
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) =>
    log.error(
      { err: reason, origin: "unhandledRejection", pid: process.pid },
      "unhandled rejection",
    ),
  );
  if (!isShard && config.shards !== 1) {
    await runShardingManager(config, log, fileURLToPath(import.meta.url), SHUTDOWN_GRACE_MS);
    return;
  }

  // Set below, once stop() exists; a fatal problem cannot happen before login starts.
  let onFatal = (): void => undefined;
  let fatalReported = false;
  // Each stage that can fail for a reason the operator fixes says which stage it was; anything
  // else is a bug and is printed whole.
  const app = await createApp(config, log, { onFatal: () => onFatal() }).catch((error: unknown) => {
    if (error instanceof StoreOpenError)
      throw new StartupError(`Cannot open the store (STORE_URL): ${error.message}`);
    throw error;
  });
  const health = () => app.health() as Promise<HealthReport>;
  if (isShard) (globalThis as { dailyDrillHealth?: typeof health }).dailyDrillHealth = health;
  const port = isShard ? undefined : config.healthPort;
  const server = port
    ? await startHealthServer(port, health).catch((error: Error) => {
        throw new StartupError(
          `Cannot serve /healthz on HEALTH_PORT ${port} (${error.message}): choose a free port, or leave HEALTH_PORT unset.`,
        );
      })
    : undefined;

  const { requestStop } = stopOnSignals(
    async ({ reason, graceMs = SHUTDOWN_GRACE_MS, exitCode = 0 }) => {
      log.info({ signal: reason }, "shutting down: finishing in-flight work");
      server?.close();
      await app.stop(graceMs);
      log.info({ exitCode }, "stopped");
      process.exit(exitCode);
    },
  );
  // The app logged what to fix; in-flight answers get a short grace (they need no bot token).
  onFatal = () => {
    fatalReported = true;
    requestStop({ reason: "fatal", graceMs: FATAL_GRACE_MS, exitCode: FATAL_EXIT_CODE });
  };

  await app.start().catch(async (error: Error & { code?: unknown }) => {
    // A close code no reconnect fixes can end the login itself (4014 on the first IDENTIFY): the
    // fatal line already says what to fix and its stop exits 78; a start-up error would race it.
    if (fatalReported) return;
    await app.stop(0);
    throw new StartupError(describeLoginFailure(error, config.apiUrl));
  });
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BankError || error instanceof StartupError) {
    console.error(`daily-drill: ${error.message}`);
  } else {
    console.error(`daily-drill: could not start: ${redactTokens(inspect(error))}`);
  }
  process.exit(1);
});
