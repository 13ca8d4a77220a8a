import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { CommandModule, StoreFailureKey } from "../src/discord/command.js";
import { named, namedOption, NO_MENTIONS } from "../src/discord/command-text.js";
import { argumentsOf, focusedOf } from "../src/discord/command-options.js";
import type { MessageKey } from "../src/discord/i18n.js";
import { answerFeedbackMessage } from "../src/discord/render-feedback.js";
import {
  interviewAnswerModal,
  interviewQuestionMessage,
  nextQuestionRow,
  scorecardEmbed,
  withInterviewRows,
} from "../src/discord/render-interview.js";
import {
  answerModal,
  ANSWER_INPUT_ID,
  questionMessage,
  revealEmbed,
} from "../src/discord/render-question.js";
import {
  pickRandom,
  questionsWithTopic,
  suggestQuestions,
  suggestTopics,
} from "../src/domain/catalogue.js";
import {
  gradeButtonOf,
  numericArg,
  parseCustomId,
  type CustomId,
} from "../src/domain/custom-id.js";
import { INTERVIEW_DEFAULT, INTERVIEW_MAX, INTERVIEW_MIN } from "../src/domain/interview.js";
import { languageFor } from "../src/domain/locale.js";
import { UserError } from "../src/errors.js";
import {
  correctGrade,
  recordAnswer,
  requireQuestion,
  revealAnswer,
} from "../src/services/answer-question.js";
import { answerInterviewStep, interviewStep, planInterview } from "../src/services/interview.js";
import type { AppContext } from "../src/context.js";
import { reviewMessage } from "../src/discord/render-review.js";
import { pickReview } from "../src/services/review.js";

const numberOption = <const R extends boolean>(descriptionKey: MessageKey, required: R) => ({
  type: ApplicationCommandOptionType.Integer as const,
  ...namedOption("number", "command.question.number.name", descriptionKey),
  min_value: 1,
  autocomplete: true,
  required,
});

const topicOption = (descriptionKey: MessageKey) => ({
  type: ApplicationCommandOptionType.String as const,
  ...namedOption("topic", "command.question.topic.name", descriptionKey),
  autocomplete: true,
  // An autocomplete choice's value holds at most 100 characters; no topic is longer.
  max_length: 100,
  required: false,
});

const interviewSubcommand = {
  type: ApplicationCommandOptionType.Subcommand as const,
  ...namedOption(
    "interview",
    "command.question.interview.name",
    "command.question.interview.description",
  ),
  options: [
    {
      type: ApplicationCommandOptionType.Integer as const,
      ...namedOption(
        "count",
        "command.question.count.name",
        "command.question.interview.count.description",
      ),
      // Discord's client refuses a value outside these before the bot sees it.
      min_value: INTERVIEW_MIN,
      max_value: INTERVIEW_MAX,
      required: false,
    },
    topicOption("command.question.interview.topic.description"),
  ],
};

const data = {
  ...named("command.question.name", "command.question.description"),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...namedOption("ask", "command.question.ask.name", "command.question.ask.description"),
      options: [
        numberOption("command.question.ask.number.description", false),
        topicOption("command.question.ask.topic.description"),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...namedOption(
        "reveal",
        "command.question.reveal.name",
        "command.question.reveal.description",
      ),
      options: [numberOption("command.question.reveal.number.description", true)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      ...namedOption(
        "review",
        "command.question.review.name",
        "command.question.review.description",
      ),
      options: [],
    },
    interviewSubcommand,
  ],
} satisfies CommandModule["data"];

const STORE_FAILURES: Partial<Record<string, StoreFailureKey>> = {
  review: "error.store.review",
  reveal: "error.store.reveal",
  grade: "error.store.grade",
  interview: "error.store.interview",
};

function questionFromId(ctx: AppContext, id: CustomId) {
  const number = numericArg(id);
  if (number === null) throw new UserError("error.unknown-component");
  return requireQuestion(ctx, number);
}

function chooseQuestion(ctx: AppContext, number: number | null, topic: string | null) {
  if (number !== null) return requireQuestion(ctx, number);
  const pool = topic === null ? ctx.catalogue.questions : questionsWithTopic(ctx.catalogue, topic);
  const picked = pickRandom(pool, ctx.random);
  if (!picked) throw new UserError("error.unknown-topic", { topic: topic ?? "" });
  return picked;
}

/**
 * The mock interview. Every step is a new interaction answered at once (a question, its modal,
 * the feedback with Next), so no step edits a reply minutes old. The run travels in the custom
 * ids, not the store: any process takes the next step, a restart loses nothing, and an
 * abandoned run leaves nothing behind.
 */
async function startInterview(
  interaction: ChatInputCommandInteraction<"cached" | "raw">,
  ctx: AppContext,
  options: { count: number | null; topic: string | null },
) {
  const lang = languageFor(interaction.locale);
  const asked = options.count ?? INTERVIEW_DEFAULT;
  // Reads the member's cards: acknowledge first, the store may be slow.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { run, question } = await planInterview(ctx, {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    count: asked,
    topic: options.topic,
  });
  await interaction.editReply({
    ...interviewQuestionMessage(question, run, ctx.catalogue, lang, asked),
    allowedMentions: NO_MENTIONS,
  });
}

const interviewButtons = {
  /** Feedback's Next question: the next step's question, privately. */
  async "interview-next"(
    interaction: ButtonInteraction<"cached" | "raw">,
    ctx: AppContext,
    id: CustomId,
  ) {
    const { run, question } = interviewStep(ctx, id);
    await interaction.reply({
      ...interviewQuestionMessage(question, run, ctx.catalogue, languageFor(interaction.locale)),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  },
  async "interview-answer"(
    interaction: ButtonInteraction<"cached" | "raw">,
    ctx: AppContext,
    id: CustomId,
  ) {
    const { run, question } = interviewStep(ctx, id);
    await interaction.showModal(
      interviewAnswerModal(question, run, languageFor(interaction.locale)),
    );
  },
};

async function submitInterviewAnswer(
  interaction: ModalSubmitInteraction<"cached" | "raw">,
  ctx: AppContext,
  id: CustomId,
) {
  const lang = languageFor(interaction.locale);
  interviewStep(ctx, id); // a stale run is refused before anything is stored
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const step = await answerInterviewStep(ctx, {
    answerId: interaction.id,
    guildId: interaction.guildId,
    userId: interaction.user.id,
    id,
    text: interaction.fields.getTextInputValue(ANSWER_INPUT_ID),
  });
  const { saved } = step;
  const graded = saved.feedback && {
    text: saved.text,
    covered: saved.feedback.covered,
    suggested: saved.feedback.grade,
    final: null,
  };
  const feedback = answerFeedbackMessage(saved.question, saved.text, graded, lang);
  await interaction.editReply({
    ...feedback,
    components: [
      ...feedback.components,
      ...(step.scorecard ? [] : [nextQuestionRow(step.run, lang)]),
    ],
    allowedMentions: NO_MENTIONS,
  });
  if (step.scorecard) {
    // A message of its own: the feedback above may use an embed's whole 6,000 characters.
    await interaction.followUp({
      embeds: [scorecardEmbed(step.scorecard, ctx.catalogue, lang)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  }
}

export const questionCommand: CommandModule = {
  data,
  // An answer's submission writes the store, a Reveal the member's card, a correction the grade
  // and the card; a review and a mock interview read the member's cards.
  storeFailure: (interaction) => {
    const action = interaction.isChatInputCommand()
      ? interaction.options.getSubcommand(false)
      : interaction.isButton() && parseCustomId(interaction.customId)?.action;
    return (action && STORE_FAILURES[action]) || "error.store.answer";
  },

  async execute(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const args = argumentsOf(data, interaction);
    if (args.subcommand === "review") {
      // Reads a member's cards: acknowledge first, the store may be slow.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const pick = await pickReview(ctx, interaction.guildId, interaction.user.id);
      await interaction.editReply({
        ...reviewMessage(pick, ctx.catalogue, lang),
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    if (args.subcommand === "interview") {
      await startInterview(interaction, ctx, args);
      return;
    }
    if (args.subcommand === "reveal") {
      const question = await revealAnswer(ctx, {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        number: args.number,
      });
      await interaction.reply({
        embeds: [revealEmbed(question, lang)],
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    const question = chooseQuestion(ctx, args.number, args.topic);
    await interaction.reply({
      ...questionMessage(question, ctx.catalogue, lang),
      allowedMentions: NO_MENTIONS,
    });
  },

  async autocomplete(interaction, ctx) {
    const lang = languageFor(interaction.locale);
    const focused = focusedOf(data, interaction);
    const choices =
      focused.name === "topic"
        ? suggestTopics(ctx.catalogue, focused.value, lang)
        : suggestQuestions(ctx.catalogue, focused.value, lang);
    await interaction.respond(choices);
  },

  buttons: {
    ...interviewButtons,
    async answer(interaction, ctx, id) {
      const question = questionFromId(ctx, id);
      await interaction.showModal(answerModal(question, languageFor(interaction.locale)));
    },
    async reveal(interaction, ctx, id) {
      const question = await revealAnswer(ctx, {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        number: questionFromId(ctx, id).number,
      });
      await interaction.reply({
        embeds: [revealEmbed(question, languageFor(interaction.locale))],
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
    },
    async grade(interaction, ctx, id) {
      const chosen = gradeButtonOf(id);
      if (!chosen) throw new UserError("error.unknown-component");
      // The store may be slow: acknowledge first, then update the feedback in place.
      await interaction.deferUpdate();
      const { question, record } = await correctGrade(ctx, {
        guildId: interaction.guildId,
        userId: interaction.user.id,
        ...chosen,
      });
      const graded = record.suggestedGrade && {
        text: record.text,
        covered: record.covered ?? [],
        suggested: record.suggestedGrade,
        final: record.finalGrade ?? null,
      };
      await interaction.editReply({
        ...withInterviewRows(
          answerFeedbackMessage(
            question,
            record.text,
            graded ?? null,
            languageFor(interaction.locale),
          ),
          interaction.message.components.map((row) => row.toJSON()),
        ),
        allowedMentions: NO_MENTIONS,
      });
    },
  },

  modals: {
    "interview-submit": submitInterviewAnswer,
    async submit(interaction, ctx, id) {
      const lang = languageFor(interaction.locale);
      const question = questionFromId(ctx, id);
      // The store may be slow (a busy SQLite file, a remote Redis): acknowledge first.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const saved = await recordAnswer(ctx, {
        answerId: interaction.id,
        guildId: interaction.guildId,
        userId: interaction.user.id,
        number: question.number,
        text: interaction.fields.getTextInputValue(ANSWER_INPUT_ID),
      });
      const graded = saved.feedback && {
        text: saved.text,
        covered: saved.feedback.covered,
        suggested: saved.feedback.grade,
        final: null,
      };
      await interaction.editReply({
        ...answerFeedbackMessage(saved.question, saved.text, graded, lang),
        allowedMentions: NO_MENTIONS,
      });
    },
  },
};
