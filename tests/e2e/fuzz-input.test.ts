import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApplicationCommandOptionType as T, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import type { App } from "../../src/app.js";
import { t, type MessageKey } from "../../src/discord/i18n.js";
import enUS from "../../src/i18n/en-US.json" with { type: "json" };
import { openEngine, NAMESPACES } from "../../src/store/open-store.js";
import {
  RefusedByClient,
  startEmulator,
  type CommandOptionInput,
  type Emulator,
  type GuildHandle,
  type InteractionHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { Permission } from "../../emulator/permissions.js";
import { startInProcessApp, type Clock } from "./harness.js";

const EPHEMERAL = 64;

/** What a member can paste into any text box. */
const TEXT: [string, string][] = [
  ["empty", ""],
  ["whitespace only", "  \t \u00a0 "],
  ["4,000 characters", "x".repeat(4000)],
  ["emoji", "🔥🧠💾"],
  ["right-to-left", "\u202eשלום مرحبا"],
  ["zero-width", "\u200b\u200c\u200d\ufeff"],
  ["NUL", "a\u0000b"],
  ["out of range", "25:61"],
];
const NUMBERS: [string, number][] = [
  ["zero", 0],
  ["negative", -1],
  ["no such question", 999_999],
  ["past 2^53", 2 ** 53 + 2],
  ["fraction", 1.5],
];

type Def = {
  name: string;
  type: T;
  options?: Def[];
  choices?: { value: unknown }[];
  max_length?: number;
  min_length?: number;
  min_value?: number;
  max_value?: number;
  autocomplete?: boolean;
};
type Target = { command: string; path: string[]; def: Def };
const nameOf = (target: Target) =>
  `/${[target.command, ...target.path, target.def.name].join(" ")}`;

/** Every string and integer option of every command, with the subcommands leading to it. */
function targets(kinds: readonly T[] = [T.String, T.Integer]): Target[] {
  const found: Target[] = [];
  const walk = (command: string, path: string[], defs: Def[]) => {
    for (const def of defs) {
      if (def.type === T.Subcommand || def.type === T.SubcommandGroup)
        walk(command, [...path, def.name], def.options ?? []);
      else if (kinds.includes(def.type)) found.push({ command, path, def });
    }
  };
  for (const command of commands) walk(command.data.name, [], command.data.options ?? []);
  return found;
}

const optionsFor = (target: Target, leaf: CommandOptionInput): CommandOptionInput[] =>
  target.path.reduceRight<CommandOptionInput[]>(
    (inner, name) => [{ type: T.Subcommand, name, options: inner }],
    [leaf],
  );

const chars = (value: string) => [...value].length;

/** What Discord's client refuses before anything is sent, by the option's registered rules. */
function clientRefuses(def: Def, value: string | number): boolean {
  if (typeof value === "number")
    return (
      !Number.isSafeInteger(value) ||
      (def.min_value !== undefined && value < def.min_value) ||
      (def.max_value !== undefined && value > def.max_value)
    );
  return (
    value === "" ||
    chars(value) > (def.max_length ?? 6000) ||
    chars(value) < (def.min_length ?? 0) ||
    (def.choices !== undefined && !def.choices.some((choice) => choice.value === value))
  );
}

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let admin: MemberHandle;
let storeUrl: string;
let outsider: MemberHandle;
let elsewhere: GuildHandle;
const clock: Clock = { now: Date.parse("2026-11-30T12:00:00Z") };

/** Every record of every namespace, read on a connection of its own. */
async function storeContents() {
  const engine = await openEngine(storeUrl);
  try {
    const contents: Record<string, unknown[]> = {};
    for (const namespace of NAMESPACES)
      contents[namespace] = await (await engine.open(namespace)).atomic.scanPrefix("");
    return contents;
  } finally {
    await engine.close();
  }
}

/** The reply a member sees: the immediate one, or the edit of a deferred one. */
async function replyOf(handle: InteractionHandle) {
  const callback = await handle.callback(3000);
  const flags = callback.data?.flags ?? 0;
  const body = callback.type === 5 ? await handle.edited(3000) : (callback.data ?? {});
  return { type: callback.type, ephemeral: (flags & EPHEMERAL) !== 0, body };
}

const FAILURES: MessageKey[] = [
  "error.bug",
  "error.discord",
  ...(Object.keys(enUS) as MessageKey[]).filter((key) => key.startsWith("error.store")),
];

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({
    name: "Fuzz",
    channels: [
      { name: "voice", type: 2 },
      { name: "category", type: 4 },
      { name: "locked", type: 0 },
    ],
  });
  elsewhere = emu.addGuild({ name: "Elsewhere" });
  outsider = emu.addMember(elsewhere.id, { username: "outsider", locale: "en-US" });
  admin = emu.addMember(guild.id, {
    username: "admin",
    locale: "en-US",
    permissions: Permission.ManageGuild,
  });
  const dir = await mkdtemp(join(tmpdir(), "drill-fuzz-"));
  storeUrl = `sqlite://${join(dir, "drill.sqlite")}`;
  app = await startInProcessApp(emu, storeUrl, clock);
  // Registered as `npm run deploy` does, so the emulator knows each option's rules.
  await app.client.rest.put(Routes.applicationGuildCommands(emu.applicationId, guild.id), {
    body: commands.map((command) => command.data),
  });
  // Something in the store to keep: a setting and an answer.
  await app.ctx.guilds.update(guild.id, (s) => ({ ...s, time: "07:30" }));
  await replyOf(answer("a first answer"));
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

function answer(value: string) {
  return emu.interact({
    guildId: guild.id,
    user: admin,
    type: "modal",
    customId: "question:submit:4",
    components: [{ customId: "answer", value }],
  });
}

describe("bad input through every option, as a member would send it", () => {
  const cases = targets().flatMap((target) =>
    (target.def.type === T.String ? TEXT : NUMBERS).map(
      ([label, value]) => [nameOf(target), label, target, value] as const,
    ),
  );

  test("GIVEN the commands THEN every string and integer option is fuzzed", () => {
    const names = new Set(cases.map(([name]) => name));
    expect([...names].sort()).toEqual([
      "/config days value",
      "/config digest value",
      "/config language value",
      "/config time value",
      "/config timezone value",
      "/leaderboard by",
      "/question ask number",
      "/question ask topic",
      "/question interview count",
      "/question interview topic",
      "/question reveal number",
    ]);
  });

  test.each(cases)(
    "GIVEN %s with %s THEN Discord refuses it or the bot answers privately and clearly, storing nothing",
    async (_, __, target, value) => {
      const before = await storeContents();
      const leaf = { name: target.def.name, type: target.def.type, value };
      const send = () =>
        emu.interact({
          guildId: guild.id,
          user: admin,
          type: "command",
          name: target.command,
          options: optionsFor(target, leaf),
        });
      if (clientRefuses(target.def, value)) {
        expect(send).toThrow(RefusedByClient);
        return;
      }
      const reply = await replyOf(send());
      expect(reply.ephemeral).toBe(true);
      const content = reply.body.content ?? "";
      expect(content.length).toBeGreaterThan(10);
      expect(content).not.toMatch(/\{\w+\}/); // every placeholder filled in
      for (const key of FAILURES) expect(content).not.toBe(t("en-US", key));
      expect(await storeContents()).toEqual(before);
    },
  );

  const typed = targets()
    .filter((target) => target.def.autocomplete)
    .flatMap((target) =>
      TEXT.map(([label, value]) => [nameOf(target), label, target, value] as const),
    );

  test.each(typed)(
    "GIVEN %s typed as %s THEN autocomplete answers with at most 25 valid choices",
    async (_, __, target, value) => {
      const leaf = { name: target.def.name, type: target.def.type, value, focused: true };
      const send = () =>
        emu.interact({
          guildId: guild.id,
          user: admin,
          type: "autocomplete",
          name: target.command,
          options: optionsFor(target, leaf),
        });
      // While typing, the client stops at max_length; shorter text is sent as typed.
      if (chars(value) > (target.def.max_length ?? 6000)) {
        expect(send).toThrow(RefusedByClient);
        return;
      }
      const callback = await send().callback(3000);
      expect(callback.type).toBe(8);
      expect((callback.data?.choices ?? []).length).toBeLessThanOrEqual(25);
    },
  );
});

describe("bad input through the answer form", () => {
  const showForm = async () => {
    const click = emu.interact({
      guildId: guild.id,
      user: admin,
      type: "button",
      customId: "question:answer:4",
    });
    expect((await click.callback(3000)).type).toBe(9);
  };

  test.each(TEXT)(
    "GIVEN an answer that is %s THEN Discord refuses it, or it is refused or saved as typed",
    async (_, value) => {
      await showForm();
      const visible = value.replace(/[\s\p{Cc}\p{Cf}]/gu, "");
      if (value === "" || chars(value) > 1000) {
        expect(() => answer(value)).toThrow(RefusedByClient);
        return;
      }
      const before = await storeContents();
      const reply = await replyOf(answer(value));
      expect(reply.ephemeral).toBe(true);
      if (visible === "") {
        expect(reply.body.content).toBe(t("en-US", "error.answer-empty"));
        expect(await storeContents()).toEqual(before);
        return;
      }
      // Text a reader can see is an answer: saved without control characters, and echoed back.
      const saved = value.replace(/\p{Cc}/gu, "").trim();
      expect(JSON.stringify(reply.body.embeds)).toContain(JSON.stringify(saved).slice(1, -1));
      const answers = (await storeContents())["answers"] as { text?: string }[];
      expect(JSON.stringify(answers)).toContain(JSON.stringify(saved).slice(1, -1));
    },
  );
});

describe("a 3,000-character topic from a registration without max_length", () => {
  test("GIVEN /question ask topic with 3,000 characters THEN the bot answers privately within Discord's 2,000", async () => {
    // A server where the commands were registered before max_length: the value reaches the bot.
    const old = emu.addGuild({ name: "Old registration" });
    const member = emu.addMember(old.id, { username: "paster", locale: "en-US" });
    const topic = "y".repeat(3000);
    const reply = await replyOf(
      emu.interact({
        guildId: old.id,
        user: member,
        type: "command",
        name: "question",
        options: [{ type: 1, name: "ask", options: [{ name: "topic", type: 3, value: topic }] }],
      }),
    );
    expect(reply.ephemeral).toBe(true);
    const content = reply.body.content ?? "";
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content).toMatch(/^There is no topic “y{99}…”/);
  });

  test("GIVEN the registered commands THEN Discord's client refuses the same topic", () => {
    expect(() =>
      emu.interact({
        guildId: guild.id,
        user: admin,
        type: "command",
        name: "question",
        options: [
          { type: 1, name: "ask", options: [{ name: "topic", type: 3, value: "y".repeat(3000) }] },
        ],
      }),
    ).toThrow(/max_length 100/);
  });
});

describe("picked options with what no picker offers", () => {
  // A user or channel option carries an id the member picked; these are the wrong picks.
  const picks = (): [string, string][] => [
    ["an unknown user", "1"],
    ["a user outside the server", outsider.id],
    ["an unknown channel", "1"],
    ["a voice channel", guild.channels["voice"] ?? ""],
    ["a category", guild.channels["category"] ?? ""],
    ["another server's channel", elsewhere.channels.general],
    ["a channel the bot cannot post in", guild.channels["locked"] ?? ""],
  ];
  const cases = targets([T.User, T.Channel]).map((target) => [nameOf(target), target] as const);

  test("GIVEN the commands THEN every user and channel option is covered", () => {
    expect(cases.map(([name]) => name).sort()).toEqual([
      "/config channel value",
      "/config restore-streak member",
      "/progress member",
      "/streak member",
    ]);
  });

  test.each(cases)(
    "GIVEN %s THEN a wrong pick is refused by Discord or answered without a change",
    async (_, target) => {
      emu.setChannelPermissions(guild.channels["locked"] ?? "", [
        { id: guild.botRoleId, type: 0, deny: Permission.SendMessages },
      ]);
      const kind = target.def.type === T.User ? "user" : "channel";
      for (const [label, value] of picks().filter(([label]) => label.includes(kind))) {
        const before = await storeContents();
        const send = () =>
          emu.interact({
            guildId: guild.id,
            user: admin,
            type: "command",
            name: target.command,
            options: optionsFor(target, { name: target.def.name, type: target.def.type, value }),
          });
        const reachesBot =
          label === "a user outside the server" || label.startsWith("a channel the bot");
        if (!reachesBot) {
          expect(send, label).toThrow(RefusedByClient);
          continue;
        }
        const reply = await replyOf(send());
        const content = reply.body.content ?? "";
        for (const key of FAILURES) expect(content, label).not.toBe(t("en-US", key));
        // An error says so privately; /streak of someone outside is their (empty) public card.
        if (content) expect(reply.ephemeral, label).toBe(true);
        expect(await storeContents(), label).toEqual(before);
      }
    },
  );
});
