import { DateTime } from "luxon";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import { startPlayground, type Playground } from "../../playground/playground.js";
import type { MessageView } from "../../playground/view.js";
import { openEvents, type EventReader } from "./sse.js";

/*
 * The playground's HTTP API (playground/API.md) over real HTTP, with the real bot in this process
 * logged in to the emulator: what the page does, request by request.
 */
let pg: Playground;
let events: EventReader;

beforeAll(async () => {
  pg = await startPlayground({
    fresh: true,
    port: 0,
    log: pino({ level: "silent" }),
    schedule: false,
    timeZone: "UTC",
  });
  events = await openEvents(`${pg.url}/api/events`);
});

afterAll(async () => {
  events?.close();
  await pg?.close();
});

const memberNamed = (name: string) => {
  const member = pg.world.members.find((m) => m.name === name);
  if (!member) throw new Error(`no member ${name}`);
  return member;
};
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${pg.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
type Embed = { title?: string; fields?: Array<{ name: string; value: string }> };
const embedOf = (message: MessageView) => (message["embeds"] as Embed[])[0] ?? {};
const buttonsOf = (message: MessageView) =>
  ((message["components"] as Array<{ components: Array<Record<string, unknown>> }>)[0]
    ?.components ?? []) as Array<{ custom_id: string; label: string }>;

describe("the playground's API", () => {
  test("GIVEN the playground THEN its state lists the server, #daily with today's post, members of both languages and the registered commands", async () => {
    const res = await fetch(`${pg.url}/api/state`);
    const state = (await res.json()) as {
      channels: Array<{ id: string; name: string }>;
      members: Array<{ locale: string; admin: boolean }>;
      commands: Array<{ name: string }>;
      dailyChannelId: string;
      messages: Record<string, MessageView[]>;
      now: number;
    };
    expect(state.channels.map((c) => c.name)).toEqual(
      expect.arrayContaining(["general", "daily", "random"]),
    );
    expect(new Set(state.members.map((m) => m.locale))).toEqual(new Set(["zh-CN", "en-US"]));
    expect(state.members.some((m) => m.admin)).toBe(true);
    expect(state.members.some((m) => !m.admin)).toBe(true);
    expect(state.commands.map((c) => c.name).sort()).toEqual(
      commands.map((c) => c.data.name).sort(),
    );
    const daily = state.messages[state.dailyChannelId] ?? [];
    expect(daily).toHaveLength(1);
    expect(daily[0]?.["thread"]).toBeDefined();
    expect(Math.abs(state.now - Date.now())).toBeLessThan(60_000);
  });

  test("GIVEN /question ask, Answer and a Chinese answer THEN the question, the modal and the private feedback arrive as events", async () => {
    const lilei = memberNamed("李雷");
    const channelId = pg.world.guild.channels.general;
    const asked = await post("/api/command", {
      memberId: lilei.id,
      channelId,
      name: "question",
      options: [{ name: "ask", type: 1, options: [{ name: "number", type: 4, value: "9" }] }],
    });
    expect(asked).toMatchObject({ status: 200, body: { ok: true } });
    const question = await events.next(
      "message",
      (m: MessageView) =>
        (m["interaction_metadata"] as { id: string } | undefined)?.id ===
        asked.body["interactionId"],
    );
    expect(question.ephemeralFor).toBeUndefined();
    expect(buttonsOf(question).map((b) => b.custom_id)).toEqual([
      "question:answer:9",
      "question:reveal:9",
    ]);

    const clicked = await post("/api/component", {
      memberId: lilei.id,
      channelId,
      messageId: question.id,
      customId: "question:answer:9",
    });
    expect(clicked).toMatchObject({ status: 200, body: { ok: true } });
    const shown = await events.next(
      "modal",
      (m: { interactionId: string }) => m.interactionId === clicked.body["interactionId"],
    );
    expect(shown).toMatchObject({
      memberId: lilei.id,
      channelId,
      modal: { custom_id: "question:submit:9" },
    });

    const submitted = await post("/api/modal", {
      memberId: lilei.id,
      channelId,
      interactionId: shown.interactionId,
      customId: "question:submit:9",
      fields: { answer: "常用准确率和召回率来评估模型，不同的业务场景要选择合适的指标。" },
    });
    expect(submitted).toMatchObject({ status: 200, body: { ok: true } });
    const feedback = await events.next(
      "message-update",
      (m: MessageView) =>
        (m["interaction_metadata"] as { id: string } | undefined)?.id ===
          submitted.body["interactionId"] && (Number(m["flags"]) & 128) === 0,
    );
    expect(feedback.ephemeralFor).toBe(lilei.id);
    expect(embedOf(feedback).title).toBe("第 9 题：你的答案已保存");

    // The correction buttons sit on the ephemeral feedback: its member alone can use them.
    const rows = feedback["components"] as Array<{ components: Array<{ custom_id?: string }> }>;
    const correction = rows
      .flatMap((row) => row.components)
      .map((c) => c.custom_id ?? "")
      .find((id) => id.startsWith("question:grade:"));
    expect(correction).toBeDefined();
    const byOther = await post("/api/component", {
      memberId: memberNamed("Sam").id,
      channelId,
      messageId: feedback.id,
      customId: correction,
    });
    expect(byOther).toEqual({
      status: 400,
      body: { error: `Unknown message ${feedback.id} in this channel.` },
    });
    const corrected = await post("/api/component", {
      memberId: lilei.id,
      channelId,
      messageId: feedback.id,
      customId: correction,
    });
    expect(corrected).toMatchObject({ status: 200, body: { ok: true } });
    const regraded = await events.next(
      "message-update",
      (m: MessageView) =>
        m.id === feedback.id && JSON.stringify(m["embeds"]) !== JSON.stringify(feedback["embeds"]),
    );
    expect(regraded.ephemeralFor).toBe(lilei.id);
  });

  test("GIVEN a member typing a number for /question ask THEN the bot's choices come back", async () => {
    const res = await post("/api/autocomplete", {
      memberId: memberNamed("Sam").id,
      channelId: pg.world.guild.channels.general,
      name: "question",
      options: [
        { name: "ask", type: 1, options: [{ name: "number", type: 4, value: "1", focused: true }] },
      ],
    });
    expect(res.status).toBe(200);
    const choices = res.body["choices"] as Array<{ name: string; value: number }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => typeof c.value === "number" && c.name.length > 0)).toBe(true);
  });

  test("GIVEN /streak THEN the calendar picture is served at the embed's URL", async () => {
    const sam = memberNamed("Sam");
    const asked = await post("/api/command", {
      memberId: sam.id,
      channelId: pg.world.guild.channels.general,
      name: "streak",
      options: [],
    });
    expect(asked.status).toBe(200);
    const reply = await events.next(
      "message-update",
      (m: MessageView) =>
        (m["interaction_metadata"] as { id: string } | undefined)?.id ===
          asked.body["interactionId"] && (m["attachments"] as unknown[]).length > 0,
    );
    const image = (reply["embeds"] as Array<{ image?: { url: string } }>)[0]?.image?.url ?? "";
    expect(image).toMatch(/^\/attachments\/\d+\/\d+\/calendar\.png$/);
    const picture = await fetch(`${pg.url}${image}`);
    expect(picture.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await picture.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
    // Only at its URL, as on Discord's CDN: not under another file name or channel.
    const elsewhere = [
      image.replace(/calendar\.png$/, "other.png"),
      image.replace(/^\/attachments\/\d+/, `/attachments/${pg.world.dailyChannelId}`),
    ];
    for (const path of elsewhere) expect((await fetch(`${pg.url}${path}`)).status).toBe(404);
  });

  test("GIVEN a jump to the next post THEN the next day's question is in #daily when the answer returns, with the previous day's reveal", async () => {
    const before = (await (await fetch(`${pg.url}/api/state`)).json()) as { now: number };
    const jumped = await post("/api/clock", { jump: "next-post" });
    expect(jumped.status).toBe(200);
    expect(Number(jumped.body["now"])).toBeGreaterThan(before.now + 20 * 60 * 60_000);
    const clock = await events.next("clock", (c: { now: number }) => c.now > before.now);
    expect(clock.now).toBeGreaterThan(before.now + 20 * 60 * 60_000);
    expect(clock.now).toBeLessThanOrEqual(Number(jumped.body["now"]));
    const daily = pg.deps.messages.all()[pg.world.dailyChannelId] ?? [];
    expect(daily).toHaveLength(2);
    const newest = daily[1] as MessageView;
    expect(Date.parse(String(newest["timestamp"]))).toBeGreaterThanOrEqual(
      Number(jumped.body["now"]) - 1000,
    );
    const titles = (newest["embeds"] as Embed[]).map((e) => e.title);
    expect(titles[0]).toBe(
      `The previous question, #${embedOf(daily[0]!).title?.match(/\d+/)?.[0]}: the answer`,
    );
  });

  test.each([
    [
      "an unknown command",
      { name: "nope", options: [] },
      "There is no /nope command in this server.",
    ],
    [
      "a missing required option",
      { name: "question", options: [{ name: "reveal", type: 1, options: [] }] },
      "Required option number is missing.",
    ],
    [
      "a number out of its option's range (an interview of 11 questions)",
      {
        name: "question",
        options: [
          { name: "interview", type: 1, options: [{ name: "count", type: 4, value: "11" }] },
        ],
      },
      "Option count must be between 3 and 10.",
    ],
    [
      "a value that is not one of the option's choices",
      { name: "leaderboard", options: [{ name: "by", type: 3, value: "the best of all" }] },
      "Option by takes one of its choices: Current streak, Best streak, Total answers, Answers this week.",
    ],
    [
      "/config from a member without Manage Server",
      { name: "config", options: [{ name: "show", type: 1, options: [] }] },
      "/config is only offered to members with the permissions it asks for (Manage Server).",
    ],
  ])(
    "GIVEN %s THEN the command is refused with the client's sentence",
    async (_, command, error) => {
      const res = await post("/api/command", {
        memberId: memberNamed("Sam").id,
        channelId: pg.world.guild.channels.general,
        ...command,
      });
      expect(res).toEqual({ status: 400, body: { error } });
    },
  );

  test("GIVEN an answer over the modal's max_length THEN it is refused and the modal stays open for a shorter one", async () => {
    const sam = memberNamed("Sam");
    const channelId = pg.world.guild.channels.general;
    const asked = await post("/api/command", {
      memberId: sam.id,
      channelId,
      name: "question",
      options: [{ name: "ask", type: 1, options: [{ name: "number", type: 4, value: 3 }] }],
    });
    const question = await events.next(
      "message",
      (m: MessageView) =>
        (m["interaction_metadata"] as { id: string } | undefined)?.id ===
        asked.body["interactionId"],
    );
    const clicked = await post("/api/component", {
      memberId: sam.id,
      channelId,
      messageId: question.id,
      customId: "question:answer:3",
    });
    const shown = await events.next(
      "modal",
      (m: { interactionId: string }) => m.interactionId === clicked.body["interactionId"],
    );
    const submit = (answer: string) =>
      post("/api/modal", {
        memberId: sam.id,
        channelId,
        interactionId: shown.interactionId,
        customId: "question:submit:3",
        fields: { answer },
      });
    expect(await submit("x".repeat(1001))).toEqual({
      status: 400,
      body: { error: "Text input answer is longer than its max_length 1000." },
    });
    expect((await submit("Short enough.")).status).toBe(200);
  });
  test("GIVEN a weekly digest day and a jump of a week THEN each day's question and, on its day, the digest arrive in #daily, as from a running bot", async () => {
    const ada = memberNamed("Ada");
    const digestDay = DateTime.fromMillis(pg.emu.now(), { zone: "UTC" }).plus({ days: 3 }).weekday;
    const set = await post("/api/command", {
      memberId: ada.id,
      channelId: pg.world.guild.channels.general,
      name: "config",
      options: [
        { name: "digest", type: 1, options: [{ name: "value", type: 3, value: `${digestDay}` }] },
      ],
    });
    expect(set.status).toBe(200);
    await events.next(
      "message-update",
      (m: MessageView) =>
        (m["interaction_metadata"] as { id: string } | undefined)?.id === set.body["interactionId"],
    );
    const daily = () => pg.deps.messages.all()[pg.world.dailyChannelId] ?? [];
    const earlier = daily().length;

    expect((await post("/api/clock", { jump: "week" })).status).toBe(200);
    const posted = daily().slice(earlier);
    const isDigest = (m: MessageView) => embedOf(m).title?.startsWith("Weekly digest") === true;
    const dayOf = (m: MessageView) => DateTime.fromISO(String(m["timestamp"]), { zone: "UTC" });
    const questionDays = posted.filter((m) => !isDigest(m)).map((m) => dayOf(m).toISODate());
    expect(new Set(questionDays).size).toBe(7);
    expect(questionDays).toHaveLength(7);
    const digests = posted.filter(isDigest);
    expect(digests.map((m) => dayOf(m).weekday)).toEqual([digestDay]);
  });
  test("GIVEN today's post due and not posted THEN a jump to the next post stays at now (the clock never runs back)", async () => {
    await pg.app.ctx.guilds.update(pg.world.guild.id, (settings) => ({
      ...settings,
      lastPost: null,
    }));
    const before = pg.emu.now();
    const jumped = await post("/api/clock", { jump: "next-post" });
    expect(jumped.status).toBe(200);
    expect(Number(jumped.body["now"]) - before).toBeLessThan(60_000);
  });
});
