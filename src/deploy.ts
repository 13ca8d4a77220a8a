import { existsSync } from "node:fs";
import { commands } from "../commands/index.js";
import { ConfigError, loadConfig } from "./config.js";
import { registerCommands } from "./discord/register-commands.js";

/** `npm run deploy`: registers commands/index.ts (DEV_GUILD_ID server, else global). */
async function deploy(): Promise<string> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  return registerCommands(loadConfig(process.env), commands);
}

deploy().then(
  (summary) => console.log(summary),
  (error: unknown) => {
    const message =
      error instanceof ConfigError
        ? error.message
        : `registration failed: ${(error as Error).message}`;
    console.error(`daily-drill deploy: ${message}`);
    process.exit(1);
  },
);
