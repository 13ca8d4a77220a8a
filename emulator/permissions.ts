export type PermissionInput = bigint | string | number;

export const Permission = {
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const ALL_PERMISSIONS = (1n << 51n) - 1n;

const SEND_DEPENDENT =
  Permission.SendTTSMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.MentionEveryone;

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface PermissionGuild {
  /** The @everyone role shares the guild's id. */
  id: string;
  ownerId: string;
  rolePermissions: (roleId: string) => bigint;
}

export interface PermissionMember {
  userId: string;
  roleIds: readonly string[];
}

export function toPermissionBits(value: PermissionInput): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

export function basePermissions(guild: PermissionGuild, member: PermissionMember): bigint {
  if (member.userId === guild.ownerId) return ALL_PERMISSIONS;
  let bits = guild.rolePermissions(guild.id);
  for (const roleId of member.roleIds) bits |= guild.rolePermissions(roleId);
  return (bits & Permission.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

/** Discord's documented overwrite order: @everyone, then roles together, then the member. */
export function channelPermissions(
  guild: PermissionGuild,
  member: PermissionMember,
  overwrites: readonly Overwrite[],
): bigint {
  const base = basePermissions(guild, member);
  if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
  const everyone = overwrites.find((o) => o.type === 0 && o.id === guild.id);
  let bits = applyOverwrite(base, everyone);
  const roles = overwrites.filter((o) => o.type === 0 && member.roleIds.includes(o.id));
  bits = applyOverwrite(bits, {
    allow: roles.reduce((acc, o) => acc | o.allow, 0n),
    deny: roles.reduce((acc, o) => acc | o.deny, 0n),
  });
  bits = applyOverwrite(
    bits,
    overwrites.find((o) => o.type === 1 && o.id === member.userId),
  );
  return withImplicitDenies(bits);
}

function applyOverwrite(bits: bigint, o: { allow: bigint; deny: bigint } | undefined): bigint {
  return o ? (bits & ~o.deny) | o.allow : bits;
}

// Discord hides a channel's other permissions when it cannot be viewed, and send-related ones
// when messages cannot be sent.
function withImplicitDenies(bits: bigint): bigint {
  if ((bits & Permission.ViewChannel) === 0n) return 0n;
  if ((bits & Permission.SendMessages) === 0n) return bits & ~SEND_DEPENDENT;
  return bits;
}
