import type { Emulator, MemberHandle } from "../emulator/index.js";
import { sleep } from "./live-bot.js";

/*
 * Members' traffic while the bot is busy, as the emulator sees it, and the table of checks
 * against the issue's targets (bench/fanout.ts, bench/memory.ts).
 */

/** The value at quantile `q` (0..1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export type Check = { check: string; measured: string; target: string; ok: boolean | null };

/** One row per figure with its target from the issue; null `ok` = reported, no target. */
export function printChecks(title: string, checks: Check[]): void {
  console.log(`\n${title}`);
  console.table(
    checks.map(({ check, measured, target, ok }) => ({
      check,
      measured,
      target,
      "": ok === null ? "" : ok ? "✓" : "✗",
    })),
  );
}

export type AckTarget = {
  emu: Emulator;
  guildId: string;
  channelId: string;
  member: MemberHandle;
};

/**
 * Per interaction sent: ms to its acknowledgement, and for an answer (deferred, then edited over
 * the interaction webhook) ms until the edit arrived; undefined when it never came.
 */
export type AckSamples = { ackMs: (number | undefined)[]; editMs: (number | undefined)[] };

function interactOnce(target: AckTarget, n: number) {
  const base = {
    guildId: target.guildId,
    channelId: target.channelId,
    user: target.member,
  };
  // Every other one is an answer, as members answering the day's question would send.
  return n % 2 === 0
    ? target.emu.interact({
        ...base,
        type: "command",
        name: "question",
        options: [{ type: 1, name: "ask", options: [] }],
      })
    : target.emu.interact({
        ...base,
        type: "modal",
        customId: "question:submit:3",
        components: [{ customId: "answer", value: "quantization, pruning, distillation" }],
      });
}

/**
 * Sends an interaction every `everyMs` as members would, alternating `/question ask` (answered at
 * once) and an answer submission (deferred, then edited), and records what the emulator saw.
 */
export function measureAcks(target: AckTarget, everyMs: number) {
  const samples: AckSamples = { ackMs: [], editMs: [] };
  const pending: Promise<void>[] = [];
  const send = () => {
    const n = pending.length;
    const sentAt = Date.now();
    const handle = interactOnce(target, n);
    const acked = handle.callback(5_000).then(
      () => void samples.ackMs.push(handle.ackMs),
      () => void samples.ackMs.push(undefined),
    );
    const edited =
      n % 2 === 0
        ? Promise.resolve()
        : handle.edited(5_000).then(
            () => void samples.editMs.push(Date.now() - sentAt),
            () => void samples.editMs.push(undefined),
          );
    pending.push(Promise.all([acked, edited]).then(() => undefined));
  };
  const timer = setInterval(send, everyMs);
  const stop = async (): Promise<AckSamples> => {
    clearInterval(timer);
    await Promise.all(pending);
    return samples;
  };
  return {
    stop,
    /** Stops once `count` interactions were sent. */
    async stopAfter(count: number): Promise<AckSamples> {
      while (pending.length < count) await sleep(everyMs);
      return stop();
    },
  };
}
