import { REST, Routes, ShardingManager, type APIGatewayBotInfo, type Shard } from "discord.js";
import type { Config } from "../config.js";
import { FATAL_EXIT_CODE } from "./gateway-watch.js";
import { startHealthServer, type HealthReport } from "../health.js";
import type { Logger } from "../log.js";
import { stopOnSignals } from "../stop-signals.js";

/** Discord asks for a shard per 1,000 servers at most (2,500 is the hard limit). */
async function resolveShardCount(config: Config): Promise<number> {
  if (config.shards !== "auto") return config.shards;
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
  return Math.max(1, info.shards);
}

const exited = (shard: Shard) =>
  new Promise<void>((resolve) => {
    if (!shard.process || shard.process.exitCode !== null) return resolve();
    shard.process.once("exit", () => resolve());
  });

/**
 * Runs each shard as its own process with discord.js's ShardingManager. Each shard schedules
 * only the servers it holds (the scheduler asks the shard's own guild cache), and they share
 * the store, whose claims keep each server to one post a day.
 */
export async function runShardingManager(
  config: Config,
  log: Logger,
  entryFile: string,
  graceMs: number,
) {
  const totalShards = await resolveShardCount(config);
  const manager = new ShardingManager(entryFile, {
    totalShards,
    token: config.token,
    mode: "process",
    respawn: true,
    // Children run the same entry point with the same loader flags (tsx in development).
    execArgv: process.execArgv,
  });
  manager.on("shardCreate", (shard) => {
    log.info({ shard: shard.id, totalShards }, "shard started");
    shard.on("spawn", () =>
      // Ahead of discord.js's own exit listener, which reads `respawn` when it runs.
      shard.process?.prependListener("exit", (code) => {
        if (code !== FATAL_EXIT_CODE) return;
        manager.respawn = false;
        log.fatal(
          { shard: shard.id, exitCode: code },
          "a shard stopped on a problem only the operator can fix (its last log line says what); stopping every shard",
        );
        shutdown.requestStop({ reason: "fatal", exitCode: FATAL_EXIT_CODE });
      }),
    );
  });

  const health = config.healthPort
    ? await startHealthServer(config.healthPort, async () => {
        const reports = (await manager.broadcastEval(() =>
          (globalThis as { dailyDrillHealth?: () => Promise<HealthReport> }).dailyDrillHealth?.(),
        )) as (HealthReport | undefined)[];
        return {
          ok: reports.length === totalShards && reports.every((r) => r?.ok === true),
          shards: reports,
        };
      })
    : undefined;

  const shutdown = stopOnSignals(async ({ reason, exitCode = 0 }) => {
    log.info({ signal: reason }, "stopping all shards");
    health?.close();
    const shards = [...manager.shards.values()];
    const all = Promise.all(shards.map(exited));
    // Shard.kill() removes the respawn listener first, then sends SIGTERM: each shard shuts down gracefully.
    shards.forEach((shard) => shard.kill());
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, graceMs + 2_000))]);
    process.exit(exitCode);
  });

  try {
    await manager.spawn({ amount: totalShards, delay: config.shardSpawnDelayMs, timeout: 60_000 });
  } catch (error) {
    // A shard that died of a fatal problem while spawning: stop() above is ending the process.
    if (shutdown.stopping) return;
    throw error;
  }
  log.info({ totalShards }, "all shards spawned");
}
