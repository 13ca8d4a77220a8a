import type { MostMissed } from "./domain/most-missed.js";
import type { Question } from "./bank/schema.js";
import type { Catalogue } from "./domain/catalogue.js";
import type { Language } from "./domain/locale.js";
import type { PostFailure } from "./domain/post-failure.js";
import type { Logger } from "./log.js";
import type { WeeklyDigest } from "./domain/weekly-digest.js";
import type { Repositories } from "./store/open-store.js";

/** Everything the services ask of Discord, kept behind a port so they stay Discord-free and testable. */
export type DiscordPort = {
  /** Whether the bot may post embeds in the channel; a refusal carries Discord's error code. */
  checkChannel(guildId: string, channelId: string): Promise<ChannelCheck>;
  /**
   * Posts the question of the day to the channel, rendered behind the port, with enforce_nonce,
   * and says what came of it: every answer of Discord's, or none, is an outcome, and it rejects
   * only on a bug of the bot's own (rendering). Discord may answer with an earlier message of
   * the bot's that has the same nonce, in any channel: `posted` says where the message really is.
   */
  postQuestion(channelId: string, post: DailyQuestionPost): Promise<SendOutcome>;
  /** Posts the weekly digest as postQuestion posts the question: with enforce_nonce, no mentions. */
  postDigest(channelId: string, post: WeeklyDigestPost): Promise<SendOutcome>;
  /** Opens the discussion thread of the question's post when the bot may; null when it may not. */
  startThread(
    channelId: string,
    messageId: string,
    question: Question,
    lang: Language,
  ): Promise<string | null>;
  /** The server's preferred locale, as Discord reports it. */
  guildLocale(guildId: string): string | null;
  /** Whether this process (shard) holds the server. */
  holdsGuild(guildId: string): boolean;
  /** Whether the user is still a member (asked over REST: no privileged intent needed). */
  isMember(guildId: string, userId: string): Promise<boolean>;
  /**
   * Discord tells the bot who leaves (the Server Members intent: GUILD_MEMBER_REMOVE marks them
   * in the store), so a count read from the store needs no member checks.
   */
  readonly reportsLeavers: boolean;
};

/** A channel refused before sending, as the pause stores it and the reader is told. */
export type ChannelRefusal = Extract<PostFailure, { code: "channel-gone" | "missing-permissions" }>;

/** A refusal carries Discord's error code and, classified behind the port, what it means. */
export type ChannelCheck = { ok: true } | { ok: false; code: number; reason: ChannelRefusal };

/**
 * The previous day's question, revealed with the day's post, how many answered it, and the key
 * point most graded answers missed (null when none was missed or nothing was graded).
 */
export type PreviousReveal = {
  question: Question;
  answered: number;
  mostMissed: MostMissed | null;
};

/** What the daily post says, as data: the port renders it. */
export type DailyQuestionPost = {
  question: Question;
  lang: Language;
  previous: PreviousReveal | undefined;
  /** Members on a streak today. */
  onStreak: number;
  /** Members with a review due by the end of the server's day; absent when it could not be counted. */
  reviewsDue?: number;
  /** Per server and day: Discord turns a repeat into the earlier message. */
  nonce: string;
};

/** The weekly digest to post, in the server's language, with its per-server, per-week nonce. */
export type WeeklyDigestPost = { digest: WeeklyDigest; lang: Language; nonce: string };

/**
 * What came of a send, classified behind the port: `paused` (a refusal only an admin can fix,
 * with Discord's error code and what to store), `retry-later` (transient; `cause` is for the
 * log only) or `fatal` (the bot token is dead; the reason is for the operator's log).
 */
export type SendOutcome =
  | { kind: "posted"; messageId: string; channelId: string }
  | { kind: "paused"; code: number; reason: PostFailure }
  | { kind: "retry-later"; reason: PostFailure; cause: unknown }
  | { kind: "fatal"; code: number; reason: string };

/** Everything a handler or service needs, passed in so tests can build it directly. */
export type AppContext = Repositories & {
  catalogue: Catalogue;
  log: Logger;
  discord: DiscordPort;
  /** Servers this process is posting to right now (src/services/posting-now.ts). */
  postingNow: Set<string>;
  /** Names this process in claims, so a stalled claim can be told from one in progress. */
  instanceId: string;
  /** How late a missed daily post may still go out. */
  graceMs: number;
  /** A float in [0, 1), as Math.random. */
  random: () => number;
  /** Epoch milliseconds. */
  now: () => number;
};
