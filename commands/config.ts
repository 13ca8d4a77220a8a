import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
} from "discord.js";
import type { AppContext } from "../src/context.js";
import type { CommandModule } from "../src/discord/command.js";
import { named, NO_MENTIONS } from "../src/discord/command-text.js";
import { t, type MessageKey } from "../src/discord/i18n.js";
import { describeDays, describeNextPost, settingsEmbed } from "../src/discord/render-config.js";
import { languageFor, LANGUAGES, type Language } from "../src/domain/locale.js";
import { parseDays, searchTimeZones } from "../src/domain/schedule.js";
import { UserError } from "../src/errors.js";
import * as configure from "../src/services/configure-guild.js";
import { restoreMemberStreak } from "../src/services/streaks.js";

type Sub =
  | "channel"
  | "time"
  | "timezone"
  | "days"
  | "language"
  | "enable"
  | "disable"
  | "show"
  | "post-now"
  | "restore-streak";

const sub = (name: Sub, options: object[] = []) => ({
  type: ApplicationCommandOptionType.Subcommand as const,
  ...named(
    `command.config.${name}.name` as MessageKey,
    `command.config.${name}.description` as MessageKey,
  ),
  options,
});

const value = (type: ApplicationCommandOptionType, description: Sub, extra: object = {}) => ({
  type,
  ...named("command.config.value.name", `command.config.${description}.description` as MessageKey),
  required: true,
  ...extra,
});

const data = {
  ...named("command.config.name", "command.config.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  // Discord's OpenAPI description types this as an integer (its responses carry a string).
  default_member_permissions: Number(PermissionFlagsBits.ManageGuild) as unknown as string,
  options: [
    sub("channel", [
      value(ApplicationCommandOptionType.Channel, "channel", {
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      }),
    ]),
    sub("time", [
      value(ApplicationCommandOptionType.String, "time", { min_length: 3, max_length: 5 }),
    ]),
    sub("timezone", [
      value(ApplicationCommandOptionType.String, "timezone", {
        autocomplete: true,
        max_length: 64,
      }),
    ]),
    sub("days", [
      value(ApplicationCommandOptionType.String, "days", { autocomplete: true, max_length: 64 }),
    ]),
    sub("language", [
      value(ApplicationCommandOptionType.String, "language", {
        max_length: 16,
        choices: ["auto", ...LANGUAGES].map((code) => ({
          name: t("en-US", `language.${code}` as MessageKey),
          name_localizations: { "zh-CN": t("zh-CN", `language.${code}` as MessageKey) },
          value: code,
        })),
      }),
    ]),
    sub("enable"),
    sub("disable"),
    sub("show"),
    sub("post-now"),
    sub("restore-streak", [
      {
        type: ApplicationCommandOptionType.User,
        ...named("command.config.member.name", "command.streak.member.description"),
        required: true,
      },
    ]),
  ],
} as CommandModule["data"];

const DAY_PRESETS = ["every day", "weekdays", "weekends", "mon,wed,fri", "mon,tue,wed,thu"];

/** A preset shown in the reader's language ("每天"); what was typed is shown as typed. */
function dayChoiceName(option: string, lang: Language): string {
  const parsed = DAY_PRESETS.includes(option) ? parseDays(option) : undefined;
  return parsed?.ok ? describeDays(parsed.value, lang) : option;
}

async function changeSetting(
  interaction: ChatInputCommandInteraction<"cached" | "raw">,
  ctx: AppContext,
  lang: Language,
) {
  const guildId = interaction.guildId;
  const text = () => interaction.options.getString("value", true);
  switch (interaction.options.getSubcommand() as Sub) {
    case "channel": {
      const channel = interaction.options.getChannel("value", true);
      const saved = await configure.setChannel(ctx, guildId, channel.id);
      return t(lang, "config.summary.channel", { channel: saved.channelId ?? channel.id });
    }
    case "time": {
      const saved = await configure.setTime(ctx, guildId, text());
      return t(lang, "config.summary.time", { time: saved.time, zone: saved.timeZone });
    }
    case "timezone": {
      const saved = await configure.setTimeZone(ctx, guildId, text());
      return t(lang, "config.summary.timezone", { time: saved.time, zone: saved.timeZone });
    }
    case "days": {
      const saved = await configure.setDays(ctx, guildId, text());
      return t(lang, "config.summary.days", { days: describeDays(saved.days, lang) });
    }
    case "language": {
      const code = text();
      const language = LANGUAGES.find((candidate) => candidate === code) ?? null;
      await configure.setLanguage(ctx, guildId, language);
      return t(lang, "config.summary.language", {
        language: t(lang, language ? `language.${language}` : "language.auto"),
      });
    }
    case "enable": {
      const saved = await configure.setEnabled(ctx, guildId, true);
      return t(lang, "config.summary.enabled", {
        next: describeNextPost(saved, ctx.now(), ctx.graceMs, lang),
      });
    }
    case "disable":
      await configure.setEnabled(ctx, guildId, false);
      return t(lang, "config.summary.disabled");
    case "post-now":
      return t(lang, "config.posted", { link: await configure.postNow(ctx, guildId) });
    case "restore-streak": {
      const user = interaction.options.getUser("member", true);
      const restored = await restoreMemberStreak(ctx, guildId, user.id, ctx.now());
      if (!restored) throw new UserError("error.nothing-to-restore", { user: user.id });
      ctx.log.info(
        { guildId, adminId: interaction.user.id, userId: user.id, ...restored },
        "streak restored by an admin",
      );
      return t(lang, "streak.restored", { user: user.id, ...restored });
    }
    case "show":
      throw new Error("show changes nothing and is answered before this");
  }
}

export const configCommand: CommandModule = {
  data,

  async execute(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    if (interaction.options.getSubcommand() === "show") {
      const settings = await ctx.guilds.get(interaction.guildId);
      await interaction.reply({
        embeds: [settingsEmbed(settings, ctx.now(), ctx.graceMs, lang)],
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    // default_member_permissions can be overridden by a server's integration settings: check here too.
    if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
      throw new UserError("error.not-admin");
    // Saving (and posting, for post-now) can take longer than Discord's 3 seconds.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const summary = await changeSetting(interaction, ctx, lang);
    const saved =
      interaction.options.getSubcommand() === "post-now"
        ? summary
        : t(lang, "config.saved", { summary });
    await interaction.editReply({ content: saved, allowedMentions: NO_MENTIONS });
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused();
    if (interaction.options.getSubcommand() === "timezone") {
      const zones = searchTimeZones(focused, ctx.now(), 25);
      await interaction.respond(
        zones.map((zone) => ({ name: zone.label.slice(0, 100), value: zone.timeZone })),
      );
      return;
    }
    const typed = focused.trim();
    const options = typed && !DAY_PRESETS.includes(typed) ? [typed, ...DAY_PRESETS] : DAY_PRESETS;
    const lang = languageFor(interaction.locale);
    await interaction.respond(
      options.slice(0, 25).map((option) => ({
        name: dayChoiceName(option, lang).slice(0, 100),
        value: option.slice(0, 100),
      })),
    );
  },
};
