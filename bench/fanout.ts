import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openStore } from "../src/store/open-store.js";
import { tempStoreUrl } from "../tests/e2e/bot-process.js";
import { Permission } from "../emulator/permissions.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type RequestRecord,
} from "../emulator/index.js";
import { printTable, type Sample } from "./harness.js";
import { configureDailyNow, startLiveBot } from "./live-bot.js";
import { measureAcks, printChecks, quantile, type AckSamples, type Check } from "./live-checks.js";

/*
 * Issue 5: the question of the day to N servers (default 10,000) at the same minute, through
 * the emulator enforcing Discord's global limit of 50 requests/s, with members interacting
 * meanwhile. 5% of the servers are broken: half refuse Send Messages (the bot's cache knows, so
 * no request), half lost their channel without the bot being told (one 404, then paused).
 *   npm run bench:fanout -- --servers 500
 */

const GLOBAL_LIMIT = 50;
const REQUESTS_PER_POST = 2; // the message and its thread
const [CONNECTED, DONE] = ['"msg":"connected to Discord"', '"msg":"catch-up tick done"'];

type Kind = "healthy" | "denied" | "deleted";
type Server = { guild: GuildHandle; kind: Kind };

/** Every 20th server is broken, alternately a refused permission and a silently deleted channel. */
const kindOf = (i: number): Kind =>
  i % 20 !== 10 ? "healthy" : i % 40 === 10 ? "denied" : "deleted";

function addServers(emu: Emulator, count: number): Server[] {
  return Array.from({ length: count }, (_, i) => {
    const guild = emu.addGuild({ name: `fan-out ${i}` });
    const kind = kindOf(i);
    if (kind === "denied")
      emu.setChannelPermissions(guild.channels.general, [
        { id: guild.botRoleId, type: 0, deny: Permission.SendMessages },
      ]);
    return { guild, kind };
  });
}

async function pauseCodes(storeUrl: string, servers: Server[]) {
  const store = await openStore(storeUrl);
  const codes = new Map<string, number | null>();
  for (const { guild } of servers.filter((s) => s.kind !== "healthy"))
    codes.set(guild.id, (await store.guilds.get(guild.id)).pause?.code ?? null);
  await store.close();
  return codes;
}

type Seen = Pick<RequestRecord, "method" | "path" | "at">;

/**
 * Moves the emulator's request records into a compact log as they come: the records keep every
 * body (~20,000 embeds in a full run), and the garbage collector's pauses on a heap that size
 * stall the emulator, which then stamps requests late and bunched.
 */
function drainRequests(emu: Emulator) {
  const seen: Seen[] = [];
  const drain = () => {
    for (const { method, path, at } of emu.requests.splice(0)) seen.push({ method, path, at });
  };
  const timer = setInterval(drain, 250);
  return () => {
    clearInterval(timer);
    drain();
    return seen;
  };
}

/** Most requests in any 1-second window, wherever it starts (`times` sorted). */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

// Discord counts every request made with the bot token; interaction callbacks and webhooks
// (authorised by the interaction token) are not counted.
const countsAgainstGlobal = (r: Seen) =>
  !r.path.startsWith("/interactions/") && !r.path.startsWith("/webhooks/");
const POST_PATH = /^\/channels\/(\d+)\/messages(?:\/\d+\/threads)?$/;

const row = (check: string, measured: number, target: number): Check => ({
  check,
  measured: String(measured),
  target: String(target),
  ok: measured === target,
});

function fanoutChecks(
  emu: Emulator,
  requests: Seen[],
  servers: Server[],
  pauses: Map<string, number | null>,
) {
  const channels = new Set(servers.map((s) => s.guild.channels.general));
  const fanout = requests.filter(
    (r) => r.method === "POST" && channels.has(POST_PATH.exec(r.path)?.[1] ?? ""),
  );
  const perChannel = new Map<string, number>();
  for (const r of fanout) {
    const channelId = POST_PATH.exec(r.path)?.[1] ?? "";
    perChannel.set(channelId, (perChannel.get(channelId) ?? 0) + 1);
  }
  const requestsTo = (list: Server[]) =>
    list.reduce((n, s) => n + (perChannel.get(s.guild.channels.general) ?? 0), 0);
  const of = (kind: Kind) => servers.filter((s) => s.kind === kind);
  const [healthy, denied, deleted] = [of("healthy"), of("denied"), of("deleted")];
  const postsIn = (s: Server) =>
    emu.messages(s.guild.channels.general).filter((m) => m.author.id === emu.botUserId).length;
  const pausedWith = (list: Server[], code: number) =>
    list.filter((s) => pauses.get(s.guild.id) === code).length;

  const times = fanout.map((r) => r.at).sort((a, b) => a - b);
  const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  const physical = (REQUESTS_PER_POST * healthy.length) / GLOBAL_LIMIT;
  const busiest = busiestSecond(
    requests
      .filter(countsAgainstGlobal)
      .map((r) => r.at)
      .sort((a, b) => a - b),
  );
  return [
    row(
      "healthy servers with exactly 1 post",
      healthy.filter((s) => postsIn(s) === 1).length,
      healthy.length,
    ),
    row("requests to healthy channels", requestsTo(healthy), REQUESTS_PER_POST * healthy.length),
    row("403 servers paused (50013)", pausedWith(denied, 50013), denied.length),
    row("requests to 403 channels", requestsTo(denied), 0),
    row("404 servers paused (10003)", pausedWith(deleted, 10003), deleted.length),
    row("requests to 404 channels", requestsTo(deleted), deleted.length),
    row("global 429s (emulator)", emu.globalRateLimitHits, 0),
    {
      // Context, not a verdict: the emulator's own stalls bunch its stamps (bench/README.md).
      check: "busiest 1 s of bot-token requests",
      measured: String(busiest),
      target: `(bot: ≤ ${GLOBAL_LIMIT})`,
      ok: null,
    },
    {
      check: "fan-out: first to last request",
      measured: `${fanout.length} in ${seconds.toFixed(1)} s (${(fanout.length / seconds).toFixed(1)}/s)`,
      target: "",
      ok: null,
    },
    {
      check: "time / physical limit (2 × healthy / 50 s)",
      measured: `${seconds.toFixed(1)} / ${physical.toFixed(1)} = ${(seconds / physical).toFixed(3)}`,
      target: "≤ 1.05",
      ok: seconds / physical <= 1.05,
    },
  ];
}

const p99 = (ms: (number | undefined)[]) =>
  quantile(
    ms.map((v) => v ?? Number.POSITIVE_INFINITY),
    0.99,
  );

function interactionChecks(busy: AckSamples): Check[] {
  return [
    {
      check: "interaction ack p99 during the fan-out",
      measured: `${p99(busy.ackMs).toFixed(0)} ms (n=${busy.ackMs.length})`,
      target: "< 1000 ms",
      ok: p99(busy.ackMs) < 1000,
    },
    {
      check: "deferred answer edited, p99",
      measured: `${p99(busy.editMs).toFixed(0)} ms (n=${busy.editMs.length})`,
      target: "",
      ok: null,
    },
  ];
}

const sample = (name: string, ms: (number | undefined)[]): Sample => {
  const values = ms.map((v) => v ?? Number.POSITIVE_INFINITY);
  return { name, p50: quantile(values, 0.5), p95: quantile(values, 0.95), runs: values.length };
};

/** Stalls of this process (the emulator) shift when requests seem to arrive: noise, not the bot. */
const rigNoise = (delay: IntervalHistogram): Check => ({
  check: "event-loop stalls of the emulator's process",
  measured: `p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${(delay.max / 1e6).toFixed(0)} ms`,
  target: "",
  ok: null,
});

function report(serverCount: number, checks: Check[], busy: AckSamples, idle: AckSamples) {
  const during = `during a ${serverCount}-server fan-out`;
  printTable(`Interaction ack ${during}`, sample("ack, idle bot (baseline)", idle.ackMs), [
    sample("ack during the fan-out", busy.ackMs),
  ]);
  printTable(`Answer edited ${during}`, sample("edited, idle bot (baseline)", idle.editMs), [
    sample("edited during the fan-out", busy.editMs),
  ]);
  printChecks(`Daily fan-out to ${serverCount} servers, global limit ${GLOBAL_LIMIT}/s`, [
    ...checks,
    ...interactionChecks(busy),
  ]);
}

export async function benchFanout(serverCount: number): Promise<void> {
  const emu = await startEmulator({ globalRateLimit: GLOBAL_LIMIT, waitTimeoutMs: 10_000 });
  const storeUrl = await tempStoreUrl();
  const servers = addServers(emu, serverCount);
  const lounge = emu.addGuild({ name: "members", channels: [{ name: "chat" }] });
  const member = emu.addMember(lounge.id, { username: "asker", locale: "en-US" });
  const targets = servers.map(({ guild }) => ({
    guildId: guild.id,
    channelId: guild.channels.general,
  }));
  await configureDailyNow(storeUrl, targets);

  const env = { DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.apiUrl, STORE_URL: storeUrl };
  const bot = startLiveBot({ ...env, LOG_LEVEL: "info" }, [CONNECTED, DONE]);
  try {
    await emu.waitForIdentify({ timeoutMs: 120_000 });
    // The bot holds the channels now; deleting them unannounced leaves only REST to tell it.
    for (const { guild } of servers.filter((s) => s.kind === "deleted"))
      emu.deleteChannel(guild.channels.general, { notify: false });
    await bot.waitForLog(CONNECTED, 120_000);
    const target = { emu, guildId: lounge.id, channelId: lounge.channels["chat"] ?? "", member };
    const requests = drainRequests(emu);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const during = measureAcks(target, 500);
    const fanoutMs = (REQUESTS_PER_POST * serverCount * 1000) / GLOBAL_LIMIT;
    await bot.waitForLog(DONE, 2 * fanoutMs + 120_000);
    const busy = await during.stop();
    delay.disable();
    const idle = await measureAcks(target, 100).stopAfter(40);
    await bot.stop();
    const pauses = await pauseCodes(storeUrl, servers);
    const checks = [...fanoutChecks(emu, requests(), servers, pauses), rigNoise(delay)];
    report(serverCount, checks, busy, idle);
  } finally {
    await bot.stop();
    await emu.close();
  }
}

const { values } = parseArgs({ options: { servers: { type: "string", default: "10000" } } });
await benchFanout(Number(values.servers));
