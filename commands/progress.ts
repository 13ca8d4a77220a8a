import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  AttachmentBuilder,
  InteractionContextType,
  MessageFlags,
} from "discord.js";
import type { CommandModule } from "../src/discord/command.js";
import { named, namedOption, NO_MENTIONS } from "../src/discord/command-text.js";
import { argumentsOf } from "../src/discord/command-options.js";
import { PROGRESS_FILE } from "../src/discord/render-progress-png.js";
import { progressChart, progressEmbed, progressPicture } from "../src/discord/render-progress.js";
import { languageFor } from "../src/domain/locale.js";
import { UserError } from "../src/errors.js";
import { memberProgressOf } from "../src/services/progress.js";

const data = {
  ...named("command.progress.name", "command.progress.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.User,
      ...namedOption(
        "member",
        "command.progress.member.name",
        "command.progress.member.description",
      ),
      required: false,
    },
  ],
} satisfies CommandModule["data"];

export const progressCommand: CommandModule = {
  data,
  storeFailure: () => "error.store.progress",

  async execute(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const chosen = argumentsOf(data, interaction).member;
    const user = chosen ?? interaction.user;
    // Discord resolves the member only when the user is in this server.
    if (chosen?.bot) throw new UserError("error.progress-bot", { name: chosen.displayName });
    if (chosen && !interaction.options.getMember("member"))
      throw new UserError("error.progress-not-member", { name: chosen.displayName });
    // Private: a member's weak spots are theirs to read. Drawing the chart can take longer
    // than Discord's 3 seconds on a busy machine, so the reply is deferred.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const progress = await memberProgressOf(ctx, interaction.guildId, user.id, ctx.now());
    const png = await progressPicture(
      progressChart(user.displayName, progress, ctx.catalogue, lang),
      ctx.log,
    );
    const embed = progressEmbed(
      user.id,
      user.displayName,
      progress,
      ctx.catalogue,
      lang,
      png !== null,
    );
    await interaction.editReply({
      embeds: [embed],
      files: png ? [new AttachmentBuilder(png, { name: PROGRESS_FILE })] : [],
      allowedMentions: NO_MENTIONS,
    });
  },
};
