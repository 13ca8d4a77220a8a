import { Client, GatewayIntentBits, Options } from "discord.js";

/**
 * Only the Guilds intent: slash commands, buttons and modals arrive without privileged intents,
 * and caches the bot never reads are kept empty to hold memory flat as servers grow.
 */
export function createClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl },
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      GuildMemberManager: {
        maxSize: 0,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });
}
