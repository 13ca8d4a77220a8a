import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Events } from "discord.js";
import { DateTime } from "luxon";
import { commands } from "../commands/index.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { registerCommands } from "../src/discord/register-commands.js";
import { nextPostAt } from "../src/domain/schedule.js";
import type { Logger } from "../src/log.js";
import { projectRoot } from "../src/paths.js";
import { EventStream } from "./events.js";
import { PlaygroundError } from "./errors.js";
import type { InteractionDeps } from "./interactions.js";
import { MessageLog } from "./message-log.js";
import { startHttpServer } from "./server.js";
import { buildWorld, type World } from "./world.js";

export type PlaygroundOptions = {
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A temporary store, removed on close, instead of data/playground.sqlite. */
  fresh?: boolean;
  log: Logger;
  /** The server's zone for its daily post; defaults to this machine's. */
  timeZone?: string;
  /** The bot's minute tick (node-cron); tests run the tick through clock jumps alone. */
  schedule?: boolean;
};

export type ClockJump = "next-post" | "tomorrow" | "week";

export type Playground = {
  url: string;
  emu: Emulator;
  app: App;
  world: World;
  deps: InteractionDeps;
  state(): Promise<Record<string, unknown>>;
  jump(to: ClockJump): Promise<{ now: number }>;
  close(): Promise<void>;
};

const DAY_MS = 24 * 60 * 60_000;

/**
 * The emulator with the playground's server, the real bot in this process logged in to it (its
 * clock is the emulator's), its commands registered the way `npm run deploy` does, the daily
 * post switched on in #daily, and the HTTP server of playground/API.md.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const dataDir = options.fresh
    ? mkdtempSync(join(tmpdir(), "daily-drill-playground-"))
    : join(projectRoot(), "data");
  mkdirSync(dataDir, { recursive: true });
  const storeUrl = `sqlite://${join(dataDir, "playground.sqlite")}`;
  const clockFile = join(dataDir, "playground-clock.json");

  const emu = await startEmulator();
  // A kept store remembers the days it lived through: the clock goes on from where it was left.
  emu.advanceClock(savedOffset(clockFile));
  const world = buildWorld(emu);
  const events = new EventStream();
  const messages = new MessageLog(events);
  const unwatch = emu.watch(messages.onEvent);

  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: storeUrl,
    DEV_GUILD_ID: world.guild.id,
  });
  await registerCommands(config, commands);
  const app = await createApp(config, options.log, {
    now: () => emu.now(),
    schedule: options.schedule ?? true,
  });
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  await switchDailyPostOn(app, world, timeZone, emu.now());
  const ready = once(app.client, Events.ClientReady);
  await app.start();
  await ready;
  await app.tick(emu.now());

  const deps: InteractionDeps = { emu, world, events, messages, modals: new Map() };
  const playground: Omit<Playground, "url" | "close"> = {
    emu,
    app,
    world,
    deps,
    async state() {
      const settings = await app.ctx.guilds.get(world.guild.id);
      return {
        guild: { id: world.guild.id, name: world.guild.name },
        bot: { id: emu.botUserId, name: "Daily Drill" },
        channels: emu.channelsOf(world.guild.id),
        dailyChannelId: world.dailyChannelId,
        members: world.members,
        commands: [
          ...emu.registeredCommands({ guildId: world.guild.id }),
          ...emu.registeredCommands(),
        ],
        now: emu.now(),
        timeZone: settings.timeZone,
        messages: messages.all(),
      };
    },
    async jump(to) {
      const target = await jumpTarget(app, world, emu.now(), to);
      // The bot lives through the time jumped over, as a running bot would: each day's post, and
      // the weekly digest after its day's post, go out on their day, not as one catch-up.
      let at: number | null;
      while ((at = await postBefore(app, world, emu.now(), target)) !== null) {
        moveClockTo(emu, at);
        await app.tick(at);
      }
      moveClockTo(emu, target);
      if (!options.fresh) writeFileSync(clockFile, JSON.stringify({ offsetMs: offsetOf(emu) }));
      events.send("clock", { now: emu.now() });
      await app.tick(emu.now());
      return { now: emu.now() };
    },
  };
  const server = await startHttpServer(playground, {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    ...playground,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    async close() {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop(1_000);
      unwatch();
      await emu.close();
      if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Turns the daily post on in #daily, at the last quarter hour in the visitor's zone, so the
 * first question is due as the playground starts; a kept store keeps its own settings.
 */
async function switchDailyPostOn(app: App, world: World, timeZone: string, now: number) {
  await app.ctx.guilds.update(world.guild.id, (settings) => {
    if (settings.channelId) return settings;
    const local = DateTime.fromMillis(now, { zone: timeZone });
    const time = local.set({ minute: local.minute - (local.minute % 15) }).toFormat("HH:mm");
    return {
      ...settings,
      channelId: world.dailyChannelId,
      time,
      timeZone,
      zoneHistory: [{ zone: timeZone, from: 0 }],
      enabled: true,
    };
  });
}

async function jumpTarget(app: App, world: World, now: number, to: ClockJump): Promise<number> {
  if (to === "tomorrow") return now + DAY_MS;
  if (to === "week") return now + 7 * DAY_MS;
  if (to !== "next-post") throw new PlaygroundError(`Unknown jump ${String(to)}.`);
  const settings = await app.ctx.guilds.get(world.guild.id);
  const at = settings.enabled
    ? nextPostAt(settings, now, settings.lastPost?.day, app.ctx.graceMs)
    : null;
  if (at === null || settings.pause)
    throw new PlaygroundError(
      "The daily post is off in this server: an admin turns it on with /config.",
    );
  return Math.max(now, at);
}

/** The next daily post after `now` and before `target`, or null (always later: the loop ends). */
async function postBefore(app: App, world: World, now: number, target: number) {
  const settings = await app.ctx.guilds.get(world.guild.id);
  if (!settings.enabled || settings.pause) return null;
  const at = nextPostAt(settings, now, settings.lastPost?.day, app.ctx.graceMs);
  return at !== null && at > now && at < target ? at : null;
}

/** Forward to `instant`, or stays: the clock ran on while the bot worked, and never runs back. */
function moveClockTo(emu: Emulator, instant: number): void {
  emu.advanceClock(Math.max(0, instant - emu.now()));
}

function offsetOf(emu: Emulator): number {
  return Math.max(0, emu.now() - Date.now());
}

function savedOffset(file: string): number {
  try {
    const { offsetMs } = JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: unknown };
    return typeof offsetMs === "number" && offsetMs > 0 ? offsetMs : 0;
  } catch {
    return 0; // no clock saved yet: the playground starts at the real time
  }
}
