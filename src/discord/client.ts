import {
  Client,
  DefaultRestOptions,
  GatewayIntentBits,
  Options,
  type RESTOptions,
} from "discord.js";

/** Discord's global limit is per bot, not per process: each shard process takes its share. */
export const GLOBAL_REQUESTS_PER_SECOND = 50;

/** Slack in each second for network jitter: the request one past the limit leaves this late. */
const JITTER_MARGIN_MS = 20;

type MakeRequest = RESTOptions["makeRequest"];

/**
 * Lets at most `perSecond` requests go in any window of one second (plus the jitter margin),
 * wherever the window starts, spaced evenly rather than in bursts. Waiters go first come, first
 * served; one whose request is aborted (discord.js's timeout) leaves the queue.
 */
export function createPacer(perSecond: number) {
  const windowMs = 1000 + JITTER_MARGIN_MS;
  const spacingMs = windowMs / perSecond;
  const sentAt: number[] = []; // the last `perSecond` releases, oldest first
  const waiting: { go: () => void }[] = [];
  let nextSlot = 0;
  let timer: NodeJS.Timeout | undefined;

  const releaseDue = () => {
    timer = undefined;
    while (waiting.length > 0) {
      const now = performance.now();
      const windowFree = sentAt.length < perSecond ? now : (sentAt[0] ?? 0) + windowMs;
      const at = Math.max(nextSlot, windowFree);
      if (at > now) {
        timer = setTimeout(releaseDue, Math.ceil(at - now));
        return;
      }
      // After a stall (a busy event loop) catch up by one slot at most, never in a burst.
      nextSlot = Math.max(nextSlot, now - spacingMs) + spacingMs;
      sentAt.push(now);
      if (sentAt.length > perSecond) sentAt.shift();
      waiting.shift()?.go();
    }
  };

  return (signal?: AbortSignal | null) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const waiter = { go: resolve };
      waiting.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
          reject(signal.reason as Error);
        },
        { once: true },
      );
      if (!timer) releaseDue();
    });
}

/**
 * Thrown instead of sending a request with the bot token once Discord refused that token (401):
 * requests already waiting in the pacer would each earn another 401, and Discord bans an IP
 * for a while after 10,000 invalid requests (401, 403, 429) in 10 minutes.
 */
export class TokenRefusedError extends Error {
  override readonly name = "TokenRefusedError";
  constructor() {
    super("not sent: Discord refused the bot token (401)");
  }
}

/**
 * Paces what Discord counts against the bot's global limit: requests made with the bot token.
 * discord.js's own limiter lets `perSecond` through from the start of its window and the next
 * batch as soon as it ends, so a second on Discord's clock can see nearly twice the limit (and
 * a global 429). Interaction callbacks and interaction webhooks (deferred replies' edits,
 * follow-ups) carry no token, are not counted by Discord, and never wait here.
 */
export function pacedRequests(perSecond: number, send: MakeRequest): MakeRequest {
  const pace = createPacer(perSecond);
  let tokenRefused = false;
  return async (url, init) => {
    const withToken = new Headers(init.headers).has("authorization");
    if (!withToken) return send(url, init);
    await pace(init.signal);
    if (tokenRefused) throw new TokenRefusedError();
    const response = await send(url, init);
    if (response.status === 401) tokenRefused = true;
    return response;
  };
}

function shardCount(configured: number | "auto"): number {
  // Under the ShardingManager, discord.js passes the real count in SHARD_COUNT.
  const fromManager = Number(process.env.SHARD_COUNT);
  if (Number.isInteger(fromManager) && fromManager > 0) return fromManager;
  return typeof configured === "number" ? configured : 1;
}

/**
 * The Guilds intent: slash commands, buttons and modals arrive without privileged intents, and
 * caches the bot never reads are kept empty so memory stays flat as servers grow. The privileged
 * Server Members intent is added only when the operator opts in (`serverMembers`): the bot then
 * hears GUILD_MEMBER_REMOVE, and still caches no members.
 */
export function createClient(
  apiUrl: string,
  shards: number | "auto" = 1,
  options: { serverMembers?: boolean } = {},
): Client {
  const perProcess = Math.max(1, Math.floor(GLOBAL_REQUESTS_PER_SECOND / shardCount(shards)));
  return new Client({
    intents: options.serverMembers
      ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers]
      : [GatewayIntentBits.Guilds],
    rest: {
      api: apiUrl,
      makeRequest: pacedRequests(perProcess, DefaultRestOptions.makeRequest),
      // The pacer counts; discord.js's counter would hold interaction webhooks back behind a
      // fan-out. discord.js still stops every request on a real global 429 until it expires.
      globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    },
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: {
        maxSize: 0,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      // Threads the bot opened on daily posts: drop archived ones after a day.
      threads: { interval: 3_600, lifetime: 86_400 },
    },
  });
}
