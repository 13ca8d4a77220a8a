import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  AttachmentBuilder,
  InteractionContextType,
} from "discord.js";
import type { CommandModule } from "../src/discord/command.js";
import { named, namedOption, NO_MENTIONS } from "../src/discord/command-text.js";
import { argumentsOf } from "../src/discord/command-options.js";
import { renderCalendarPng } from "../src/discord/render-calendar-png.js";
import { CALENDAR_FILE, streakEmbed } from "../src/discord/render-stats.js";
import { languageFor } from "../src/domain/locale.js";
import { memberStats } from "../src/services/streaks.js";

const data = {
  ...named("command.streak.name", "command.streak.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.User,
      ...namedOption("member", "command.streak.member.name", "command.streak.member.description"),
      required: false,
    },
  ],
} satisfies CommandModule["data"];

export const streakCommand: CommandModule = {
  data,
  storeFailure: () => "error.store.streak",

  async execute(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const user = argumentsOf(data, interaction).member ?? interaction.user;
    // Reading the board and drawing the picture can outlast Discord's 3 seconds on a big server.
    await interaction.deferReply();
    const stats = await memberStats(ctx, interaction.guildId, user.id, ctx.now());
    let picture: AttachmentBuilder | null = null;
    try {
      picture = new AttachmentBuilder(renderCalendarPng(stats.calendar), { name: CALENDAR_FILE });
    } catch (error) {
      ctx.log.warn({ err: error }, "calendar picture failed; sending the text calendar only");
    }
    await interaction.editReply({
      embeds: [streakEmbed(user.id, user.displayName, stats, lang, picture !== null)],
      files: picture ? [picture] : [],
      allowedMentions: NO_MENTIONS,
    });
  },
};
