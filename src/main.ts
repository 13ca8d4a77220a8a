import { existsSync } from "node:fs";
import { Events } from "discord.js";
import { commands } from "../commands/index.js";
import { BankError, loadBanks } from "./bank/load-banks.js";
import { ConfigError, loadConfig } from "./config.js";
import type { AppContext } from "./context.js";
import { createClient } from "./discord/client.js";
import { createRouter } from "./discord/router.js";
import { createLogger, type Logger } from "./log.js";
import { DEFAULT_BANK_DIR } from "./paths.js";
import { openStore } from "./store/open-store.js";

/** A start-up failure the operator can fix: printed as one line, exit code 1. */
class StartupError extends Error {}

async function start(log: (level: string) => Logger) {
  if (existsSync(".env")) process.loadEnvFile(".env"); // the real environment wins over .env
  const config = loadConfig(process.env);
  const logger = log(config.logLevel);
  const catalogue = await loadBanks([DEFAULT_BANK_DIR, ...config.bankPaths]);
  const store = await openStore(config.storeUrl).catch((error: Error) => {
    throw new StartupError(`Cannot open STORE_URL ${config.storeUrl}: ${error.message}.`);
  });
  const ctx: AppContext = {
    catalogue,
    answers: store.answers,
    log: logger,
    random: Math.random,
    now: Date.now,
  };
  logger.info(
    { questions: catalogue.questions.length, banks: catalogue.banks.map((b) => b.id) },
    "banks loaded",
  );

  const client = createClient(config.apiUrl);
  const route = createRouter(commands, ctx);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "connected to Discord");
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn(message));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await client.destroy();
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection"),
  );

  await client.login(config.token).catch(async (error: Error) => {
    await store.close();
    throw new StartupError(
      `Discord did not accept the login (${error.message}). Check DISCORD_TOKEN: reset it in the Developer Portal (your app -> Bot) if unsure.`,
    );
  });
}

start((level) => createLogger(level)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BankError || error instanceof StartupError) {
    console.error(`daily-drill: ${error.message}`);
  } else {
    console.error("daily-drill: could not start:", error);
  }
  process.exit(1);
});
