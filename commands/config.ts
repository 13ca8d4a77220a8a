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
import type { CommandModule, StoreFailureKey } from "../src/discord/command.js";
import { named, namedOption, NO_MENTIONS } from "../src/discord/command-text.js";
import {
  argumentsOf,
  subcommandOf,
  type ArgumentsOf,
  type SubcommandOf,
} from "../src/discord/command-options.js";
import { t, type MessageKey } from "../src/discord/i18n.js";
import {
  describeDays,
  describeDigest,
  describeNextPost,
  settingsEmbed,
  weekdayName,
} from "../src/discord/render-config.js";
import { languageFor, LANGUAGES, type Language } from "../src/domain/locale.js";
import { parseDays, searchTimeZones } from "../src/domain/schedule.js";
import { UserError } from "../src/errors.js";
import * as configure from "../src/services/configure-guild.js";
import { restoreMemberStreak } from "../src/services/streaks.js";

/** The parts of /config whose name and description the i18n table holds. */
type Part = {
  [K in MessageKey]: K extends `command.config.${infer N}.name`
    ? `command.config.${N}.description` extends MessageKey
      ? N
      : never
    : never;
}[MessageKey];

const sub = <const N extends Part, O extends unknown[] = []>(name: N, ...options: O) => ({
  type: ApplicationCommandOptionType.Subcommand as const,
  ...namedOption(name, `command.config.${name}.name`, `command.config.${name}.description`),
  options,
});

const value = <const T extends ApplicationCommandOptionType, E extends object>(
  type: T,
  description: Part,
  extra: E,
) => ({
  type,
  ...namedOption("value", "command.config.value.name", `command.config.${description}.description`),
  required: true as const,
  ...extra,
});

const LANGUAGE_CHOICES = ["auto", ...LANGUAGES] as const;

/** The digest's choices: a weekday by its ISO number ("7" is Sunday), or off. */
const DIGEST_CHOICES = ["1", "2", "3", "4", "5", "6", "7", "off"] as const;

const digestChoiceName = (choice: (typeof DIGEST_CHOICES)[number], lang: Language) =>
  choice === "off" ? t(lang, "digest.off") : weekdayName(Number(choice), lang);

const data = {
  ...named("command.config.name", "command.config.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  // Discord's OpenAPI description types this as an integer (its responses carry a string).
  default_member_permissions: Number(PermissionFlagsBits.ManageGuild) as unknown as string,
  options: [
    sub(
      "channel",
      value(ApplicationCommandOptionType.Channel, "channel", {
        channel_types: [ChannelType.GuildText as const, ChannelType.GuildAnnouncement as const],
      }),
    ),
    sub(
      "time",
      value(ApplicationCommandOptionType.String, "time", { min_length: 3, max_length: 5 }),
    ),
    sub(
      "timezone",
      value(ApplicationCommandOptionType.String, "timezone", {
        autocomplete: true,
        max_length: 64,
      }),
    ),
    sub(
      "days",
      value(ApplicationCommandOptionType.String, "days", { autocomplete: true, max_length: 64 }),
    ),
    sub(
      "language",
      value(ApplicationCommandOptionType.String, "language", {
        max_length: 16,
        choices: LANGUAGE_CHOICES.map((code) => ({
          name: t("en-US", `language.${code}`),
          name_localizations: { "zh-CN": t("zh-CN", `language.${code}`) },
          value: code,
        })),
      }),
    ),
    sub(
      "digest",
      value(ApplicationCommandOptionType.String, "digest", {
        max_length: 3,
        choices: DIGEST_CHOICES.map((choice) => ({
          name: digestChoiceName(choice, "en-US"),
          name_localizations: { "zh-CN": digestChoiceName(choice, "zh-CN") },
          value: choice,
        })),
      }),
    ),
    sub("enable"),
    sub("disable"),
    sub("show"),
    sub("post-now"),
    sub("restore-streak", {
      type: ApplicationCommandOptionType.User as const,
      ...namedOption("member", "command.config.member.name", "command.streak.member.description"),
      required: true as const,
    }),
  ],
} satisfies CommandModule["data"];

/** Every change saves the settings; these subcommands do something else with the store. */
const STORE_FAILURES: Partial<Record<SubcommandOf<typeof data>, StoreFailureKey>> = {
  show: "error.store.settings-read",
  "restore-streak": "error.store.restore-streak",
  "post-now": "error.store.post-now",
};

type Change = Exclude<ArgumentsOf<typeof data>, { subcommand: "show" }>;

const DAY_PRESETS = ["every day", "weekdays", "weekends", "mon,wed,fri", "mon,tue,wed,thu"];

/** A preset shown in the reader's language ("每天"); what was typed is shown as typed. */
function dayChoiceName(option: string, lang: Language): string {
  const parsed = DAY_PRESETS.includes(option) ? parseDays(option) : undefined;
  return parsed?.ok ? describeDays(parsed.value, lang) : option;
}

async function changeSetting(
  interaction: ChatInputCommandInteraction<"cached" | "raw">,
  args: Change,
  ctx: AppContext,
  lang: Language,
) {
  const guildId = interaction.guildId;
  switch (args.subcommand) {
    case "channel": {
      const channel = args.value;
      const saved = await configure.setChannel(ctx, guildId, channel.id);
      return t(lang, "config.summary.channel", { channel: saved.channelId ?? channel.id });
    }
    case "time": {
      const saved = await configure.setTime(ctx, guildId, args.value);
      return t(lang, "config.summary.time", { time: saved.time, zone: saved.timeZone });
    }
    case "timezone": {
      const saved = await configure.setTimeZone(ctx, guildId, args.value);
      return t(lang, "config.summary.timezone", { time: saved.time, zone: saved.timeZone });
    }
    case "days": {
      const saved = await configure.setDays(ctx, guildId, args.value);
      return t(lang, "config.summary.days", { days: describeDays(saved.days, lang) });
    }
    case "language": {
      const language = args.value === "auto" ? null : args.value;
      await configure.setLanguage(ctx, guildId, language);
      return t(lang, "config.summary.language", {
        language: t(lang, language ? `language.${language}` : "language.auto"),
      });
    }
    case "digest": {
      const saved = await configure.setDigestDay(
        ctx,
        guildId,
        args.value === "off" ? null : Number(args.value),
      );
      return t(lang, "config.summary.digest", { digest: describeDigest(saved.digestDay, lang) });
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
      const user = args.member;
      const restored = await restoreMemberStreak(ctx, guildId, user.id, ctx.now());
      if (!restored) throw new UserError("error.nothing-to-restore", { user: user.id });
      ctx.log.info(
        { guildId, adminId: interaction.user.id, userId: user.id, ...restored },
        "streak restored by an admin",
      );
      return t(lang, "streak.restored", { user: user.id, ...restored });
    }
  }
}

export const configCommand: CommandModule = {
  data,

  storeFailure(interaction) {
    const sub = interaction.isChatInputCommand() ? subcommandOf(data, interaction) : null;
    return (sub && STORE_FAILURES[sub]) ?? "error.store.settings-save";
  },

  async execute(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const args = argumentsOf(data, interaction);
    if (args.subcommand === "show") {
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
    const summary = await changeSetting(interaction, args, ctx, lang);
    const saved = args.subcommand === "post-now" ? summary : t(lang, "config.saved", { summary });
    await interaction.editReply({ content: saved, allowedMentions: NO_MENTIONS });
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused();
    if (subcommandOf(data, interaction) === "timezone") {
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
