import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";

/** Discord error codes that no retry can fix: only an admin can. */
export const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: "the channel was deleted (Unknown Channel)",
  10004: "the server is gone (Unknown Guild)",
  50001: "the bot cannot see the channel (Missing Access)",
  50013: "the bot lacks a permission in the channel (Missing Permissions)",
};

export type DiscordFailure = { permanent: boolean; code: number; reason: string };

/**
 * 5xx answers, time-outs and rate limits are transient: discord.js already retried them, and
 * the scheduler backs off further. The refusals above pause the server instead.
 */
export function classifyDiscordError(error: unknown): DiscordFailure {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    const reason = PERMANENT_CODES[code];
    if (reason) return { permanent: true, code, reason };
    return {
      permanent: false,
      code,
      reason: `Discord answered ${error.status} (${code}): ${error.message}`,
    };
  }
  if (error instanceof RateLimitError)
    return { permanent: false, code: 429, reason: "rate limited by Discord" };
  if (error instanceof HTTPError)
    return { permanent: false, code: error.status, reason: `Discord answered ${error.status}` };
  return {
    permanent: false,
    code: 0,
    reason: `could not reach Discord: ${(error as Error).message}`,
  };
}
