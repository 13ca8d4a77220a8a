import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type {
  AppContext,
  ChannelCheck,
  DailyQuestionPost,
  DiscordPort,
  WeeklyDigestPost,
} from "../../src/context.js";
import {
  postDigestWith,
  postQuestionWith,
  type OutgoingMessage,
} from "../../src/discord/daily-post.js";
import { refusedChannel } from "../../src/discord/discord-errors.js";
import type { Catalogue } from "../../src/domain/catalogue.js";
import type { ChannelPermission } from "../../src/domain/post-failure.js";
import { DEFAULT_GRACE_MS } from "../../src/domain/schedule.js";
import { openStore, repositoriesOf, type Store } from "../../src/store/open-store.js";
import { loadBuiltInCatalogue } from "./catalogue.js";

export type SentRecord = { channelId: string; message: OutgoingMessage; messageId: string };

/**
 * A stand-in for Discord at the port. Posts are rendered and their failures classified by the
 * real code behind the port (postQuestionWith); only the request is faked. It records what was
 * sent, lets a test refuse a channel or fail a send with the error discord.js would throw, and
 * dedupes nonces per author across channels as Discord's enforce_nonce does (the earlier
 * message is returned, wherever it is). The end-to-end tests cover the real client against the emulator.
 */
export class FakeDiscord implements DiscordPort {
  sent: SentRecord[] = [];
  threads: string[] = [];
  /** Channels the gateway cache shows unfit: Discord's code and the permissions missing. */
  refuse = new Map<string, { ok: false; code: number; missing: readonly ChannelPermission[] }>();
  failSend: ((channelId: string) => Error | undefined) | undefined;
  held = new Set<string>();
  locale: string | null = "en-US";
  private nextId = 1000;

  constructor(private readonly catalogue: Catalogue) {}

  checkChannel(_guildId: string, channelId: string): Promise<ChannelCheck> {
    const refused = this.refuse.get(channelId);
    return Promise.resolve(refused ? refusedChannel(refused.code, refused.missing) : { ok: true });
  }
  postQuestion(channelId: string, post: DailyQuestionPost) {
    return postQuestionWith(
      (channel, message) => this.send(channel, message),
      this.catalogue,
      channelId,
      post,
    );
  }
  postDigest(channelId: string, post: WeeklyDigestPost) {
    return postDigestWith(
      (channel, message) => this.send(channel, message),
      this.catalogue,
      channelId,
      post,
    );
  }
  /** The create-message request itself, as Discord answers it. */
  send(channelId: string, message: OutgoingMessage) {
    const failure = this.failSend?.(channelId);
    if (failure) return Promise.reject(failure);
    const repeat = this.sent.find((s) => s.message.nonce === message.nonce);
    if (repeat)
      return Promise.resolve({ messageId: repeat.messageId, channelId: repeat.channelId });
    const messageId = String(this.nextId++);
    this.sent.push({ channelId, message, messageId });
    return Promise.resolve({ messageId, channelId });
  }
  startThread(_channelId: string, messageId: string) {
    this.threads.push(messageId);
    return Promise.resolve(`thread-${messageId}`);
  }
  guildLocale() {
    return this.locale;
  }
  gone = new Set<string>();
  /** Member checks asked, for tests that bound them. */
  memberChecks = 0;
  reportsLeavers = false;
  isMember(_guildId: string, userId: string) {
    this.memberChecks++;
    return Promise.resolve(!this.gone.has(userId));
  }
  holdsGuild(guildId: string) {
    return this.held.size === 0 || this.held.has(guildId);
  }
}

export type TestApp = { ctx: AppContext; store: Store; discord: FakeDiscord; url: string };

const cleanups: (() => Promise<void>)[] = [];

/** Closes every store first, then removes the folders. */
export async function closeTestApps(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
}

/** A context over a real SQLite file; pass `url` to share the file, as a second process would. */
export async function testApp(
  options: { url?: string; discord?: FakeDiscord; instanceId?: string } = {},
): Promise<TestApp> {
  let url = options.url;
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), "drill-svc-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    url = `sqlite://${join(dir, "drill.sqlite")}`;
  }
  const store = await openStore(url);
  cleanups.unshift(() => store.close());
  const catalogue = await loadBuiltInCatalogue();
  const discord = options.discord ?? new FakeDiscord(catalogue);
  const ctx: AppContext = {
    ...repositoriesOf(store),
    catalogue,
    log: pino({ level: "silent" }),
    discord,
    instanceId: options.instanceId ?? "instance-a",
    graceMs: DEFAULT_GRACE_MS,
    random: () => 0.5,
    now: () => 0,
    postingNow: new Set(),
  };
  return { ctx, store, discord, url };
}
