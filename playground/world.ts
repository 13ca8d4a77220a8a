import type { Emulator, GuildHandle } from "../emulator/index.js";
import { Permission } from "../emulator/permissions.js";

/** Someone the visitor can act as (the member switcher). */
export type PlaygroundMember = {
  id: string;
  name: string;
  locale: "zh-CN" | "en-US";
  /** Holds Manage Server, so /config is offered (and allowed) to them. */
  admin: boolean;
};

export type World = {
  guild: GuildHandle;
  dailyChannelId: string;
  members: PlaygroundMember[];
};

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Fixed ids, so a kept playground store (data/playground.sqlite) meets the same server, channel
 * and members on the next run and streaks carry over. Real snowflakes: discord.js reads their time.
 */
const fixedId = (n: number) =>
  (((BigInt(Date.UTC(2025, 0, 1)) - DISCORD_EPOCH) << 22n) | BigInt(n)).toString();

const MEMBERS: Array<PlaygroundMember & { username: string }> = [
  { id: fixedId(11), username: "ada", name: "Ada", locale: "en-US", admin: true },
  { id: fixedId(12), username: "lilei", name: "李雷", locale: "zh-CN", admin: false },
  { id: fixedId(13), username: "sam", name: "Sam", locale: "en-US", admin: false },
  { id: fixedId(14), username: "meimei", name: "韩梅梅", locale: "zh-CN", admin: true },
];

/** The playground's server: #daily for the question of the day, a few other channels, members. */
export function buildWorld(emu: Emulator): World {
  const guild = emu.addGuild({
    id: fixedId(1),
    name: "Daily Drill Playground",
    channels: [
      { id: fixedId(2), name: "daily", type: 0 },
      { id: fixedId(3), name: "random", type: 0 },
    ],
  });
  const members = MEMBERS.map(({ username, ...member }) => {
    emu.addMember(guild.id, {
      id: member.id,
      username,
      globalName: member.name,
      locale: member.locale,
      ...(member.admin ? { permissions: Permission.ManageGuild } : {}),
    });
    return member;
  });
  return { guild, dailyChannelId: guild.channels["daily"] ?? "", members };
}
