import { afterEach, describe, expect, test } from "vitest";
import { t } from "../../src/discord/i18n.js";
import { languageFor } from "../../src/domain/locale.js";
import { dayKeyIn } from "../../src/domain/schedule.js";
import { openStore } from "../../src/store/open-store.js";
import { startBot, tempStoreUrl, type BotProcess } from "../e2e/bot-process.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type InteractionHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { configureDueNow } from "../e2e/harness.js";
import { rounds } from "./fault-rounds.js";
import { memberAnswers } from "../helpers/store-reads.js";

/*
 * SIGTERM under load, with the real bot process: the catch-up tick is fanning out to many
 * servers (Discord slow to answer), members' answers are in flight (their edits slow too), and
 * more answers keep arriving after the signal. Every answer ends handled in full or told
 * "restarting"; none is left on "thinking…"; the tick claims no server after the signal; the
 * process exits 0 within 10 s.
 */

const DUE_SERVERS = 96;
/** The tick's parallel lanes (src/scheduler/tick.ts): at most this many posts in flight. */
const LANES = 16;
/** Bytes already on the way when the client stops reading are dropped too. */
const CLOSE_MARGIN_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emu: Emulator | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.stop();
  await emu?.close();
  bot = emu = undefined;
});

/** When the bot logged `msg` (pino's `time`, the same clock as the test's). */
function logTime(bot: BotProcess, msg: string): number {
  const line = bot
    .output()
    .split("\n")
    .find((text) => text.includes(`"msg":"${msg}"`));
  return line ? (JSON.parse(line) as { time: number }).time : Number.POSITIVE_INFINITY;
}

type Fate = "saved" | "restarting" | "left thinking" | "no answer";

/** What the member saw in the end, in their language. */
function fateOf(handle: InteractionHandle, member: MemberHandle): Fate {
  const lang = languageFor(member.locale);
  const SAVED = t(lang, "result.title", { number: 3 });
  const RESTARTING = t(lang, "error.restarting");
  const edited = handle.edits.at(-1);
  const callback = handle.reply;
  const title = (body: { embeds?: unknown[] | null } | undefined) =>
    (body?.embeds?.[0] as { title?: string } | undefined)?.title;
  if (edited) {
    if (title(edited) === SAVED) return "saved";
    if (edited.content === RESTARTING) return "restarting";
  }
  if (callback?.content === RESTARTING) return "restarting";
  return handle.ackMs === undefined ? "no answer" : "left thinking";
}

describe("SIGTERM with answers arriving before and after the signal", () => {
  test.each(Array.from({ length: rounds(1, 5) }, (_, round) => round))(
    "GIVEN a fan-out and answers in flight THEN every answer is finished or told to retry, nothing new is claimed, exit 0 within 10 s (round %i)",
    async (round) => {
      // Round 0 keeps the plain schedule; later rounds (the long form) move every moment a little.
      const jitter = () => (round === 0 ? 0 : Math.floor(Math.random() * 400));
      emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
      const storeUrl = await tempStoreUrl();
      const due: GuildHandle[] = [];
      for (let i = 0; i < DUE_SERVERS; i++) {
        const guild = emu.addGuild({ name: `due ${i}` });
        await configureDueNow(storeUrl, guild);
        due.push(guild);
      }
      const home = emu.addGuild({ name: "members" });
      const members: MemberHandle[] = Array.from({ length: 25 }, (_, i) =>
        emu!.addMember(home.id, { username: `m${i}`, locale: i % 2 ? "en-US" : "zh-CN" }),
      );
      // A slow Discord: each post and each answer's edit takes a while to be answered.
      emu.delayNext({ method: "POST", path: /^\/channels\/\d+\/messages$/, ms: 1_000, times: 99 });
      emu.delayNext({ method: "PATCH", path: /\/messages\/@original$/, ms: 2_500, times: 99 });

      bot = startBot({
        DISCORD_TOKEN: emu.token,
        DISCORD_API_URL: emu.apiUrl,
        STORE_URL: storeUrl,
      });
      await bot.waitForLog("connected to Discord");
      let next = 0;
      const submit = () => {
        const member = members[next++]!;
        const handle = emu!.interact({
          guildId: home.id,
          user: member,
          type: "modal",
          customId: "question:submit:3",
          components: [{ customId: "answer", value: "quantization, pruning, distillation" }],
        });
        return { member, handle, at: Date.now() };
      };
      const before = Array.from({ length: 10 }, submit);
      await Promise.all(before.map(({ handle }) => handle.callback()));
      await sleep(jitter());

      const signalAt = Date.now();
      const exited = bot.stop();
      const after: ReturnType<typeof submit>[] = [];
      let undelivered = 0;
      for (const at of [100, 1_500, 3_000, 4_500, 5_500].map((ms) => ms + jitter())) {
        await sleep(signalAt + at - Date.now());
        for (let i = 0; i < 3; i++) {
          try {
            after.push(submit());
          } catch {
            undelivered += 1; // the bot had left the gateway: Discord would not deliver it either
          }
        }
      }
      const code = await exited;
      const exitMs = Date.now() - signalAt;

      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(10_000);
      const fates = [...before, ...after].map(({ handle, member }) => fateOf(handle, member));
      // Sent while the bot was leaving the gateway: it never read them (nor would it on Discord).
      const closingAt = logTime(bot, "closing the gateway");
      const inClose = [...before, ...after].map(({ at }) => at >= closingAt - CLOSE_MARGIN_MS);
      expect(fates.filter((fate) => fate === "left thinking")).toEqual([]);
      expect(fates.filter((fate, i) => fate === "no answer" && !inClose[i])).toEqual([]);
      const lostInClose = fates.filter((fate) => fate === "no answer").length;
      expect(fates.slice(0, before.length)).toEqual(before.map(() => "saved"));
      expect(fates.filter((fate) => fate === "restarting").length).toBeGreaterThan(0);

      const store = await openStore(storeUrl);
      try {
        for (const [index, { member }] of [...before, ...after].entries()) {
          const stored = await memberAnswers(storeUrl, home.id, member.id);
          if (fates[index] === "saved") expect(stored).toHaveLength(1);
        }
        // The tick claimed only what its lanes held at the signal; each claim was finished. A
        // lane that took a server before the signal may claim it just after (the claim follows
        // reads), so what is counted is the claims made once the bot had the signal (its log
        // line, on the claims' clock): at most one a lane. How many lanes had moved on before
        // the signal depends on the machine's speed (32 of 48 in one CI run), so not the total.
        const stoppingAt = logTime(bot, "shutting down: finishing in-flight work");
        expect(stoppingAt).toBeLessThan(Number.POSITIVE_INFINITY);
        const posts = await Promise.all(
          due.map(async (guild) => {
            const settings = await store.guilds.get(guild.id);
            return store.posts.get(guild.id, dayKeyIn(signalAt, settings.timeZone));
          }),
        );
        const claimed = posts.filter((post) => post !== undefined);
        const claimedLate = claimed.filter((post) => post.claimedAt > stoppingAt);
        expect(claimedLate.length).toBeLessThanOrEqual(LANES);
        expect(claimed.length).toBeLessThan(DUE_SERVERS); // the signal came mid fan-out
        expect(claimed.every((post) => post.status === "sent")).toBe(true);
        const sent = due.filter((guild) => emu!.messages(guild.channels.general).length > 0);
        expect(sent).toHaveLength(claimed.length);
        console.info(
          `SIGTERM: exit ${code} after ${exitMs} ms; answers before ${before.length}, after ${after.length} (+${undelivered} not delivered, gateway closed; ${lostInClose} sent while it was closing, unread): ${fates.filter((f) => f === "saved").length} saved, ${fates.filter((f) => f === "restarting").length} told to retry, 0 left thinking; posts claimed ${claimed.length}/${DUE_SERVERS} (${claimedLate.length} after the signal), all sent`,
        );
      } finally {
        await store.close();
      }
    },
    40_000,
  );
});
