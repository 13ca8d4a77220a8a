import { nextSnowflake } from "./snowflake.js";
import type { ChannelRecord, EmulatorState, UserRecord } from "./state.js";

export function addUser(
  state: EmulatorState,
  options: { id?: string; username: string; locale?: string; globalName?: string },
): UserRecord {
  const user: UserRecord = {
    id: options.id ?? nextSnowflake(),
    username: options.username,
    globalName: options.globalName ?? null,
    bot: false,
    locale: options.locale ?? "en-US",
  };
  state.users.set(user.id, user);
  return user;
}

/** The DM channel between the bot and a user, created on first use like Discord does. */
export function dmChannelFor(state: EmulatorState, userId: string): ChannelRecord {
  for (const channel of state.channels.values()) {
    if (channel.recipientId === userId) return channel;
  }
  const channel: ChannelRecord = {
    id: nextSnowflake(),
    guildId: null,
    type: 1,
    name: "",
    position: 0,
    parentId: null,
    overwrites: [],
    deleted: false,
    forcedError: null,
    recipientId: userId,
  };
  state.channels.set(channel.id, channel);
  return channel;
}
