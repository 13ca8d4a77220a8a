import type { Catalogue } from "./domain/catalogue.js";
import type { ChannelPermission } from "./domain/post-failure.js";
import type { Logger } from "./log.js";
import type { Repositories } from "./store/open-store.js";

/** Everything the services ask of Discord, kept behind a port so they stay Discord-free and testable. */
export type DiscordPort = {
  /** Whether the bot may post embeds in the channel; a refusal carries Discord's error code. */
  checkChannel(guildId: string, channelId: string): Promise<ChannelCheck>;
  /**
   * Sends with enforce_nonce. Discord may answer with an earlier message of the bot's that has
   * the same nonce, in any channel: the returned channel says where the message really is.
   */
  send(channelId: string, message: OutgoingMessage): Promise<SentMessage>;
  /** Opens a discussion thread on the message when the bot may; null when it may not. */
  startThread(channelId: string, messageId: string, name: string): Promise<string | null>;
  /** The server's preferred locale, as Discord reports it. */
  guildLocale(guildId: string): string | null;
  /** Whether this process (shard) holds the server. */
  holdsGuild(guildId: string): boolean;
  /** Whether the user is still a member (asked over REST: no privileged intent needed). */
  isMember(guildId: string, userId: string): Promise<boolean>;
};

export type ChannelCheck =
  { ok: true } | { ok: false; code: number; missing: readonly ChannelPermission[] };

export type SentMessage = { messageId: string; channelId: string };

export type OutgoingMessage = {
  embeds: object[];
  components: object[];
  nonce: string;
};

/** Everything a handler or service needs, passed in so tests can build it directly. */
export type AppContext = Repositories & {
  catalogue: Catalogue;
  log: Logger;
  discord: DiscordPort;
  /** Names this process in claims, so a stalled claim can be told from one in progress. */
  instanceId: string;
  /** How late a missed daily post may still go out. */
  graceMs: number;
  /** A float in [0, 1), as Math.random. */
  random: () => number;
  /** Epoch milliseconds. */
  now: () => number;
};
