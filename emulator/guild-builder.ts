import { nextSnowflake } from "./snowflake.js";
import { Permission, toPermissionBits, type Overwrite } from "./permissions.js";
import type { ChannelRecord, EmulatorState, GuildRecord } from "./state.js";
import { addUser } from "./users.js";
import type {
  AddGuildOptions,
  AddMemberOptions,
  ChannelInput,
  GuildHandle,
  MemberHandle,
  OverwriteInput,
} from "./types.js";

// Close to the permissions Discord gives @everyone in a new server.
const DEFAULT_EVERYONE =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.SendMessagesInThreads;

// What an invite link for a question-posting bot would ask for.
const DEFAULT_BOT = DEFAULT_EVERYONE | Permission.ManageThreads | Permission.ManageMessages;

export function addGuild(state: EmulatorState, options: AddGuildOptions): GuildHandle {
  const id = options.id ?? nextSnowflake();
  const owner = addUser(state, { username: `owner-${id.slice(-4)}` });
  const botRoleId = nextSnowflake();
  const guild: GuildRecord = {
    id,
    name: options.name ?? "Emulated Guild",
    preferredLocale: options.preferredLocale ?? "en-US",
    ownerId: owner.id,
    joinedAt: new Date().toISOString(),
    roles: new Map([
      [
        id,
        {
          id,
          name: "@everyone",
          permissions: bits(options.everyonePermissions, DEFAULT_EVERYONE),
          position: 0,
        },
      ],
      [
        botRoleId,
        {
          id: botRoleId,
          name: state.bot.username,
          permissions: bits(options.botPermissions, DEFAULT_BOT),
          position: 1,
          botId: state.bot.id,
        },
      ],
    ]),
    channelIds: [],
    members: new Map(),
  };
  state.guilds.set(id, guild);
  guild.members.set(owner.id, { userId: owner.id, roleIds: [], joinedAt: guild.joinedAt });
  guild.members.set(state.bot.id, {
    userId: state.bot.id,
    roleIds: [botRoleId],
    joinedAt: guild.joinedAt,
  });
  const inputs: ChannelInput[] = [
    { name: "general", type: 0 },
    { name: "announcements", type: 5 },
    ...(options.channels ?? []),
  ];
  const channels: Record<string, string> = {};
  for (const input of inputs) channels[input.name] = addChannel(state, guild, input).id;
  return {
    id,
    name: guild.name,
    everyoneRoleId: id,
    botRoleId,
    ownerId: owner.id,
    channels: {
      general: channels["general"] ?? "",
      announcements: channels["announcements"] ?? "",
      ...channels,
    },
  };
}

export function addChannel(
  state: EmulatorState,
  guild: GuildRecord,
  input: ChannelInput,
): ChannelRecord {
  const channel: ChannelRecord = {
    id: input.id ?? nextSnowflake(),
    guildId: guild.id,
    type: input.type ?? 0,
    name: input.name,
    position: guild.channelIds.length,
    parentId: null,
    overwrites: (input.overwrites ?? []).map(toOverwrite),
    deleted: false,
    forcedError: null,
  };
  state.channels.set(channel.id, channel);
  guild.channelIds.push(channel.id);
  return channel;
}

export function addMember(
  state: EmulatorState,
  guildId: string,
  options: AddMemberOptions,
): MemberHandle {
  const guild = state.guild(guildId);
  const user = addUser(state, options);
  const roleIds = [...(options.roleIds ?? [])];
  if (options.permissions !== undefined) {
    const roleId = nextSnowflake();
    guild.roles.set(roleId, {
      id: roleId,
      name: `${user.username}-role`,
      permissions: toPermissionBits(options.permissions),
      position: guild.roles.size,
    });
    roleIds.push(roleId);
  }
  guild.members.set(user.id, { userId: user.id, roleIds, joinedAt: new Date().toISOString() });
  return { id: user.id, username: user.username, locale: user.locale, guildId, roleIds };
}

export function toOverwrite(input: OverwriteInput): Overwrite {
  return {
    id: input.id,
    type: input.type,
    allow: bits(input.allow, 0n),
    deny: bits(input.deny, 0n),
  };
}

function bits(value: AddGuildOptions["botPermissions"], fallback: bigint): bigint {
  return value === undefined ? fallback : toPermissionBits(value);
}
