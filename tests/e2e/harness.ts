import { once } from "node:events";
import { Events } from "discord.js";
import { DateTime } from "luxon";
import { pino } from "pino";
import { openStore } from "../../src/store/open-store.js";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Emulator, MemberHandle, GuildHandle } from "../../emulator/index.js";

/** A clock the test moves; the app reads it wherever the bot would read the time. */
export type Clock = { now: number };

/**
 * The bot's real composition (src/app.ts) with the real discord.js client logged in to the
 * emulator, in this process, so a test can run the scheduler's tick at chosen instants.
 */
export async function startInProcessApp(
  emu: Emulator,
  storeUrl: string,
  clock: Clock,
  env: Record<string, string> = {},
): Promise<App> {
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: storeUrl,
    ...env,
  });
  const app = await createApp(config, pino({ level: "silent" }), {
    schedule: false,
    now: () => clock.now,
  });
  const ready = once(app.client, Events.ClientReady);
  await app.start();
  await ready;
  return app;
}

type Option = { name: string; type: number; value: string | number };

/** A slash command as the member would type it: `/command sub value`. */
export function slash(
  emu: Emulator,
  guild: GuildHandle,
  member: MemberHandle,
  command: string,
  sub: string,
  options: Option[] = [],
) {
  return emu.interact({
    guildId: guild.id,
    channelId: guild.channels.general,
    user: member,
    locale: member.locale,
    type: "command",
    name: command,
    options: [{ type: 1, name: sub, options }],
  });
}

/** The ephemeral reply of a deferred command: the edit of @original. */
export async function deferredReply(handle: ReturnType<Emulator["interact"]>) {
  const callback = await handle.callback();
  if (callback.type !== 5) return callback.data ?? {};
  return handle.edited();
}

/** A zone where it is now mid-day, so "half an hour ago" is today there whatever the hour in UTC. */
function middayZone(now: number): string {
  const zones = [
    "UTC",
    "Asia/Tokyo",
    "America/New_York",
    "Europe/Berlin",
    "Pacific/Honolulu",
    "Asia/Kolkata",
  ];
  return zones.find((zone) => {
    const hour = DateTime.fromMillis(now, { zone }).hour;
    return hour >= 3 && hour <= 20;
  })!;
}

/**
 * Turns the server's daily post on, written straight into the store as /config would leave it,
 * with a post time half an hour ago: a bot that starts now owes it today's post (catch-up).
 */
export async function configureDueNow(storeUrl: string, guild: GuildHandle): Promise<void> {
  const timeZone = middayZone(Date.now());
  const time = DateTime.now().setZone(timeZone).minus({ minutes: 30 }).toFormat("HH:mm");
  const store = await openStore(storeUrl);
  await store.guilds.update(guild.id, (s) => ({
    ...s,
    channelId: guild.channels.general,
    time,
    timeZone,
    zoneHistory: [{ zone: timeZone, from: 0 }],
    enabled: true,
  }));
  await store.close();
}
