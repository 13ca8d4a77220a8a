import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import { t, type MessageKey } from "../../src/discord/i18n.js";
import type { Language } from "../../src/domain/locale.js";
import { StoreError } from "../../src/store/store-error.js";
import { NAMESPACES, type Repositories } from "../../src/store/open-store.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { Permission } from "../../emulator/permissions.js";
import { startInProcessApp, type Clock } from "./harness.js";

/*
 * When the store fails, the member reads what could not be done (their streak, the leaderboard,
 * the settings…), not that "your answer could not be saved", in their own language.
 */

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let admins: Record<Language, MemberHandle>;
const clock: Clock = { now: Date.parse("2026-12-01T12:00:00Z") };
let healthy: Repositories;

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Store down" });
  admins = {
    "en-US": emu.addMember(guild.id, {
      username: "ada",
      locale: "en-US",
      permissions: Permission.ManageGuild,
    }),
    "zh-CN": emu.addMember(guild.id, {
      username: "wang",
      locale: "zh-CN",
      permissions: Permission.ManageGuild,
    }),
  };
  const dir = await mkdtemp(join(tmpdir(), "drill-store-down-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
  healthy = Object.fromEntries(NAMESPACES.map((name) => [name, app.ctx[name]])) as Repositories;
});

afterEach(() => Object.assign(app.ctx, healthy));

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

/** Every repository call fails as a store that went away does: with a StoreError. */
function storeGoesDown() {
  for (const name of NAMESPACES) {
    const failing = new Proxy(healthy[name], {
      get: (target, property): unknown => {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return () => Promise.reject(new StoreError(`store ${String(property)} failed: disk gone`));
      },
    });
    Object.assign(app.ctx, { [name]: failing });
  }
}

type Sent = ReturnType<Emulator["interact"]>;
const base = (member: MemberHandle) => ({
  guildId: guild.id,
  channelId: guild.channels.general,
  user: member,
  locale: member.locale,
});
const slash =
  (name: string, options: object[] = []) =>
  (member: MemberHandle) =>
    emu.interact({ ...base(member), type: "command", name, options } as Parameters<
      Emulator["interact"]
    >[0]);
const config = (sub: string, options: object[] = []) =>
  slash("config", [{ type: 1, name: sub, options }]);

const CASES: [string, (member: MemberHandle) => Sent, MessageKey][] = [
  ["/streak", slash("streak"), "error.store.streak"],
  ["/leaderboard", slash("leaderboard"), "error.store.leaderboard"],
  [
    "a leaderboard page button",
    (member) =>
      emu.interact({ ...base(member), type: "button", customId: "leaderboard:page:streak-1" }),
    "error.store.leaderboard",
  ],
  ["/config show", config("show"), "error.store.settings-read"],
  [
    "/config time",
    config("time", [{ name: "value", type: 3, value: "07:30" }]),
    "error.store.settings-save",
  ],
  ["/config disable", config("disable"), "error.store.settings-save"],
  ["/config post-now", config("post-now"), "error.store.post-now"],
  [
    "/config restore-streak",
    (member) => config("restore-streak", [{ name: "member", type: 6, value: member.id }])(member),
    "error.store.restore-streak",
  ],
  [
    "/config digest",
    config("digest", [{ name: "value", type: 3, value: "7" }]),
    "error.store.settings-save",
  ],
  ["/progress", slash("progress"), "error.store.progress"],
  ["/question review", slash("question", [{ type: 1, name: "review" }]), "error.store.review"],
  [
    "/question reveal",
    slash("question", [
      { type: 1, name: "reveal", options: [{ name: "number", type: 4, value: 1 }] },
    ]),
    "error.store.reveal",
  ],
  [
    "a Reveal button",
    (member) => emu.interact({ ...base(member), type: "button", customId: "question:reveal:1" }),
    "error.store.reveal",
  ],
  [
    "a grade correction button",
    (member) =>
      emu.interact({ ...base(member), type: "button", customId: "question:grade:1-good" }),
    "error.store.grade",
  ],
  [
    "an answer's submission",
    (member) =>
      emu.interact({
        ...base(member),
        type: "modal",
        customId: "question:submit:1",
        components: [{ customId: "answer", value: "an answer" }],
      }),
    "error.store.answer",
  ],
  [
    "/question interview",
    slash("question", [{ type: 1, name: "interview" }]),
    "error.store.interview",
  ],
  [
    "a mock interview answer's submission",
    (member) =>
      emu.interact({
        ...base(member),
        type: "modal",
        customId: "question:interview-submit:1_2_3-",
        components: [{ customId: "answer", value: "an answer" }],
      }),
    "error.store.answer",
  ],
];

describe("a store failure says what could not be done", () => {
  test.each(
    CASES.flatMap(([what, send, key]) =>
      (["en-US", "zh-CN"] as const).map((lang) => [what, lang, send, key] as const),
    ),
  )("GIVEN the store down THEN %s tells a %s member so", async (_, lang, send, key) => {
    storeGoesDown();
    const handle = send(admins[lang]);
    const callback = await handle.callback();
    const body = callback.type === 5 || callback.type === 6 ? await handle.edited() : callback.data;
    expect(body?.content).toBe(t(lang, key));
  });
});
