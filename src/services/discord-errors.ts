import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { TokenRefusedError } from "../discord/client.js";

/** Discord error codes that no retry can fix: only an admin can. */
export const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: "the channel was deleted (Unknown Channel)",
  10004: "the server is gone (Unknown Guild)",
  50001: "the bot cannot see the channel (Missing Access)",
  50013: "the bot lacks a permission in the channel (Missing Permissions)",
};

/** `fatal`: nothing but the operator can help (the bot token is dead); stop everything. */
export type DiscordFailure = { permanent: boolean; fatal?: true; code: number; reason: string };

/**
 * 5xx answers, time-outs and rate limits are transient: discord.js already retried them, and
 * the scheduler backs off further. The refusals above pause the server instead, and so does any
 * other 4xx but 429: the same request meets the same refusal, and Discord bans an IP for a while
 * after 10,000 invalid requests (401, 403, 429) in 10 minutes. A 401 is fatal.
 */
export function classifyDiscordError(error: unknown): DiscordFailure {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    if (error.status === 401)
      return { permanent: true, fatal: true, code: 401, reason: "the bot token was refused (401)" };
    const reason = PERMANENT_CODES[code];
    if (reason) return { permanent: true, code, reason };
    return {
      permanent: error.status >= 400 && error.status < 500 && error.status !== 429,
      code,
      reason: `Discord answered ${error.status} (${code}): ${error.message}`,
    };
  }
  // Requests after the first 401: held back by the pacer, or refused by discord.js, which drops
  // the token on a 401 ("Expected token to be set for this request, but none was present").
  if (
    error instanceof TokenRefusedError ||
    /^Expected token to be set/.test(String((error as Error)?.message))
  )
    return { permanent: true, fatal: true, code: 401, reason: "the bot token was refused (401)" };
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
