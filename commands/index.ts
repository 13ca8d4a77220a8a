import type { CommandModule } from "../src/discord/command.js";
import { configCommand } from "./config.js";
import { leaderboardCommand } from "./leaderboard.js";
import { progressCommand } from "./progress.js";
import { questionCommand } from "./question.js";
import { streakCommand } from "./streak.js";

/** Every slash command, listed explicitly: what is here is what `npm run deploy` registers. */
export const commands: readonly CommandModule[] = [
  questionCommand,
  streakCommand,
  leaderboardCommand,
  progressCommand,
  configCommand,
];
