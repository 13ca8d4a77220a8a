import {
  ChannelType,
  DiscordAPIError,
  GatewayDispatchEvents,
  PermissionFlagsBits,
  Routes,
  type APIMessage,
  type APIThreadChannel,
  type Client,
  type GatewayGuildMemberRemoveDispatchData,
} from "discord.js";
import type { ChannelCheck, DiscordPort } from "../context.js";
import type { Catalogue } from "../domain/catalogue.js";
import { postDigestWith, postQuestionWith, type SendMessage } from "./daily-post.js";
import { refusedChannel } from "./discord-errors.js";
import { createPresenceCache, type PresenceCache } from "./presence-cache.js";
import { dailyThreadName } from "./render-daily.js";

const POSTABLE = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

/** What the daily post needs, by Discord's API name (the i18n table names it for the reader). */
export const REQUIRED_PERMISSIONS = [
  ["ViewChannel", PermissionFlagsBits.ViewChannel],
  ["SendMessages", PermissionFlagsBits.SendMessages],
  ["EmbedLinks", PermissionFlagsBits.EmbedLinks],
] as const;

/**
 * Reads permissions from the gateway cache (kept fresh by CHANNEL_UPDATE and GUILD_ROLE_UPDATE
 * under the Guilds intent), so a refusal is caught before a request would burn Discord's
 * invalid-request budget.
 */
export async function checkChannelFor(
  client: Client,
  guildId: string,
  channelId: string,
): Promise<ChannelCheck> {
  const guild = client.guilds.cache.get(guildId);
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel || !POSTABLE.includes(channel.type)) return refusedChannel(10003, []);
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const granted = channel.permissionsFor(me);
  const missing = REQUIRED_PERMISSIONS.filter(([, flag]) => !granted.has(flag)).map(
    ([name]) => name,
  );
  if (missing.length === 0) return { ok: true };
  return refusedChannel(missing.includes("ViewChannel") ? 50001 : 50013, missing);
}

/** Without member events, a member seen present is not asked again for this long. */
const MEMBER_CACHE_MS = 10 * 60_000;
/**
 * With them, for a day: GUILD_MEMBER_REMOVE ends an entry at once, and the day bounds how long a
 * removal lost in a reconnect that could not resume goes unnoticed.
 */
const MEMBER_EVENTS_CACHE_MS = 24 * 3_600_000;
/** About 100 bytes each: a few MB at most, whatever the number of servers. */
export const MEMBER_CACHE_ENTRIES = 20_000;
const UNKNOWN_MEMBER = 10007;

export type DiscordPortOptions = {
  /**
   * The client identified with the Server Members intent: GUILD_MEMBER_REMOVE says who left, so a
   * member seen present is trusted until that event (or for a day at most).
   */
  memberEvents?: boolean;
  /** For tests: the cache of members seen present. */
  seen?: PresenceCache;
};

/** The port over the real client: the catalogue names banks and topics in the rendered post. */
export function createDiscordPort(
  client: Client,
  catalogue: Catalogue,
  options: DiscordPortOptions = {},
): DiscordPort {
  const lifetime = options.memberEvents ? MEMBER_EVENTS_CACHE_MS : MEMBER_CACHE_MS;
  const seen = options.seen ?? createPresenceCache(lifetime, MEMBER_CACHE_ENTRIES);
  if (options.memberEvents) {
    client.ws.on(
      GatewayDispatchEvents.GuildMemberRemove,
      (data: GatewayGuildMemberRemoveDispatchData) =>
        seen.delete(`${data.guild_id}:${data.user.id}`),
    );
  }
  const send: SendMessage = async (channelId, message) => {
    const sent = (await client.rest.post(Routes.channelMessages(channelId), {
      body: { ...message, enforce_nonce: true, allowed_mentions: { parse: [] } },
    })) as APIMessage;
    return { messageId: sent.id, channelId: sent.channel_id };
  };
  return {
    checkChannel: (guildId, channelId) => checkChannelFor(client, guildId, channelId),
    postQuestion: (channelId, post) => postQuestionWith(send, catalogue, channelId, post),
    postDigest: (channelId, post) => postDigestWith(send, catalogue, channelId, post),
    async startThread(channelId, messageId, question, lang) {
      const channel = client.channels.cache.get(channelId);
      const me = channel && "guild" in channel ? channel.guild.members.me : null;
      if (
        !channel ||
        !me ||
        !("permissionsFor" in channel) ||
        !channel.permissionsFor(me).has(PermissionFlagsBits.CreatePublicThreads)
      ) {
        return null;
      }
      const thread = (await client.rest.post(Routes.threads(channelId, messageId), {
        body: { name: dailyThreadName(question, lang), auto_archive_duration: 1440 },
      })) as APIThreadChannel;
      return thread.id;
    },
    guildLocale: (guildId) => client.guilds.cache.get(guildId)?.preferredLocale ?? null,
    holdsGuild: (guildId) => client.guilds.cache.has(guildId),
    reportsLeavers: options.memberEvents === true,
    async isMember(guildId, userId) {
      const key = `${guildId}:${userId}`;
      if (seen.has(key)) return true;
      try {
        await client.rest.get(Routes.guildMember(guildId, userId));
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return false;
        throw error;
      }
      seen.add(key);
      return true;
    },
  };
}
