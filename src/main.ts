import { existsSync } from "node:fs";
import { createApp } from "./app.js";
import { BankError } from "./bank/load-banks.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./log.js";

/** A start-up failure the operator can fix: printed as one line, exit code 1. */
class StartupError extends Error {}

async function start() {
  if (existsSync(".env")) process.loadEnvFile(".env"); // the real environment wins over .env
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log).catch((error: unknown) => {
    if (error instanceof BankError) throw error;
    throw new StartupError(
      `Cannot open STORE_URL ${config.storeUrl}: ${(error as Error).message}.`,
    );
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await app.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));

  await app.start().catch(async (error: Error) => {
    await app.stop();
    throw new StartupError(
      `Discord did not accept the login (${error.message}). Check DISCORD_TOKEN: reset it in the Developer Portal (your app -> Bot) if unsure.`,
    );
  });
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BankError || error instanceof StartupError) {
    console.error(`daily-drill: ${error.message}`);
  } else {
    console.error("daily-drill: could not start:", error);
  }
  process.exit(1);
});
