import { Client, GatewayIntentBits, Options } from "discord.js";

/** Discord's global limit is per bot, not per process: each shard process takes its share. */
export const GLOBAL_REQUESTS_PER_SECOND = 50;

function shardCount(configured: number | "auto"): number {
  // Under the ShardingManager, discord.js passes the real count in SHARD_COUNT.
  const fromManager = Number(process.env.SHARD_COUNT);
  if (Number.isInteger(fromManager) && fromManager > 0) return fromManager;
  return typeof configured === "number" ? configured : 1;
}

/**
 * Only the Guilds intent: slash commands, buttons and modals arrive without privileged intents,
 * and caches the bot never reads are kept empty so memory stays flat as servers grow.
 */
export function createClient(apiUrl: string, shards: number | "auto" = 1): Client {
  const perProcess = Math.max(1, Math.floor(GLOBAL_REQUESTS_PER_SECOND / shardCount(shards)));
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl, globalRequestsPerSecond: perProcess },
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
