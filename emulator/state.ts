import { discordErrors, injectedError } from "./errors.js";
import {
  channelPermissions,
  Permission,
  type Overwrite,
  type PermissionGuild,
} from "./permissions.js";
import type { CdnFile, ForcedError, StoredMessage } from "./types.js";

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  locale: string;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  /** Set on the managed role Discord gives a bot. */
  botId?: string;
}

export interface MemberRecord {
  userId: string;
  roleIds: string[];
  joinedAt: string;
}

export interface ChannelRecord {
  id: string;
  guildId: string | null;
  type: number;
  name: string;
  position: number;
  parentId: string | null;
  overwrites: Overwrite[];
  deleted: boolean;
  forcedError: ForcedError | null;
  /** DM channels only */
  recipientId?: string;
}

export interface GuildRecord {
  id: string;
  name: string;
  preferredLocale: string;
  ownerId: string;
  joinedAt: string;
  roles: Map<string, RoleRecord>;
  channelIds: string[];
  members: Map<string, MemberRecord>;
}

/** Everything the emulated Discord knows. Lookups throw the ApiError Discord would answer. */
export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, StoredMessage[]>();
  /** Ephemeral messages by id: not in any channel's history, but their components can be used. */
  readonly ephemeral = new Map<string, StoredMessage>();
  /** Uploaded files by attachment id, as the CDN serves them. */
  readonly cdn = new Map<string, CdnFile>();

  constructor(readonly bot: UserRecord) {
    this.users.set(bot.id, bot);
  }

  guild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw discordErrors.unknownGuild();
    return guild;
  }

  /** A live channel, or the error a deleted/unknown/force-failed channel answers with. */
  channel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (!channel || channel.deleted) throw discordErrors.unknownChannel();
    const forced = channel.forcedError;
    if (forced) throw injectedError(forced.status, forced.code, forced.message);
    return channel;
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw discordErrors.unknownUser();
    return user;
  }

  member(guildId: string, userId: string): MemberRecord {
    const member = this.guild(guildId).members.get(userId);
    if (!member) throw discordErrors.unknownMember();
    return member;
  }

  /** Threads take their permissions from the parent channel, as on Discord. */
  permissionsIn(channel: ChannelRecord, userId: string): bigint {
    if (!channel.guildId) return dmPermissions;
    const guild = this.guild(channel.guildId);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const source = channel.parentId ? this.channels.get(channel.parentId) : channel;
    return channelPermissions(permissionGuild(guild), member, source?.overwrites ?? []);
  }

  channelMessages(channelId: string): StoredMessage[] {
    let list = this.messages.get(channelId);
    if (!list) {
      list = [];
      this.messages.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, messageId: string): StoredMessage {
    const message = this.messages.get(channelId)?.find((m) => m.id === messageId);
    if (!message) throw discordErrors.unknownMessage();
    return message;
  }
}

// What a bot may do in a DM channel.
const dmPermissions =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis;

export function permissionGuild(guild: GuildRecord): PermissionGuild {
  return {
    id: guild.id,
    ownerId: guild.ownerId,
    rolePermissions: (roleId) => guild.roles.get(roleId)?.permissions ?? 0n,
  };
}
