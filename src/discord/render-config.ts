import type { APIEmbed } from "discord.js";
import { DateTime } from "luxon";
import type { Language } from "../domain/locale.js";
import { EVERY_DAY, nextPostAt, WEEKDAYS, WEEKENDS } from "../domain/schedule.js";
import { messageLink } from "../domain/message-link.js";
import type { GuildSettings, Pause } from "../store/guild-settings.js";
import { t } from "./i18n.js";
import { describeFailure } from "./render-failure.js";

const sameDays = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((day) => b.includes(day));

export function describeDays(days: readonly number[], lang: Language): string {
  if (sameDays(days, EVERY_DAY)) return t(lang, "days.every-day");
  if (sameDays(days, WEEKDAYS)) return t(lang, "days.weekdays");
  if (sameDays(days, WEEKENDS)) return t(lang, "days.weekends");
  // 2024-01-01 was a Monday: day n of the ISO week is January n.
  const name = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" });
  return [...days]
    .sort((a, b) => a - b)
    .map((day) => name.format(Date.UTC(2024, 0, day)))
    .join(", ");
}

/** An ISO weekday's full name in the reader's language ("Sunday", "星期日"). */
export function weekdayName(day: number, lang: Language): string {
  // 2024-01-01 was a Monday: day n of the ISO week is January n.
  return new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(
    Date.UTC(2024, 0, day),
  );
}

/** When the weekly digest goes out, or that it is off. */
export function describeDigest(digestDay: number | null, lang: Language): string {
  return digestDay === null
    ? t(lang, "digest.off")
    : t(lang, "digest.day", { day: weekdayName(digestDay, lang) });
}

export function describeNextPost(
  settings: GuildSettings,
  now: number,
  graceMs: number,
  lang: Language,
): string {
  const next = settings.enabled ? nextPostAt(settings, now, settings.lastPost?.day, graceMs) : null;
  if (next === null) return t(lang, "config.show.none");
  const local = DateTime.fromMillis(next, { zone: settings.timeZone }).toFormat("yyyy-LL-dd HH:mm");
  return t(lang, "config.show.next-value", {
    local,
    zone: settings.timeZone,
    relative: `<t:${Math.floor(next / 1000)}:R>`,
  });
}

/** Why the post is paused, in the reader's language. */
export function describePause(pause: Pause, lang: Language): string {
  return describeFailure(pause.reason, lang);
}

function statusOf(settings: GuildSettings, lang: Language): string {
  if (settings.pause)
    return t(lang, "config.show.paused", { reason: describePause(settings.pause, lang) });
  return t(lang, settings.enabled ? "config.show.on" : "config.show.off");
}

export function settingsEmbed(
  settings: GuildSettings,
  now: number,
  graceMs: number,
  lang: Language,
): APIEmbed {
  const last = settings.lastPost;
  const field = (name: Parameters<typeof t>[1], value: string) => ({
    name: t(lang, name),
    value,
    inline: false,
  });
  return {
    color: settings.pause ? 0xed4245 : 0x5865f2,
    title: t(lang, "config.show.title"),
    fields: [
      field("config.show.status", statusOf(settings, lang)),
      field(
        "config.show.channel",
        settings.channelId ? `<#${settings.channelId}>` : t(lang, "config.show.not-set"),
      ),
      field(
        "config.show.schedule",
        t(lang, "config.show.schedule-value", {
          time: settings.time,
          zone: settings.timeZone,
          days: describeDays(settings.days, lang),
        }),
      ),
      field(
        "config.show.language",
        t(lang, settings.language ? `language.${settings.language}` : "language.auto"),
      ),
      field("config.show.next", describeNextPost(settings, now, graceMs, lang)),
      field("config.show.digest", describeDigest(settings.digestDay, lang)),
      field(
        "config.show.last",
        last
          ? t(lang, "config.show.last-value", {
              day: last.day,
              number: last.number,
              link: messageLink(settings.guildId, last.channelId, last.messageId),
            })
          : t(lang, "config.show.none"),
      ),
      ...(settings.lastError
        ? [
            field(
              "config.show.error",
              describeFailure(settings.lastError.reason, lang).slice(0, 1000),
            ),
          ]
        : []),
    ],
  };
}
