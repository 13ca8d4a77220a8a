import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBot, tempStoreUrl, type BotProcess } from "./bot-process.js";
import { startEmulator, type Emulator, type GuildHandle } from "../../emulator/index.js";
import { configureDueNow } from "./harness.js";
import { memberAnswers } from "../helpers/store-reads.js";

/*
 * Real bot processes, real time: a server whose post time passed half an hour ago gets its
 * post from the catch-up tick when a bot starts. Restarts and a second process must not add one.
 */

let emu: Emulator;
let storeUrl: string;
const running: BotProcess[] = [];

function start() {
  const bot = startBot({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: storeUrl,
    LOG_LEVEL: "info",
  });
  running.push(bot);
  return bot;
}

const postsIn = (guild: GuildHandle) =>
  emu.messages(guild.channels.general).filter((m) => m.author.id === emu.botUserId);

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  storeUrl = await tempStoreUrl();
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.stop()));
  await emu?.close();
});

/** A start waits up to 15 s, a graceful stop up to the 8 s grace; a test here does two of each. */
const RESTARTS = { timeout: 2 * (15_000 + 10_000) };

describe("exactly one post per server per day, with real processes", RESTARTS, () => {
  test("GIVEN a bot that was down at post time THEN it posts on start; a restart posts nothing more", async () => {
    const guild = emu.addGuild({ name: "restarts" });
    await configureDueNow(storeUrl, guild);
    const first = start();
    await first.waitForLog("catch-up tick done");
    expect(postsIn(guild)).toHaveLength(1);
    await first.stop();

    const second = start();
    await second.waitForLog("catch-up tick done");
    expect(postsIn(guild)).toHaveLength(1);
    await second.stop();
  });

  test("GIVEN two bot processes sharing one store start together THEN the server still gets one post", async () => {
    const guild = emu.addGuild({ name: "two processes" });
    await configureDueNow(storeUrl, guild);
    const [a, b] = [start(), start()];
    await Promise.all([a.waitForLog("catch-up tick done"), b.waitForLog("catch-up tick done")]);
    expect(postsIn(guild)).toHaveLength(1);
    const posted = [a, b].filter((bot) => bot.output().includes("daily question posted"));
    expect(posted).toHaveLength(1);
    await Promise.all([a.stop(), b.stop()]);
  });

  test("GIVEN HEALTH_PORT THEN /healthz reports gateway and store; SIGTERM finishes in-flight work and exits 0", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const bot = startBot({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      STORE_URL: storeUrl,
      HEALTH_PORT: String(port),
    });
    running.push(bot);
    await bot.waitForLog("catch-up tick done");
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      gateway: { status: "Ready" },
      store: { ok: true },
    });

    const guild = emu.addGuild({ name: "shutdown" });
    const member = emu.addMember(guild.id, { username: "late", locale: "en-US" });
    const submit = emu.interact({
      guildId: guild.id,
      user: member,
      type: "modal",
      customId: "question:submit:3",
      components: [{ customId: "answer", value: "quantization, pruning, distillation" }],
    });
    // SIGTERM right behind the interaction: the answer must still be stored and confirmed.
    const started = Date.now();
    const code = await bot.stop();
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(bot.output()).toContain('"msg":"stopped"');
    const edited = await submit.edited();
    expect((edited.embeds?.[0] as { title: string }).title).toBe("Question 3: your answer, saved");
    expect(await memberAnswers(storeUrl, guild.id, member.id)).toHaveLength(1);
  });

  test("GIVEN every bot's log THEN the token never appears", () => {
    for (const bot of running) expect(bot.output()).not.toContain(emu.token);
  });
});
