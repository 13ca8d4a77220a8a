import type { AppContext } from "../context.js";
import type { Question } from "../bank/schema.js";
import { checkAnswer } from "../domain/answer.js";
import { gradeAnswer, type AnswerFeedback, type Grade } from "../domain/answer-feedback.js";
import { findQuestion } from "../domain/catalogue.js";
import { UserError } from "../errors.js";
import { addDays, mondayOf } from "../domain/calendar.js";
import { cardAfterCorrection, cardAfterGrade, cardAfterReveal } from "../domain/card-day.js";
import { recordActiveDay } from "../domain/streak.js";
import { answeredAgain, type AnswerRecord } from "../store/answers.js";
import { calendarWithDay, type CalendarRecord } from "../store/calendars.js";
import type { GuildSettings } from "../store/guild-settings.js";
import type { MemberRecord } from "../store/members.js";
import type { CardRecord } from "../store/cards.js";
import { postingDayTest, todayFor } from "./server-days.js";

export function requireQuestion(ctx: Pick<AppContext, "catalogue">, number: number): Question {
  const question = findQuestion(ctx.catalogue, number);
  if (!question) {
    const numbers = ctx.catalogue.questions.map((q) => q.number);
    throw new UserError("error.unknown-question", {
      number,
      min: Math.min(...numbers),
      max: Math.max(...numbers),
    });
  }
  return question;
}

export type SubmittedAnswer = {
  answerId: string;
  guildId: string;
  userId: string;
  number: number;
  text: string;
};

/** Days kept per member for the activity calendar: 12 weeks plus the current one. */
const RECENT_DAYS = 13 * 7;

/**
 * The member's record after an answer at `at`: the day joins the streak, and when `counted`
 * (the first answer to this question today) the total and the week grow by one.
 */
function memberAfterAnswer(
  settings: GuildSettings,
  current: MemberRecord,
  at: number,
  counted: boolean,
): MemberRecord {
  const day = todayFor(settings, at);
  const week = mondayOf(day);
  const add = counted ? 1 : 0;
  const weekAnswers = current.week.start === week ? current.week.answers + add : add;
  return {
    ...current,
    streak: recordActiveDay(current.streak, day, postingDayTest(settings)),
    totalAnswers: current.totalAnswers + add,
    week: { start: week, answers: weekAnswers },
    lastAnswerAt: Math.max(current.lastAnswerAt, at),
    left: false,
  };
}

/** The activity calendar after an answer at `at`; null when it already shows that day. */
function calendarAfterAnswer(settings: GuildSettings, current: CalendarRecord, at: number) {
  const day = todayFor(settings, at);
  return calendarWithDay(current, day, addDays(day, 1 - RECENT_DAYS));
}

/**
 * Validates and stores a member's answer; resolves only once it is stored, with everything it
 * changes (participation, streak record, calendar, board) in one commit. It counts toward the
 * member's totals once per question per local day; a second submit replaces the stored text.
 * A redelivered submit (same interaction id) is stored and counted once.
 */
export async function recordAnswer(
  ctx: AppContext,
  input: SubmittedAnswer,
): Promise<{ question: Question; text: string; feedback: AnswerFeedback | null }> {
  const question = requireQuestion(ctx, input.number);
  const checked = checkAnswer(input.text);
  if (!checked.ok) {
    throw checked.error === "answer-empty"
      ? new UserError("error.answer-empty")
      : new UserError("error.answer-too-long", { length: checked.length, max: checked.max });
  }
  // A question without key points has nothing to grade against: no suggestion is stored.
  const feedback = question.keyPoints ? gradeAnswer(checked.text, question.keyPoints) : null;
  const at = ctx.now();
  const settings = await ctx.guilds.get(input.guildId);
  const today = todayFor(settings, at);
  // Without key points there is no suggestion and no correction buttons: an answer the member
  // wrote and submitted counts as recalled (Good), as FSRS reads "I remembered it".
  const grade = feedback?.grade ?? "good";
  await ctx.answers.save(input.guildId, input.userId, question.number, (read) => {
    if (read.answer?.recentIds.includes(input.answerId)) return null;
    const counted = !read.answer || todayFor(settings, read.answer.countedAt) !== today;
    const { guildId, userId, answerId: id } = input;
    const submit = { guildId, userId, question: question.number, id, text: checked.text, at };
    const owner = { guildId, userId, question: question.number };
    return {
      answer: answeredAgain(read.answer, submit, counted, feedback),
      member: memberAfterAnswer(settings, read.member, at, counted),
      calendar: calendarAfterAnswer(settings, read.calendar, at),
      participation: { at },
      card: { ...owner, ...cardAfterGrade(read.card, grade, at, today) },
    };
  });
  return { question, text: checked.text, feedback };
}

/**
 * The member's correction of the suggested grade of their latest answer to `number`: their
 * choice wins and is stored beside the suggestion. A member with no graded answer to that
 * question (another member's button, a store from before grading) gets a user error.
 */
export async function correctGrade(
  ctx: AppContext,
  input: { guildId: string; userId: string; number: number; grade: Grade },
): Promise<{ question: Question; record: AnswerRecord }> {
  const question = requireQuestion(ctx, input.number);
  const record = await ctx.answers.correctGrade(
    input.guildId,
    input.userId,
    question.number,
    input.grade,
    // The answer's review is done again with the member's grade, from the card before its day.
    (card, answer) => {
      const next = cardAfterCorrection(card, input.grade, answer.at);
      return card && next && { ...ownerOf(card), ...next };
    },
  );
  if (!record) throw new UserError("error.grade-no-answer", { number: question.number });
  return { question, record };
}

const ownerOf = ({ guildId, userId, question }: CardRecord) => ({ guildId, userId, question });

/**
 * A member revealed the answer to `number`: without an answer (or Reveal) of theirs today, it
 * counts as Again on their card. Resolves to the question to show.
 */
export async function revealAnswer(
  ctx: AppContext,
  input: { guildId: string; userId: string; number: number },
): Promise<Question> {
  const question = requireQuestion(ctx, input.number);
  const at = ctx.now();
  const today = todayFor(await ctx.guilds.get(input.guildId), at);
  const owner = { guildId: input.guildId, userId: input.userId, question: question.number };
  await ctx.cards.move(input.guildId, input.userId, question.number, (current) => {
    const next = cardAfterReveal(current, at, today);
    return next && { ...owner, ...next };
  });
  return question;
}
