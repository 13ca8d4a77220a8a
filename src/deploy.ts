import { existsSync } from "node:fs";
import {
  ApplicationCommandOptionType,
  REST,
  Routes,
  type APIApplication,
  type APIApplicationCommand,
} from "discord.js";
import { commands } from "../commands/index.js";
import { ConfigError, loadConfig } from "./config.js";

/** Registers every command in one bulk overwrite: to DEV_GUILD_ID at once, else globally. */
async function deploy(): Promise<string> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env);
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const app = (await rest.get(Routes.currentApplication())) as APIApplication;
  const route = config.devGuildId
    ? Routes.applicationGuildCommands(app.id, config.devGuildId)
    : Routes.applicationCommands(app.id);
  const registered = (await rest.put(route, {
    body: commands.map((command) => command.data),
  })) as APIApplicationCommand[];
  const where = config.devGuildId
    ? `in server ${config.devGuildId} (available at once)`
    : "globally (may take up to an hour to appear in every server)";
  const list = registered.map((command) => {
    const subcommands = (command.options ?? [])
      .filter((option) => option.type === ApplicationCommandOptionType.Subcommand)
      .map((option) => option.name);
    return `  /${command.name}${subcommands.length > 0 ? ` (${subcommands.join(", ")})` : ""}`;
  });
  return `Registered ${registered.length} command${registered.length === 1 ? "" : "s"} for ${app.name} ${where}:\n${list.join("\n")}`;
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
