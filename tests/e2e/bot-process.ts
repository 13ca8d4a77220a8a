import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..", "..");

export type BotProcess = {
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when a log line contains `text` (or rejects when the process exits first). */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<number | null>;
  /** kill -9: the process ends at once, mid-write if it is writing. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
};

/** A fresh SQLite URL in its own temp folder, as a first start would have. */
export async function tempStoreUrl(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "daily-drill-e2e-"));
  return `sqlite://${join(dir, "drill.sqlite")}`;
}

/**
 * Runs the bot's real entry point, src/main.ts, as its own process (through tsx so no build
 * step is needed). Only the variables given here plus PATH reach it.
 */
export function startBot(
  env: Record<string, string>,
  options: { entry?: string; cwd?: string } = {},
): BotProcess {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const entry = join(ROOT, options.entry ?? "src/main.ts");
  // A working directory of its own keeps a developer's .env out of the test.
  const child: ChildProcess = spawn(process.execPath, ["--import", tsx, entry], {
    cwd: options.cwd ?? tmpdir(),
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );

  return {
    output: () => output,
    exited,
    waitForLog(text, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`bot did not log "${text}" within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exited.then((code) => {
          if (!output.includes(text)) {
            cleanup();
            reject(new Error(`bot exited (${code}) before logging "${text}"; output:\n${output}`));
          }
        });
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
