import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import { startBot, tempStoreUrl, type BotProcess } from "./bot-process.js";
import { RefusedByClient, startEmulator } from "../../emulator/index.js";
import { slash } from "./harness.js";
import type { GuildHandle, MemberHandle } from "../../emulator/types.js";
import { memberAnswers } from "../helpers/store-reads.js";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const EPHEMERAL = 64;

let emu: Emulator;
let bot: BotProcess;
let storeUrl: string;
let guild: GuildHandle;
let ada: MemberHandle; // reads Chinese
let bob: MemberHandle; // reads English
/** `npm run deploy`, run once before the tests: the emulator then checks options as Discord does. */
let deploy: BotProcess;
let deployed: number | null;

function botEnv() {
  return {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    STORE_URL: storeUrl,
    LOG_LEVEL: "debug",
  };
}

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Team", preferredLocale: "en-US" });
  ada = emu.addMember(guild.id, { username: "ada", locale: "zh-CN" });
  bob = emu.addMember(guild.id, { username: "bob", locale: "en-US" });
  storeUrl = await tempStoreUrl();
  bot = startBot(botEnv());
  await bot.waitForLog("connected to Discord");
  deploy = startBot({ ...botEnv(), DEV_GUILD_ID: guild.id }, { entry: "src/deploy.ts" });
  deployed = await deploy.exited;
});

afterAll(async () => {
  await bot?.stop();
  await emu?.close();
});

type Option = { name: string; type: number; value: string | number };
const ask = (member: MemberHandle, options: Option[] = []) =>
  slash(emu, guild, member, "question", "ask", options);
const reveal = (member: MemberHandle, number: number) =>
  slash(emu, guild, member, "question", "reveal", [{ name: "number", type: 4, value: number }]);

const click = (member: MemberHandle, customId: string) =>
  emu.interact({
    guildId: guild.id,
    channelId: guild.channels.general,
    user: member,
    locale: member.locale,
    type: "button",
    customId,
  });

const submit = (member: MemberHandle, number: number, value: string) =>
  emu.interact({
    guildId: guild.id,
    channelId: guild.channels.general,
    user: member,
    locale: member.locale,
    type: "modal",
    customId: `question:submit:${number}`,
    components: [{ customId: "answer", value }],
  });

function firstEmbed(data: { embeds?: unknown[] | null } | undefined) {
  return (data?.embeds?.[0] ?? {}) as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
  };
}

function buttonsOf(data: { components?: unknown[] | null } | undefined) {
  const row = data?.components?.[0] as { components: { label: string; custom_id: string }[] };
  return row.components.map((b) => [b.label, b.custom_id]);
}

describe("/question over the wire", () => {
  test("GIVEN `npm run deploy` with DEV_GUILD_ID THEN all commands are registered in one bulk request and listed", () => {
    const output = deploy.output();
    expect(deployed, output).toBe(0);
    expect(output).toContain(`Registered ${commands.length} commands`);
    expect(output).toContain(`in server ${guild.id}`);
    expect(output).toContain("/question (ask, reveal)");
    expect(output).toContain(
      "/config (channel, time, timezone, days, language, enable, disable, show, post-now, restore-streak)",
    );
    expect(output).toContain("/streak\n");
    expect(output).toContain("/leaderboard\n");
    const puts = emu.requests.filter((r) => r.method === "PUT" && r.path.includes("/commands"));
    expect(puts).toHaveLength(1);
    const registered = emu.registeredCommands({ guildId: guild.id }) as Record<string, unknown>[];
    expect(registered.map((c) => c.name)).toEqual(commands.map((c) => c.data.name));
    expect(registered[0]).toMatchObject({
      name: "question",
      name_localizations: { "zh-CN": "题目" },
      description_localizations: { "zh-CN": expect.any(String) },
    });
    const config = registered.find((c) => c.name === "config");
    expect(String(config?.default_member_permissions)).toBe("32");
  });

  test("GIVEN /question ask without options THEN a random question arrives publicly with Answer and Reveal", async () => {
    const interaction = ask(bob);
    const callback = await interaction.callback();
    expect(callback.type).toBe(4);
    expect((callback.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(callback.data?.allowed_mentions).toEqual({ parse: [] });
    const embed = firstEmbed(callback.data);
    const number = Number(/^Question (\d+)$/.exec(embed.title ?? "")?.[1]);
    expect(number).toBeGreaterThanOrEqual(1);
    expect(number).toBeLessThanOrEqual(30);
    expect(embed.fields?.[0]?.name).toBe("Topics");
    const row = callback.data?.components?.[0] as {
      components: { label: string; custom_id: string }[];
    };
    expect(row.components.map((b) => [b.label, b.custom_id])).toEqual([
      ["Answer", `question:answer:${number}`],
      ["Reveal", `question:reveal:${number}`],
    ]);
    expect(interaction.ackMs).toBeLessThan(3000);
  });

  test("GIVEN a Chinese member asks for number 5 THEN the seed's Chinese text is shown", async () => {
    const callback = await ask(ada, [{ name: "number", type: 4, value: 5 }]).callback();
    const embed = firstEmbed(callback.data);
    expect(embed.title).toBe("第 5 题");
    expect(embed.description).toBe("请解释AI基础设施中的模型解释性是什么？");
    expect(embed.fields?.[0]).toMatchObject({
      name: "主题",
      value: expect.stringContaining("可解释性"),
    });
  });

  test("GIVEN a topic THEN the question comes from that topic", async () => {
    for (let i = 0; i < 5; i++) {
      const callback = await ask(bob, [
        { name: "topic", type: 3, value: "explainability" },
      ]).callback();
      expect(firstEmbed(callback.data).fields?.[0]?.value).toContain("Explainability");
    }
  });

  test("GIVEN autocomplete on number THEN choices show number and title in the member's language", async () => {
    const interaction = emu.interact({
      guildId: guild.id,
      channelId: guild.channels.general,
      user: ada,
      locale: "zh-CN",
      type: "autocomplete",
      name: "question",
      options: [
        {
          type: 1,
          name: "ask",
          options: [{ name: "number", type: 4, value: "联邦", focused: true }],
        },
      ],
    });
    const callback = await interaction.callback();
    expect(callback.type).toBe(8);
    expect(callback.data?.choices).toEqual([
      { name: "12 · 请说明AI基础设施中联邦学习的作用和优势。", value: 12 },
    ]);
  });

  test("GIVEN autocomplete on topic THEN topic labels are offered", async () => {
    const callback = await emu
      .interact({
        guildId: guild.id,
        channelId: guild.channels.general,
        user: bob,
        locale: "en-US",
        type: "autocomplete",
        name: "question",
        options: [
          {
            type: 1,
            name: "ask",
            options: [{ name: "topic", type: 3, value: "priv", focused: true }],
          },
        ],
      })
      .callback();
    expect(callback.data?.choices).toEqual([
      { name: expect.stringMatching(/^Privacy & security \(\d+\)$/), value: "privacy-security" },
    ]);
  });

  test("GIVEN the Reveal button THEN only the clicker sees the answer and explanation", async () => {
    const callback = await click(ada, "question:reveal:9").callback();
    expect(callback.type).toBe(4);
    expect(callback.data?.flags).toBe(EPHEMERAL);
    expect(firstEmbed(callback.data).fields).toEqual([
      {
        name: "参考答案",
        value: "模型评估标准包括准确性、召回率、F1分数、AUC（曲线下面积）等指标。",
      },
      { name: "解析", value: expect.stringContaining("模型评估标准是评估AI模型性能的重要工具") },
    ]);
  });

  test("GIVEN the Answer button THEN a modal with a required, length-limited paragraph opens", async () => {
    const callback = await click(bob, "question:answer:5").callback();
    expect(callback.type).toBe(9);
    expect(callback.data).toMatchObject({
      custom_id: "question:submit:5",
      title: "Your answer to question 5",
      components: [
        { components: [{ custom_id: "answer", style: 2, required: true, max_length: 1000 }] },
      ],
    });
  });

  test("GIVEN a Chinese member answers THEN they privately see covered and missed key points, the suggested grade and correction buttons, in Chinese", async () => {
    const text = "常用准确率和召回率来评估模型，不同的业务场景要选择合适的指标。";
    const interaction = submit(ada, 9, text);
    expect(await interaction.callback()).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const edited = await interaction.edited();
    const embed = firstEmbed(edited);
    expect(embed.title).toBe("第 9 题：你的答案已保存");
    expect(embed.fields?.map((f) => f.name)).toEqual([
      "你的答案",
      "要点",
      "建议评分",
      "参考答案",
      "解析",
    ]);
    expect(embed.fields?.[0]?.value).toBe(text);
    expect(embed.fields?.[1]?.value.split("\n")).toEqual([
      "✓ 准确性（准确率）",
      "✓ 召回率",
      "✗ F1分数",
      "✗ AUC（曲线下面积）",
      "✓ 不同标准适用于不同场景，帮助选出最合适的模型",
    ]);
    expect(embed.fields?.[2]?.value).toBe("良好");
    expect(buttonsOf(edited)).toEqual([
      ["重来", "question:grade:9-again"],
      ["困难", "question:grade:9-hard"],
      ["良好", "question:grade:9-good"],
      ["简单", "question:grade:9-easy"],
    ]);
    const [stored] = await memberAnswers(storeUrl, guild.id, ada.id);
    expect(stored).toMatchObject({
      question: 9,
      text,
      covered: ["accuracy", "recall", "fit-the-scenario"],
      suggestedGrade: "good",
      finalGrade: null,
    });
  });

  test("GIVEN an English member answers partly and corrects the grade THEN the reply shows their grade and the store keeps it beside the suggestion", async () => {
    const interaction = submit(bob, 9, "Accuracy is what matters.");
    await interaction.callback();
    const edited = await interaction.edited();
    const embed = firstEmbed(edited);
    expect(embed.title).toBe("Question 9: your answer, saved");
    expect(embed.fields?.[1]?.value.split("\n")).toEqual([
      "✓ Accuracy",
      "✗ Recall",
      "✗ F1 score",
      "✗ AUC (area under the curve)",
      "✗ Different criteria suit different scenarios and help pick the most suitable model",
    ]);
    expect(embed.fields?.[2]).toMatchObject({ name: "Suggested grade", value: "Hard" });
    expect(buttonsOf(edited).map(([label]) => label)).toEqual(["Again", "Hard", "Good", "Easy"]);

    const correction = emu.interact({
      guildId: guild.id,
      channelId: guild.channels.general,
      user: bob,
      locale: bob.locale,
      type: "button",
      // The emulator keeps ephemeral replies out of the channel: the click comes from a stand-in.
      customId: "question:grade:9-again",
    });
    expect((await correction.callback()).type).toBe(6);
    const updated = firstEmbed(await correction.edited());
    expect(updated.fields?.slice(2, 4)).toMatchObject([
      { name: "Suggested grade", value: "Hard" },
      { name: "Your grade", value: "Again" },
    ]);
    const [stored] = await memberAnswers(storeUrl, guild.id, bob.id);
    expect(stored).toMatchObject({
      question: 9,
      covered: ["accuracy"],
      suggestedGrade: "hard",
      finalGrade: "again",
    });
  });

  test("GIVEN a member with no answer to that question clicks a correction THEN they are told to answer first", async () => {
    const handle = click(ada, "question:grade:12-good");
    expect((await handle.callback()).type).toBe(6);
    expect((await handle.edited()).content).toContain("你还没有第 12 题的已评分答案");
  });

  test("GIVEN /question reveal number:9 THEN the reference is shown privately", async () => {
    const callback = await reveal(bob, 9).callback();
    expect(callback.data?.flags).toBe(EPHEMERAL);
    expect(firstEmbed(callback.data).title).toBe("Question 9: reference answer");
  });
});

describe("bad input over the wire", () => {
  test("GIVEN an out-of-range number THEN a private message says which numbers exist", async () => {
    const callback = await ask(bob, [{ name: "number", type: 4, value: 31 }]).callback();
    expect(callback.data).toMatchObject({
      flags: EPHEMERAL,
      content: expect.stringContaining("There is no question 31"),
    });
    const zh = await reveal(ada, 999).callback();
    expect(zh.data?.content).toContain("没有第 999 题");
    // Below min_value 1, Discord's client sends nothing at all.
    expect(() => reveal(ada, 0)).toThrow(RefusedByClient);
  });

  test.each([
    ["empty", "   ", "Your answer was empty"],
    ["oversized", "x".repeat(1001), "Your answer is 1001 characters long; the limit is 1000"],
  ])(
    "GIVEN an %s modal answer THEN the member is told how to fix it",
    async (_kind, value, message) => {
      const interaction = submit(bob, 7, value);
      await interaction.callback();
      const edited = await interaction.edited();
      expect(edited.content).toContain(message);
    },
  );

  test.each(["question:explode:5", "nonsense", "question:answer:999"])(
    "GIVEN the unknown button id %s THEN a private message explains it",
    async (customId) => {
      const callback = await click(bob, customId).callback();
      expect(callback.data?.flags).toBe(EPHEMERAL);
      expect(callback.data?.content).toMatch(/no longer valid|There is no question 999/);
    },
  );

  test("GIVEN an interaction from a DM THEN the member is told the bot works in servers", async () => {
    const callback = await emu
      .interact({
        user: bob,
        locale: "en-US",
        type: "command",
        name: "question",
        options: [{ type: 1, name: "ask", options: [] }],
      })
      .callback();
    expect(callback.data).toMatchObject({
      flags: EPHEMERAL,
      content: expect.stringContaining("works in servers only"),
    });
  });

  test("GIVEN Discord refuses a reply THEN the bot logs it and keeps serving", async () => {
    emu.failNext({
      method: "POST",
      path: /\/callback$/,
      status: 400,
      code: 50035,
      message: "Invalid Form Body",
    });
    ask(bob);
    await bot.waitForLog("Discord refused a request");
    const next = await ask(bob, [{ name: "number", type: 4, value: 1 }]).callback();
    expect(firstEmbed(next.data).title).toBe("Question 1");
  });
});

// A restart: a graceful stop (up to the 8 s grace), then a start (waitForLog's 15 s).
describe("what stays true across the run", { timeout: 30_000 }, () => {
  test("GIVEN a restart THEN the stored answers are still there", async () => {
    const cy = emu.addMember(guild.id, { username: "cy", locale: "en-US" });
    await submit(cy, 5, "It is how well people can follow why a model decided.").edited();
    await bot.stop();
    bot = startBot(botEnv());
    await bot.waitForLog("connected to Discord");
    const answers = await memberAnswers(storeUrl, guild.id, cy.id);
    expect(answers.map((a) => [a.question, a.text])).toEqual([
      [5, "It is how well people can follow why a model decided."],
    ]);
    const callback = await reveal(bob, 2).callback();
    expect(firstEmbed(callback.data).title).toBe("Question 2: reference answer");
  });

  test("GIVEN every interaction THEN each was acknowledged within 3 s and the token never reached a log", () => {
    expect(bot.output()).not.toContain(emu.token);
    expect(emu.requests.filter((r) => r.status === 404 && r.path.includes("/callback"))).toEqual(
      [],
    );
  });

  test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
    "GIVEN DISCORD_API_SPEC THEN every request body the bot sent is valid Discord",
    () => {
      expect(emu.specViolations).toEqual([]);
      expect(emu.unknownRoutes).toEqual([]);
    },
  );
});
