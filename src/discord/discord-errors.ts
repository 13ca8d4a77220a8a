import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { ChannelCheck, SendOutcome } from "../context.js";
import type { ChannelPermission, PostFailure } from "../domain/post-failure.js";
import { TokenRefusedError } from "./client.js";

/**
 * Discord error codes that no retry can fix, only an admin can: each pauses the server, with
 * what the pause stores (shown later in the reader's language).
 */
const REFUSALS: Readonly<Record<number, PostFailure>> = {
  10003: { code: "channel-gone" }, // the channel was deleted (Unknown Channel)
  10004: { code: "guild-gone" }, // the server is gone (Unknown Guild)
  50001: { code: "missing-access" }, // the bot cannot see the channel (Missing Access)
  50013: { code: "missing-permissions", missing: [] }, // a permission is missing in the channel
};

/** What Discord's answer to a send means for the post; everything else is a retry. */
export type SendFailure = Exclude<SendOutcome, { kind: "posted" }>;

const TOKEN_REFUSED = {
  kind: "fatal",
  code: 401,
  reason: "the bot token was refused (401)",
} as const satisfies SendFailure;

/**
 * The one table from a failed send to its outcome. 5xx answers, time-outs and rate limits are
 * transient: discord.js already retried them, and the scheduler backs off further. The refusals
 * above pause the server instead, and so does any other 4xx but 429: the same request meets the
 * same refusal, and Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429)
 * in 10 minutes. A 401 is fatal: nothing but the operator can help (the bot token is dead).
 */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    if (error.status === 401) return TOKEN_REFUSED;
    const known = REFUSALS[code];
    if (known) return { kind: "paused", code, reason: known };
    const reason: PostFailure =
      code !== 0
        ? { code: "discord-error", status: error.status, discordCode: code }
        : { code: "discord-status", status: error.status };
    const refused = error.status >= 400 && error.status < 500 && error.status !== 429;
    return refused
      ? { kind: "paused", code, reason }
      : { kind: "retry-later", reason, cause: error };
  }
  // Requests after the first 401: held back by the pacer, or refused by discord.js, which drops
  // the token on a 401 ("Expected token to be set for this request, but none was present").
  if (
    error instanceof TokenRefusedError ||
    /^Expected token to be set/.test(String((error as Error)?.message))
  )
    return TOKEN_REFUSED;
  if (error instanceof RateLimitError)
    return { kind: "retry-later", reason: { code: "rate-limited" }, cause: error };
  if (error instanceof HTTPError)
    return {
      kind: "retry-later",
      reason: { code: "discord-status", status: error.status },
      cause: error,
    };
  return { kind: "retry-later", reason: { code: "unreachable" }, cause: error };
}

/**
 * A channel found unfit before sending: 10003 (gone, or not a text channel) is stored as such;
 * 50001 and 50013 name the permissions to grant.
 */
export function refusedChannel(code: number, missing: readonly ChannelPermission[]): ChannelCheck {
  return {
    ok: false,
    code,
    reason:
      code === 10003
        ? { code: "channel-gone" }
        : { code: "missing-permissions", missing: [...missing] },
  };
}
