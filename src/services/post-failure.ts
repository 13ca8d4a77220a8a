import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { PostFailure } from "../domain/post-failure.js";
import type { DiscordFailure } from "./discord-errors.js";

/** The refusals that pause a server (see PERMANENT_CODES), as codes to store. */
const PAUSE_FAILURES: Readonly<Record<number, PostFailure>> = {
  10003: { code: "channel-gone" },
  10004: { code: "guild-gone" },
  50001: { code: "missing-access" },
  50013: { code: "missing-permissions", missing: [] },
};

/**
 * What to store and show for a failed send. Whether it is retried is classifyDiscordError's
 * decision; this only names it, so the reader sees it in their language and logs keep the detail.
 */
export function postFailureOf(error: unknown, failure: DiscordFailure): PostFailure {
  const known = PAUSE_FAILURES[failure.code];
  if (known) return known;
  if (error instanceof RateLimitError) return { code: "rate-limited" };
  if (error instanceof DiscordAPIError && typeof error.code === "number" && error.code !== 0)
    return { code: "discord-error", status: error.status, discordCode: error.code };
  if (error instanceof DiscordAPIError || error instanceof HTTPError)
    return { code: "discord-status", status: error.status };
  return { code: "unreachable" };
}
