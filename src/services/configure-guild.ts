import type { AppContext } from "../context.js";
import type { Language } from "../domain/locale.js";
import { dayKeyIn, parseDays, parseTime, parseTimeZone, formatTime } from "../domain/schedule.js";
import { changeZone } from "../domain/zone-history.js";
import { messageLink } from "../domain/message-link.js";
import type { ScheduleInputError } from "../domain/schedule-input.js";
import { UserError } from "../errors.js";
import type { GuildSettings } from "../store/guild-settings.js";
import { postDailyQuestion } from "./post-daily-question.js";
import { postingExclusively } from "./posting-now.js";

/** Refuses a channel the bot could not post in, saying which permission to grant. */
async function requirePostableChannel(ctx: AppContext, guildId: string, channelId: string) {
  const check = await ctx.discord.checkChannel(guildId, channelId);
  if (check.ok) return;
  if (check.reason.code === "channel-gone") throw new UserError("error.channel-gone");
  throw new UserError("error.channel-permissions", {
    channel: channelId,
    missing: { permissions: check.reason.missing },
  });
}

const INPUT_ERRORS: Readonly<Record<ScheduleInputError["code"], UserError["key"]>> = {
  "time-empty": "error.time-empty",
  "time-format": "error.time",
  "time-hour": "error.time-hour",
  "time-minute": "error.time-minute",
  "zone-empty": "error.timezone-empty",
  "zone-offset": "error.timezone-offset",
  "zone-unknown": "error.timezone",
  "zone-partial": "error.timezone-partial",
  "zone-abbreviation": "error.timezone-abbreviation",
  "days-empty": "error.days-empty",
  "day-number": "error.day-number",
  "day-name": "error.days",
};

/** A parser's identifier, with its data, as the message the member reads in their language. */
function inputError({ code, ...vars }: ScheduleInputError): UserError {
  return new UserError(INPUT_ERRORS[code], vars);
}

/** A valid change clears a pause: the admin has acted, so the next tick tries again. */
const update = (
  ctx: AppContext,
  guildId: string,
  change: (s: GuildSettings) => Partial<GuildSettings>,
) => ctx.guilds.update(guildId, (s) => ({ ...s, ...change(s), pause: null }));

export async function setChannel(ctx: AppContext, guildId: string, channelId: string) {
  await requirePostableChannel(ctx, guildId, channelId);
  return update(ctx, guildId, () => ({ channelId }));
}

export async function setTime(ctx: AppContext, guildId: string, text: string) {
  const parsed = parseTime(text);
  if (!parsed.ok) throw inputError(parsed.error);
  return update(ctx, guildId, () => ({ time: formatTime(parsed.value) }));
}

export async function setTimeZone(ctx: AppContext, guildId: string, text: string) {
  const parsed = parseTimeZone(text);
  if (!parsed.ok) throw inputError(parsed.error);
  // Posting follows the new zone at once; streak days follow it from the next local day.
  return update(ctx, guildId, (s) => ({
    timeZone: parsed.value,
    zoneHistory: changeZone(s.zoneHistory, parsed.value, ctx.now()),
  }));
}

export async function setDays(ctx: AppContext, guildId: string, text: string) {
  const parsed = parseDays(text);
  if (!parsed.ok) throw inputError(parsed.error);
  return update(ctx, guildId, () => ({ days: [...parsed.value] }));
}

export async function setLanguage(ctx: AppContext, guildId: string, language: Language | null) {
  return update(ctx, guildId, () => ({ language }));
}

/** The weekly digest's ISO weekday (1 = Monday), or null to turn it off. */
export async function setDigestDay(ctx: AppContext, guildId: string, digestDay: number | null) {
  return ctx.guilds.update(guildId, (s) => ({ ...s, digestDay }));
}

export async function setEnabled(ctx: AppContext, guildId: string, enabled: boolean) {
  if (enabled) {
    const { channelId } = await ctx.guilds.get(guildId);
    if (!channelId) throw new UserError("error.no-channel");
    await requirePostableChannel(ctx, guildId, channelId);
  }
  return update(ctx, guildId, () => ({ enabled }));
}

/** An admin's "post today's question now": it then counts as today's post. */
export async function postNow(ctx: AppContext, guildId: string): Promise<string> {
  const settings = await ctx.guilds.get(guildId);
  if (!settings.channelId) throw new UserError("error.no-channel");
  const now = ctx.now();
  const day = dayKeyIn(now, settings.timeZone);
  // The scheduler may be sending this very post: the same in-flight guard keeps it to one send.
  const outcome = await postingExclusively(ctx, guildId, () =>
    postDailyQuestion(ctx, { ...settings, pause: null }, day, now),
  );
  switch (outcome.kind) {
    case "posted":
      return messageLink(guildId, settings.channelId, outcome.messageId);
    case "already-posted": {
      const link = outcome.messageId
        ? messageLink(guildId, settings.channelId, outcome.messageId)
        : day;
      throw new UserError("error.already-posted", { link });
    }
    case "paused":
      throw new UserError("error.post-paused", {
        reason: { failure: outcome.reason },
      });
    case "retry":
      throw new UserError("error.post-retry", {
        reason: { failure: outcome.reason },
      });
    case "fatal": // the bot token is dead; the process is ending (see src/discord/gateway-watch.ts)
      throw new UserError("error.discord");
    case "in-progress":
    case "waiting":
      throw new UserError("error.post-busy");
    case "not-configured":
      throw new UserError("error.no-channel");
  }
}
