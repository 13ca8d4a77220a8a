import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from "discord.js";
import type { CommandModule } from "../src/discord/command.js";
import { named, namedOption, NO_MENTIONS } from "../src/discord/command-text.js";
import { argumentsOf } from "../src/discord/command-options.js";
import { t } from "../src/discord/i18n.js";
import { leaderboardButtons, leaderboardEmbed } from "../src/discord/render-stats.js";
import { leaderboardPageOf } from "../src/domain/custom-id.js";
import { languageFor, type Language } from "../src/domain/locale.js";
import { UserError } from "../src/errors.js";
import type { AppContext } from "../src/context.js";
import { BOARDS, type Board } from "../src/domain/board.js";
import { leaderboardPage } from "../src/services/leaderboard.js";

const data = {
  ...named("command.leaderboard.name", "command.leaderboard.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      ...namedOption("by", "command.leaderboard.by.name", "command.leaderboard.by.description"),
      required: false,
      max_length: 16,
      choices: BOARDS.map((board) => ({
        name: t("en-US", `board.${board}`),
        name_localizations: { "zh-CN": t("zh-CN", `board.${board}`) },
        value: board,
      })),
    },
  ],
} satisfies CommandModule["data"];

async function render(
  ctx: AppContext,
  guildId: string,
  board: Board,
  pageIndex: number,
  callerId: string,
  lang: Language,
) {
  const { shown, you } = await leaderboardPage(ctx, guildId, board, pageIndex, callerId, ctx.now());
  return {
    embeds: [leaderboardEmbed(board, shown, you, lang)],
    components: shown.pageCount > 1 ? [leaderboardButtons(board, shown, lang)] : [],
    allowedMentions: NO_MENTIONS,
  };
}

export const leaderboardCommand: CommandModule = {
  data,
  storeFailure: () => "error.store.leaderboard",

  async execute(interaction, ctx) {
    const board = argumentsOf(data, interaction).by ?? "streak";
    await interaction.deferReply();
    await interaction.editReply(
      await render(
        ctx,
        interaction.guildId,
        board,
        0,
        interaction.user.id,
        languageFor(interaction.locale),
      ),
    );
  },

  buttons: {
    async page(interaction, ctx, id) {
      const page = leaderboardPageOf(id);
      if (!page) throw new UserError("error.unknown-component");
      await interaction.deferUpdate();
      await interaction.editReply(
        await render(
          ctx,
          interaction.guildId,
          page.board,
          page.pageIndex,
          interaction.user.id,
          languageFor(interaction.locale),
        ),
      );
    },
  },
};
