import { once } from "node:events";
import { createInflate, constants as zlibConstants } from "node:zlib";
import {
  Client,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type TextChannel,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { WebSocket } from "ws";
import { apiErrorOf, loginBareClient, onNextInteraction } from "../emulator/bare-client.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import type { GuildHandle, MemberHandle, OverwriteInput } from "../../emulator/types.js";

const specPath = process.env.DISCORD_API_SPEC;
const { SendMessages, ViewChannel } = PermissionFlagsBits;

let emu: Emulator;
let client: Client;
let guild: GuildHandle;
let ada: MemberHandle;

const next = (handle: (interaction: Interaction) => Promise<unknown>) =>
  onNextInteraction(client, handle);
const general = () => client.channels.cache.get(guild.channels.general) as TextChannel;
const readOnly = () => guild.channels["read-only"] ?? "";

const ask = (number: number) =>
  emu.interact({
    guildId: guild.id,
    user: ada,
    type: "command",
    name: "question",
    options: [{ type: 1, name: "ask", options: [{ name: "number", type: 4, value: number }] }],
  });

beforeAll(async () => {
  emu = await startEmulator({ specPath, shards: 1 });
  guild = emu.addGuild({
    name: "Team",
    preferredLocale: "en-US",
    channels: [{ name: "read-only" }],
  });
  ada = emu.addMember(guild.id, { username: "ada", locale: "zh-CN" });
  client = await loginBareClient(emu);
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe("login", () => {
  test("GIVEN the bare client logs in THEN it is ready with the guild cached, over uncompressed JSON", () => {
    expect(client.user?.id).toBe(emu.applicationId);
    expect(client.guilds.cache.get(guild.id)?.name).toBe("Team");
    expect(general().name).toBe("general");
    const connect = emu.gatewayLog.find((entry) => entry.kind === "connect");
    expect(connect?.query).toEqual({ v: "10", encoding: "json" });
    expect(emu.requests[0]).toMatchObject({ method: "GET", path: "/gateway/bot", status: 200 });
    const identify = emu.gatewayLog.find((entry) => entry.kind === "identify");
    expect(identify).toMatchObject({ shardId: 0, intents: GatewayIntentBits.Guilds });
  });
});

describe("interactions", () => {
  test("GIVEN a chat-input command THEN options and locale arrive AND an ephemeral reply is callback 4 with flags 64", async () => {
    const before = emu.messages(guild.channels.general).length;
    const seen: Record<string, unknown> = {};
    const handled = next(async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("not a chat input command");
      Object.assign(seen, {
        name: interaction.commandName,
        sub: interaction.options.getSubcommand(),
        number: interaction.options.getInteger("number"),
        locale: interaction.locale,
        guildLocale: interaction.guildLocale,
        member: interaction.member?.user.id,
      });
      await interaction.reply({ content: "只有你能看到", flags: MessageFlags.Ephemeral });
    });
    const i = ask(5);
    await handled;
    expect(seen).toEqual({
      name: "question",
      sub: "ask",
      number: 5,
      locale: "zh-CN",
      guildLocale: "en-US",
      member: ada.id,
    });
    expect(await i.callback()).toEqual({
      type: 4,
      data: expect.objectContaining({ content: "只有你能看到", flags: 64 }),
    });
    expect(i.ackMs).toBeGreaterThanOrEqual(0);
    expect(i.ackMs).toBeLessThan(3000);
    expect(emu.messages(guild.channels.general)).toHaveLength(before);
  });

  test("GIVEN deferReply, editReply and followUp THEN type 5, the edit and the follow-up reach the emulator", async () => {
    const before = emu.messages(guild.channels.general).length;
    const handled = next(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const edited = await interaction.editReply({ content: "Question 5" });
      expect(edited.content).toBe("Question 5");
      await interaction.followUp({ content: "one more thing", flags: MessageFlags.Ephemeral });
    });
    const i = ask(5);
    await handled;
    expect(await i.callback()).toMatchObject({ type: 5 });
    expect((await i.edited()).content).toBe("Question 5");
    expect(await i.followUp(0)).toMatchObject({ content: "one more thing", flags: 64 });
    expect(
      emu
        .messages(guild.channels.general)
        .slice(before)
        .map((m) => m.content),
    ).toEqual(["Question 5"]);
  });

  test("GIVEN an ephemeral deferReply THEN the first followUp fills the deferred reply and stays private", async () => {
    const handled = next(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: "your answer is saved" });
    });
    const before = emu.messages(guild.channels.general).length;
    const i = ask(4);
    await handled;
    expect(await i.callback()).toEqual({ type: 5, data: { flags: 64 } });
    expect(i.reply).toMatchObject({ content: "your answer is saved", flags: 64 });
    expect(emu.messages(guild.channels.general)).toHaveLength(before);
  });

  test("GIVEN reply withResponse THEN discord.js builds the message from the callback response", async () => {
    let content: string | undefined;
    const handled = next(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: "with response", withResponse: true });
      content = response.resource?.message?.content;
    });
    ask(1);
    await handled;
    expect(content).toBe("with response");
  });

  test("GIVEN a button THEN showModal is callback 9 AND the submit carries the value in the modal's layout", async () => {
    const modalShown = next(async (interaction) => {
      if (!interaction.isButton()) throw new Error("not a button");
      expect(interaction.customId).toBe("question:answer:5");
      const input = new TextInputBuilder().setCustomId("answer").setStyle(TextInputStyle.Paragraph);
      const modal = new ModalBuilder()
        .setCustomId("question:submit:5")
        .setTitle("Your answer")
        .addLabelComponents(new LabelBuilder().setLabel("Answer").setTextInputComponent(input));
      await interaction.showModal(modal);
    });
    const click = emu.interact({
      guildId: guild.id,
      user: ada,
      type: "button",
      customId: "question:answer:5",
    });
    await modalShown;
    expect(await click.callback()).toMatchObject({
      type: 9,
      data: { custom_id: "question:submit:5", title: "Your answer" },
    });

    let value: string | undefined;
    const submitted = next(async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error("not a modal submit");
      value = interaction.fields.getTextInputValue("answer");
      await interaction.reply({ content: "saved", flags: MessageFlags.Ephemeral });
    });
    const submit = emu.interact({
      guildId: guild.id,
      user: ada,
      type: "modal",
      customId: "question:submit:5",
      components: [{ customId: "answer", value: "模型可解释性" }],
    });
    await submitted;
    expect(value).toBe("模型可解释性");
    expect(submit.payload).toMatchObject({
      data: { components: [{ type: 18, component: { custom_id: "answer" } }] },
    });
  });

  test("GIVEN a button on a posted message THEN update (callback 7) edits that message", async () => {
    const posted = await general().send({ content: "Question 8", components: [] });
    const handled = next(async (interaction) => {
      if (interaction.isButton()) await interaction.update({ content: "Question 8 (revealed)" });
    });
    const i = emu.interact({
      guildId: guild.id,
      user: ada,
      type: "button",
      customId: "question:reveal:8",
      message: posted.id,
    });
    await handled;
    expect((await i.callback()).type).toBe(7);
    expect(emu.messages(guild.channels.general).find((m) => m.id === posted.id)?.content).toBe(
      "Question 8 (revealed)",
    );
  });

  test("GIVEN autocomplete and a select menu THEN the focused value and the values arrive", async () => {
    const seen: unknown[] = [];
    const autocompleted = next(async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error("not autocomplete");
      seen.push(interaction.options.getFocused(true));
      await interaction.respond([{ name: "12 · Federated learning", value: 12 }]);
    });
    const typing = emu.interact({
      guildId: guild.id,
      user: ada,
      type: "autocomplete",
      name: "question",
      options: [
        {
          type: 1,
          name: "ask",
          options: [{ name: "number", type: 4, value: "fed", focused: true }],
        },
      ],
    });
    await autocompleted;
    expect(await typing.callback()).toEqual({
      type: 8,
      data: { choices: [{ name: "12 · Federated learning", value: 12 }] },
    });
    const selected = next(async (interaction) => {
      if (!interaction.isStringSelectMenu()) throw new Error("not a select menu");
      seen.push(interaction.values);
      await interaction.deferUpdate();
    });
    const pick = emu.interact({
      guildId: guild.id,
      user: ada,
      type: "select",
      customId: "question:topic",
      values: ["privacy-security"],
    });
    await selected;
    expect((await pick.callback()).type).toBe(6);
    expect(seen).toEqual([
      { name: "number", type: 4, value: "fed", focused: true },
      ["privacy-security"],
    ]);
  });

  test("GIVEN a DM interaction THEN it carries `user`, not `member`", async () => {
    let inGuild: boolean | undefined;
    const handled = next(async (interaction) => {
      inGuild = interaction.inGuild();
      if (interaction.isRepliable()) await interaction.reply({ content: "servers only" });
    });
    const i = emu.interact({ user: ada, type: "command", name: "question" });
    await handled;
    expect(inGuild).toBe(false);
    expect(i.payload).toHaveProperty("user.id", ada.id);
    expect(i.payload).not.toHaveProperty("member");
    expect((await i.callback()).data?.content).toBe("servers only");
  });

  test("GIVEN a second callback for the same interaction THEN Discord's 40060 comes back", async () => {
    const handled = next(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: "first" });
    });
    const i = ask(2);
    await handled;
    const second = client.rest.post(Routes.interactionCallback(i.id, i.token), {
      body: { type: 4, data: { content: "second" } },
      auth: false,
    });
    expect((await apiErrorOf(second)).code).toBe(40060);
    expect((await i.callback()).data?.content).toBe("first");
  });

  test("GIVEN the gateway drops THEN the client resumes and gets the interaction sent meanwhile", async () => {
    emu.disconnectAll();
    const handled = next(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: "after resume" });
    });
    const i = ask(3);
    await handled;
    expect((await i.callback()).data?.content).toBe("after resume");
    expect(emu.gatewayLog.some((entry) => entry.kind === "resumed")).toBe(true);
    expect(emu.gatewayLog.filter((entry) => entry.kind === "identify")).toHaveLength(1);
  });
});

describe("channel messages", () => {
  test("GIVEN the same nonce with enforce_nonce twice THEN one message is created", async () => {
    const send = () =>
      general().send({ content: "daily question", nonce: "drill-2024-06-01", enforceNonce: true });
    const first = await send();
    const second = await send();
    expect(second.id).toBe(first.id);
    const daily = emu
      .messages(guild.channels.general)
      .filter((m) => m.content === "daily question");
    expect(daily).toHaveLength(1);
  });

  test("GIVEN the same enforced nonce in two channels THEN the first channel's message is returned and none is created", async () => {
    const other = client.channels.cache.get(guild.channels.announcements) as TextChannel;
    const before = emu.messages(guild.channels.announcements).length;
    const first = await general().send({
      content: "one",
      nonce: "drill-shared",
      enforceNonce: true,
    });
    const second = await other.send({ content: "two", nonce: "drill-shared", enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(second.channelId).toBe(guild.channels.general);
    expect(emu.messages(guild.channels.announcements)).toHaveLength(before);
    const own = await other.send({ content: "three", nonce: "drill-other", enforceNonce: true });
    expect(own.channelId).toBe(guild.channels.announcements);
    const loose = await other.send({ content: "four", nonce: "drill-shared" });
    expect(loose.id).not.toBe(first.id); // without enforce_nonce nothing is deduplicated
  });

  test("GIVEN a message THEN a thread can be started from it and posted in", async () => {
    const message = await general().send({ content: "Question 7" });
    const thread = await message.startThread({ name: "Question 7 answers" });
    expect(thread.id).toBe(message.id);
    await thread.send({ content: "first answer" });
    expect(emu.messages(thread.id).map((m) => m.content)).toEqual(["first answer"]);
  });

  test.each<[string, () => OverwriteInput[], number, number | undefined]>([
    ["@everyone may not send", () => [{ id: guild.id, type: 0, deny: SendMessages }], 403, 50013],
    ["@everyone may not view", () => [{ id: guild.id, type: 0, deny: ViewChannel }], 403, 50001],
    [
      "the bot may not send",
      () => [{ id: emu.botUserId, type: 1, deny: SendMessages }],
      403,
      50013,
    ],
    [
      "@everyone may not send but the bot's role may",
      () => [
        { id: guild.everyoneRoleId, type: 0, deny: SendMessages },
        { id: guild.botRoleId, type: 0, allow: SendMessages },
      ],
      200,
      undefined,
    ],
  ])("GIVEN %s THEN posting answers %i (code %s)", async (_case, overwrites, status, code) => {
    emu.setChannelPermissions(readOnly(), overwrites());
    const post = client.rest.post(Routes.channelMessages(readOnly()), { body: { content: "hi" } });
    if (status === 200) {
      await post;
      expect(emu.messages(readOnly()).at(-1)?.content).toBe("hi");
    } else {
      const error = await apiErrorOf(post);
      expect([error.status, error.code]).toEqual([status, code]);
    }
  });

  test("GIVEN a forced channel error THEN requests on the channel get it until cleared", async () => {
    emu.setChannelPermissions(readOnly(), []);
    emu.forceChannelError(readOnly(), { status: 403, code: 50001, message: "Missing Access" });
    const post = () =>
      client.rest.post(Routes.channelMessages(readOnly()), { body: { content: "x" } });
    const error = await apiErrorOf(post());
    expect([error.status, error.code]).toEqual([403, 50001]);
    emu.forceChannelError(readOnly(), null);
    await post();
  });

  test("GIVEN a deleted channel THEN posting answers 404 code 10003", async () => {
    const channel = emu.addGuild({ name: "Other" }).channels.general;
    emu.deleteChannel(channel, { notify: false });
    const post = client.rest.post(Routes.channelMessages(channel), { body: { content: "hi" } });
    const error = await apiErrorOf(post);
    expect([error.status, error.code]).toEqual([404, 10003]);
  });

  test.each([
    ["500", 500, [500, 200]],
    ["429 (route limit)", 429, [429, 200]],
  ])(
    "GIVEN failNext with a %s THEN discord.js retries and sends once",
    async (_c, status, seen) => {
      const path = `/channels/${guild.channels.announcements}/messages`;
      const before = emu.messages(guild.channels.announcements).length;
      const requestsBefore = emu.requests.filter((r) => r.path === path).length;
      emu.failNext({ method: "POST", path, status });
      const channel = client.channels.cache.get(guild.channels.announcements) as TextChannel;
      await channel.send({ content: "announcement" });
      const statuses = emu.requests.filter((r) => r.path === path).map((r) => r.status);
      expect(statuses.slice(requestsBefore)).toEqual(seen);
      expect(emu.messages(guild.channels.announcements)).toHaveLength(before + 1);
    },
  );

  test("GIVEN failNext with a 4xx and a RegExp path THEN the bot sees Discord's error once", async () => {
    emu.failNext({ path: /\/messages$/, status: 403, code: 50013, message: "Missing Permissions" });
    expect((await apiErrorOf(general().send({ content: "x" }))).code).toBe(50013);
    await general().send({ content: "x" });
  });

  test("GIVEN a global limit of 3/s THEN extra requests get 429 global AND discord.js waits and succeeds", async () => {
    emu.setGlobalRateLimit(3);
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => client.rest.get(Routes.user("@me"))));
    emu.setGlobalRateLimit(null);
    expect(users).toHaveLength(5);
    expect(emu.globalRateLimitHits).toBeGreaterThan(0);
    const limited = emu.requests.filter((r) => r.path === "/users/@me" && r.status === 429);
    expect(limited).toHaveLength(emu.globalRateLimitHits);
  });
});

describe("REST reads and command registration", () => {
  test("GIVEN discord.js fetches THEN channel, guild, channels, member, messages and app come back", async () => {
    expect((await client.channels.fetch(guild.channels.general, { force: true }))?.id).toBe(
      guild.channels.general,
    );
    const fetchedGuild = await client.guilds.fetch({ guild: guild.id, force: true });
    expect(fetchedGuild.preferredLocale).toBe("en-US");
    const channels = await fetchedGuild.channels.fetch();
    expect(channels.map((c) => c?.name)).toEqual(
      expect.arrayContaining(["general", "announcements", "read-only"]),
    );
    const member = await fetchedGuild.members.fetch({ user: ada.id, force: true });
    expect(member.user.username).toBe("ada");
    const sent = await general().send({ content: "to be edited" });
    await sent.edit({ content: "edited" });
    const fetched = await general().messages.fetch({ message: sent.id, force: true });
    expect([fetched.content, fetched.editedTimestamp !== null]).toEqual(["edited", true]);
    const recent = await general().messages.fetch({ limit: 2 });
    expect(recent.first()?.id).toBe(sent.id);
    expect((await client.application?.fetch())?.id).toBe(emu.applicationId);
  });

  test("GIVEN a file THEN the multipart upload becomes an attachment", async () => {
    const message = await general().send({
      content: "with file",
      files: [{ attachment: Buffer.from("hello"), name: "notes.txt" }],
    });
    expect(message.attachments.first()).toMatchObject({ name: "notes.txt", size: 5 });
    expect(emu.requests.at(-1)).toMatchObject({
      body: { content: "with file" },
      files: [{ filename: "notes.txt", size: 5 }],
    });
  });

  test("GIVEN global and guild bulk overwrites THEN both are stored AND interactions carry the guild command's id", async () => {
    const definition = {
      name: "question",
      description: "Ask a question",
      options: [
        {
          type: 1,
          name: "ask",
          description: "Ask",
          options: [{ type: 4, name: "number", description: "Which one" }],
        },
      ],
    };
    await client.application?.commands.set([definition]);
    const guildCommands = await client.application?.commands.set([definition], guild.id);
    const guildCommandId = guildCommands?.first()?.id;
    expect(emu.registeredCommands().map((c) => c.name)).toEqual(["question"]);
    expect(emu.registeredCommands({ guildId: guild.id })[0]).toMatchObject({
      id: guildCommandId,
      guild_id: guild.id,
    });
    let commandId: string | undefined;
    const handled = next(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      commandId = interaction.commandId;
      await interaction.reply({ content: "ok" });
    });
    ask(1);
    await handled;
    expect(commandId).toBe(guildCommandId);
  });
});

/** What tests here send wrong on purpose; the OpenAPI check below sets it aside. */
const deliberate = {
  violations: new Set<Emulator["specViolations"][number]>(),
  unknownRoute: "/nothing/here",
};

describe("the OpenAPI check", () => {
  test.runIf(Boolean(specPath))(
    "GIVEN every other test here THEN no request broke Discord's OpenAPI description",
    () => {
      expect(
        emu.specViolations.filter(
          (v) => !deliberate.violations.has(v) && v.path !== deliberate.unknownRoute,
        ),
      ).toEqual([]);
      expect(emu.unknownRoutes.filter((r) => r.path !== deliberate.unknownRoute)).toEqual([]);
    },
  );

  test.runIf(Boolean(specPath))(
    "GIVEN deliberately wrong bodies THEN each is reported",
    async () => {
      const before = emu.specViolations.length;
      const messages = Routes.channelMessages(guild.channels.general);
      await client.rest.post(messages, { body: { embeds: [{ title: 5 }] } });
      const file = { name: "a.txt", data: Buffer.from("a") };
      await client.rest.post(messages, { body: { content: 7 }, files: [file] });
      const i = emu.interact({ guildId: guild.id, user: ada, type: "command", name: "silent" });
      const callback = Routes.interactionCallback(i.id, i.token);
      await apiErrorOf(client.rest.post(callback, { body: { type: 99 }, auth: false }));
      const path = `/channels/${guild.channels.general}/messages`;
      const reported = emu.specViolations.slice(before);
      reported.forEach((v) => deliberate.violations.add(v));
      expect(reported.map((v) => v.path)).toEqual([
        path,
        path,
        `/interactions/${i.id}/${i.token}/callback`,
      ]);
      expect(reported[0]?.errors).toContain("/embeds/0/title must be string,null");
      expect(reported[1]?.errors).toContain("/content must be string,null");
      expect(reported[2]?.errors.join("\n")).toMatch(/\/type must be equal to one of/);
    },
  );

  test.skipIf(Boolean(specPath))("GIVEN no spec THEN nothing is checked", async () => {
    const messages = Routes.channelMessages(guild.channels.general);
    await client.rest.post(messages, { body: { embeds: [{ title: 5 }] } });
    expect(emu.specViolations).toEqual([]);
  });
});

describe("raw HTTP and gateway", () => {
  test("GIVEN no Authorization header THEN 401 with Discord's body", async () => {
    const response = await fetch(`${emu.apiUrl}/v10/users/@me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "401: Unauthorized", code: 0 });
  });

  test("GIVEN an unknown route THEN 404 and it is recorded", async () => {
    const response = await fetch(`${emu.apiUrl}/v10${deliberate.unknownRoute}`, {
      headers: { authorization: `Bot ${emu.token}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "404: Not Found", code: 0 });
    expect(emu.unknownRoutes).toContainEqual({ method: "GET", path: deliberate.unknownRoute });
  });

  test("GIVEN heartbeat, a stale RESUME and a wrong token THEN ACK, INVALID_SESSION and close 4004", async () => {
    const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
    const received: Array<{ op: number; d: unknown }> = [];
    ws.on("message", (data: Buffer) => {
      received.push(JSON.parse(data.toString()) as { op: number; d: unknown });
    });
    await once(ws, "open");
    const nextOp = (op: number) =>
      vi.waitFor(
        () => {
          const payload = received.find((p) => p.op === op);
          if (!payload) throw new Error(`the gateway sent no op ${op} yet`);
          return payload;
        },
        { timeout: 5_000, interval: 5 },
      );
    await nextOp(10);
    ws.send(JSON.stringify({ op: 1, d: null }));
    expect(await nextOp(11)).toMatchObject({ op: 11 });
    ws.send(JSON.stringify({ op: 6, d: { token: emu.token, session_id: "gone", seq: 1 } }));
    expect(await nextOp(9)).toMatchObject({ op: 9, d: false });
    const closed = once(ws, "close");
    ws.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: {} } }));
    const [code] = (await closed) as [number];
    expect(code).toBe(4004);
  });

  test("GIVEN compress=zlib-stream THEN HELLO arrives deflated", async () => {
    const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const [data] = (await once(ws, "message")) as [Buffer];
    const text = await new Promise<string>((resolve) => {
      inflate.once("data", (chunk: Buffer) => resolve(chunk.toString()));
      inflate.write(data);
    });
    ws.close();
    inflate.destroy();
    expect(JSON.parse(text)).toMatchObject({ op: 10, d: { heartbeat_interval: 41250 } });
  });
});

describe("two shards and a short ack deadline", () => {
  let emu2: Emulator;
  let client2: Client;
  let onShard1: GuildHandle;

  /** A guild id whose timestamp puts it on the given shard of two. */
  const guildIdOnShard = (shard: number) => {
    const stamp = (BigInt(Date.now()) - 1_420_070_400_000n) & ~1n;
    return ((stamp + BigInt(shard)) << 22n).toString();
  };

  beforeAll(async () => {
    emu2 = await startEmulator({ shards: 2, interactionAckDeadlineMs: 150 });
    emu2.addGuild({ id: guildIdOnShard(0), name: "Shard zero" });
    onShard1 = emu2.addGuild({ id: guildIdOnShard(1), name: "Shard one" });
    client2 = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: emu2.apiUrl },
      shards: "auto",
    });
    const ready = once(client2, "clientReady");
    await client2.login(emu2.token);
    await ready;
  });

  afterAll(async () => {
    await client2?.destroy();
    await emu2?.close();
  });

  test("GIVEN shards: auto THEN each shard identifies and gets only its guilds", () => {
    const identified = emu2.gatewayLog.filter((entry) => entry.kind === "identify");
    expect(identified.map((entry) => entry.shardId).sort()).toEqual([0, 1]);
    expect(client2.guilds.cache.map((g) => [g.name, g.shardId]).sort()).toEqual([
      ["Shard one", 1],
      ["Shard zero", 0],
    ]);
  });

  test("GIVEN a reply after the deadline THEN Discord's 10062 comes back and callback() explains it", async () => {
    const member = emu2.addMember(onShard1.id, { username: "slow" });
    let code: unknown;
    const handled = onNextInteraction(client2, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
      await interaction.reply({ content: "too late" }).catch((e: { code?: unknown }) => {
        code = e.code;
      });
    });
    const i = emu2.interact({ guildId: onShard1.id, user: member, type: "command", name: "slow" });
    await handled;
    expect(code).toBe(10062);
    await expect(i.callback(50)).rejects.toThrow(/callback -> 404/);
  });
});
