import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { tempStoreUrl } from "../tests/e2e/bot-process.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { configureDailyNow, rssMb, sleep, startLiveBot } from "./live-bot.js";
import { printChecks } from "./live-checks.js";

/*
 * Issue 5: resident memory of one bot process (one shard) holding 1,000 servers, after READY and
 * a catch-up tick that posted to all of them, beside a bare Node process measured in the same
 * run. Target: 150 MB.   npm run bench:memory [-- --servers 1000 --seconds 20 --source]
 * It runs the compiled bot (the script builds first), as `npm start` does; --source runs
 * src/main.ts through tsx instead, whose loader alone adds some 35 MB.
 */

const TARGET_MB = 150;
const GUILDS_INTENT = 1;
const [CONNECTED, DONE] = ['"msg":"connected to Discord"', '"msg":"catch-up tick done"'];

/** A server as a small community has it: five channels, four roles, three members and the bot. */
function addServers(emu: Emulator, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const guild = emu.addGuild({
      name: `memory ${i}`,
      channels: [{ name: "help" }, { name: "random" }, { name: "interview-prep" }],
    });
    for (const name of ["ada", "lin"])
      emu.addMember(guild.id, { username: `${name}-${i}`, permissions: "1024" });
    return { guildId: guild.id, channelId: guild.channels.general };
  });
}

/** Highest RSS of `pid` over `seconds`, read every second. */
async function peakRss(pid: number, seconds: number): Promise<number> {
  let peak = 0;
  for (let i = 0; i < seconds; i++) {
    peak = Math.max(peak, await rssMb(pid));
    await sleep(1000);
  }
  return peak;
}

/** An idle Node process (with extra flags, e.g. tsx's loader): the floor any Node bot starts from. */
async function idleNodeRss(flags: string[]): Promise<number> {
  const child = spawn(process.execPath, [...flags, "-e", "setInterval(() => {}, 1000)"]);
  try {
    await sleep(1500);
    return await rssMb(child.pid ?? 0);
  } finally {
    child.kill();
  }
}

export async function benchMemory(serverCount: number, seconds: number, fromSource: boolean) {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const bare = await idleNodeRss([]);
  const withTsx = await idleNodeRss(["--import", tsx]);

  const emu = await startEmulator();
  const storeUrl = await tempStoreUrl();
  await configureDailyNow(storeUrl, addServers(emu, serverCount));
  const env = { DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.apiUrl, STORE_URL: storeUrl };
  const bot = startLiveBot({ ...env, LOG_LEVEL: "info" }, [CONNECTED, DONE], {
    built: !fromSource,
  });
  try {
    await bot.waitForLog(CONNECTED, 120_000);
    const atReady = await rssMb(bot.pid);
    await bot.waitForLog(DONE, 10 * 60_000);
    const intents = emu.gatewayLog.find((entry) => entry.kind === "identify")?.intents;
    await sleep(2000); // settle: the last posts' garbage goes
    const peak = await peakRss(bot.pid, seconds);
    const how = fromSource ? "tsx" : "built";
    printChecks(`RSS of one bot process holding ${serverCount} servers (MB)`, [
      { check: "bare node (baseline)", measured: bare.toFixed(1), target: "", ok: null },
      { check: "node + tsx loader", measured: withTsx.toFixed(1), target: "", ok: null },
      { check: `bot (${how}), at READY`, measured: atReady.toFixed(1), target: "", ok: null },
      {
        check: `bot (${how}), max over ${seconds} s after the catch-up tick`,
        measured: `${peak.toFixed(1)} (${(peak / bare).toFixed(2)} × baseline)`,
        target: `≤ ${TARGET_MB}`,
        ok: peak <= TARGET_MB,
      },
      {
        check: "intents sent with IDENTIFY",
        measured: String(intents),
        target: `${GUILDS_INTENT} (Guilds)`,
        ok: intents === GUILDS_INTENT,
      },
    ]);
  } finally {
    await bot.stop();
    await emu.close();
  }
}

const { values } = parseArgs({
  options: {
    servers: { type: "string", default: "1000" },
    seconds: { type: "string", default: "20" },
    source: { type: "boolean", default: false },
  },
});
await benchMemory(Number(values.servers), Number(values.seconds), values.source);
