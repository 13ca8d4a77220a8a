import type { DailyQuestionPost, SendOutcome, WeeklyDigestPost } from "../context.js";
import type { Catalogue } from "../domain/catalogue.js";
import { classifySendError } from "./discord-errors.js";
import { dailyPostMessage } from "./render-daily.js";
import { digestMessage } from "./render-digest.js";

export type OutgoingMessage = { embeds: object[]; components: object[]; nonce: string };

export type SentMessage = { messageId: string; channelId: string };

/** One create-message request to Discord with enforce_nonce; it rejects with Discord's error. */
export type SendMessage = (channelId: string, message: OutgoingMessage) => Promise<SentMessage>;

/**
 * The port's postQuestion over one way of sending: renders the post, sends it, and classifies a
 * failure through the one table (classifySendError). A rendering bug still throws: it is the
 * bot's fault, not Discord's answer.
 */
export async function postQuestionWith(
  send: SendMessage,
  catalogue: Catalogue,
  channelId: string,
  post: DailyQuestionPost,
): Promise<SendOutcome> {
  const { question, lang, previous, onStreak, reviewsDue, nonce } = post;
  const message = {
    ...dailyPostMessage(question, catalogue, lang, previous, onStreak, reviewsDue),
    nonce,
  };
  return sendClassified(send, channelId, message);
}

/** The port's postDigest over one way of sending, as postQuestionWith. */
export function postDigestWith(
  send: SendMessage,
  catalogue: Catalogue,
  channelId: string,
  { digest, lang, nonce }: WeeklyDigestPost,
): Promise<SendOutcome> {
  return sendClassified(send, channelId, { ...digestMessage(digest, catalogue, lang), nonce });
}

async function sendClassified(
  send: SendMessage,
  channelId: string,
  message: OutgoingMessage,
): Promise<SendOutcome> {
  try {
    return { kind: "posted", ...(await send(channelId, message)) };
  } catch (error) {
    return classifySendError(error);
  }
}
