import type { CommandModule } from "../src/discord/command.js";
import { configCommand } from "./config.js";
import { questionCommand } from "./question.js";

/** Every slash command, listed explicitly: what is here is what `npm run deploy` registers. */
export const commands: readonly CommandModule[] = [questionCommand, configCommand];
