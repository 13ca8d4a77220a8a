import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { DateTime } from "luxon";
import { startZoneHistory } from "../tests/helpers/zone-history.js";
import { openStore } from "../src/store/open-store.js";

/*
 * Helpers for the benchmarks that run the real bot process against the emulator
 * (bench/fanout.ts, bench/memory.ts).
 */

/** A zone where it is now mid-day, so a post time of "now" stays today for the whole run. */
export function middayZone(now: number): string {
  const zones = ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Berlin", "Asia/Kolkata"];
  return (
    zones.find((zone) => {
      const hour = DateTime.fromMillis(now, { zone }).hour;
      return hour >= 2 && hour <= 20;
    }) ?? "Pacific/Honolulu"
  );
}

export type DailyTarget = { guildId: string; channelId: string };

/**
 * Gives every server a daily post at the current minute, through the store's own repository
 * (so the rows keep whatever format the store uses), before the bot starts: its catch-up tick
 * on start then finds all of them due at once.
 */
export async function configureDailyNow(storeUrl: string, targets: DailyTarget[]): Promise<void> {
  const timeZone = middayZone(Date.now());
  const time = DateTime.now().setZone(timeZone).toFormat("HH:mm");
  const store = await openStore(storeUrl);
  const batch = 200;
  for (let i = 0; i < targets.length; i += batch) {
    await Promise.all(
      targets.slice(i, i + batch).map(({ guildId, channelId }) =>
        store.guilds.update(guildId, (settings) => ({
          ...settings,
          channelId,
          time,
          timeZone,
          zoneHistory: startZoneHistory(timeZone),
          enabled: true,
        })),
      ),
    );
  }
  await store.close();
}

/** Resident memory of a process in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type LiveBot = {
  pid: number;
  /** Resolves once a log line contained `text` (one of those watched), or rejects on exit. */
  waitForLog(text: string, timeoutMs: number): Promise<void>;
  stop(): Promise<number | null>;
};

/**
 * Runs the bot's real entry point as its own process, like tests/e2e/bot-process.ts: src/main.ts
 * through tsx, or with `built` the compiled dist/src/main.js that `npm start` runs. It keeps only
 * the last lines and which watched texts were seen: a fan-out logs megabytes, and scanning all
 * of it on every line would load the process that measures.
 */
export function startLiveBot(
  env: Record<string, string>,
  watch: readonly string[],
  options: { built?: boolean } = {},
): LiveBot {
  const root = join(import.meta.dirname, "..");
  const built = join(root, "dist", "src", "main.js");
  if (options.built && !existsSync(built)) throw new Error(`${built} is missing: npm run build`);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  // The built run uses the same node flags as `npm start` and the Dockerfile.
  const args = options.built
    ? ["--max-semi-space-size=4", built]
    : ["--import", tsx, join(root, "src", "main.ts")];
  const child = spawn(process.execPath, args, {
    cwd: tmpdir(), // keeps a developer's .env out
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const seen = new Set<string>();
  const last: string[] = [];
  const changed = new Set<() => void>();
  const onLine = (line: string) => {
    for (const text of watch) if (line.includes(text)) seen.add(text);
    last.push(line);
    if (last.length > 20) last.shift();
    changed.forEach((listener) => listener());
  };
  for (const stream of [child.stdout, child.stderr]) createInterface(stream).on("line", onLine);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  return {
    pid: child.pid ?? 0,
    waitForLog: (text, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => seen.has(text) && (cleanup(), resolve());
        const fail = (why: string) => {
          cleanup();
          reject(new Error(`bot ${why} before logging "${text}"; last lines:\n${last.join("\n")}`));
        };
        const timer = setTimeout(() => fail(`waited ${timeoutMs} ms`), timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          changed.delete(check);
        };
        void exited.then((code) => seen.has(text) || fail(`exited (${code})`));
        changed.add(check);
        check();
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
