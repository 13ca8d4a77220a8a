import type { JsonObject } from "./types.js";
import type { ChannelRecord, EmulatorState, GuildRecord, RoleRecord, UserRecord } from "./state.js";

// API objects as Discord serialises them. Only the fields discord.js reads are filled with
// meaningful values; the rest carry Discord's defaults so the shapes stay realistic.

export function apiUser(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    discriminator: "0",
    global_name: user.globalName,
    avatar: null,
    public_flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function apiRole(role: RoleRecord) {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.botId !== undefined,
    mentionable: false,
    flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function apiMember(state: EmulatorState, guild: GuildRecord, userId: string) {
  const member = state.member(guild.id, userId);
  return {
    user: apiUser(state.user(userId)),
    nick: null,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** Interactions carry the member's permissions in the channel they were used in. */
export function apiInteractionMember(state: EmulatorState, channel: ChannelRecord, userId: string) {
  const guild = state.guild(channel.guildId ?? "");
  return {
    ...apiMember(state, guild, userId),
    permissions: state.permissionsIn(channel, userId).toString(),
  };
}

export function apiChannel(state: EmulatorState, channel: ChannelRecord): JsonObject {
  if (!channel.guildId) {
    const recipient = state.user(channel.recipientId ?? "");
    return {
      id: channel.id,
      type: 1,
      recipients: [apiUser(recipient)],
      last_message_id: lastMessageId(state, channel),
      flags: 0,
    };
  }
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    parent_id: channel.parentId,
    last_message_id: lastMessageId(state, channel),
    rate_limit_per_user: 0,
    flags: 0,
  };
  if (channel.parentId) {
    return {
      ...base,
      owner_id: state.bot.id,
      message_count: 0,
      member_count: 1,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
  }
  return {
    ...base,
    position: channel.position,
    nsfw: false,
    topic: null,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
  };
}

export function apiGuild(state: EmulatorState, guild: GuildRecord) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: guild.channelIds[0] ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    preferred_locale: guild.preferredLocale,
    features: [],
    roles: [...guild.roles.values()].map(apiRole),
    emojis: [],
    stickers: [],
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    hub_type: null,
    incidents_data: null,
  };
}

/** What GUILD_CREATE carries: the guild plus its channels and the bot's own member. */
export function guildCreatePayload(state: EmulatorState, guild: GuildRecord): JsonObject {
  const live = guild.channelIds
    .map((id) => state.channels.get(id))
    .filter((c) => c && !c.deleted) as ChannelRecord[];
  return {
    ...apiGuild(state, guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: [apiMember(state, guild, state.bot.id)],
    channels: live.filter((c) => !c.parentId).map((c) => apiChannel(state, c)),
    threads: live.filter((c) => c.parentId).map((c) => apiChannel(state, c)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function lastMessageId(state: EmulatorState, channel: ChannelRecord): string | null {
  return state.messages.get(channel.id)?.at(-1)?.id ?? null;
}
