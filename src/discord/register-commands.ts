import {
  ApplicationCommandOptionType,
  REST,
  Routes,
  type APIApplication,
  type APIApplicationCommand,
} from "discord.js";
import type { Config } from "../config.js";
import type { CommandModule } from "./command.js";

/**
 * Registers every command in one bulk overwrite: to DEV_GUILD_ID at once, else globally. Says
 * what it registered and where, for the operator.
 */
export async function registerCommands(
  config: Pick<Config, "apiUrl" | "token" | "devGuildId">,
  commands: readonly CommandModule[],
): Promise<string> {
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
