import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../src/app.js";
import {
  startEmulator,
  type Emulator,
  type GuildHandle,
  type MemberHandle,
} from "../../emulator/index.js";
import { deferredReply, startInProcessApp, type Clock } from "./harness.js";
import { Permission } from "../../emulator/permissions.js";

let emu: Emulator;
let app: App;
let guild: GuildHandle;
let members: MemberHandle[];
let admin: MemberHandle;
const clock: Clock = { now: 0 };
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

beforeAll(async () => {
  emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
  guild = emu.addGuild({ name: "Streakers", preferredLocale: "en-US" });
  members = Array.from({ length: 12 }, (_, i) =>
    emu.addMember(guild.id, { username: `m${i}`, locale: "en-US" }),
  );
  admin = emu.addMember(guild.id, {
    username: "admin",
    locale: "en-US",
    permissions: Permission.ManageGuild,
  });
  const dir = await mkdtemp(join(tmpdir(), "drill-streaks-"));
  app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock);
});

afterAll(async () => {
  await app?.stop();
  await emu?.close();
});

const member = (i: number) => members[i]!;

async function answerOn(day: string, who: MemberHandle, question = 4) {
  clock.now = noon(day);
  const reply = await deferredReply(
    emu.interact({
      guildId: guild.id,
      user: who,
      type: "modal",
      customId: `question:submit:${question}`,
      components: [{ customId: "answer", value: "encryption, access control" }],
    }),
  );
  expect(reply.embeds?.[0]).toMatchObject({ title: `Question ${question}: your answer, saved` });
}

const command = (
  who: MemberHandle,
  name: string,
  options: { name: string; type: number; value: string }[] = [],
) => emu.interact({ guildId: guild.id, user: who, type: "command", name, options });

type Embed = {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  image?: { url: string };
};
const embedOf = (reply: { embeds?: unknown[] | null }) => (reply.embeds?.[0] ?? {}) as Embed;
const fieldsOf = (reply: { embeds?: unknown[] | null }) =>
  Object.fromEntries((embedOf(reply).fields ?? []).map((f) => [f.name, f.value]));

describe("streaks, /streak and /leaderboard over the wire", () => {
  test("GIVEN answers on 7 consecutive days THEN /streak shows the streak, a freeze, the rank and the calendar", async () => {
    for (let d = 1; d <= 7; d++) await answerOn(`2026-11-0${d}`, member(0));
    const handle = command(member(0), "streak");
    const reply = await deferredReply(handle);
    expect(fieldsOf(reply)).toMatchObject({
      "Current streak": "7 days",
      "Best streak": "7 days",
      "Total answers": "7",
      "Freezes held": "1 of 2 (one earned every 7 days in a row)",
      "Rank in this server": "#1 of 1",
    });
    expect(fieldsOf(reply)["Last 12 weeks (Mon–Sun, oldest left)"]).toMatch(/^```\n[■□ ]+\n/);
    expect(embedOf(reply).image).toEqual({ url: "attachment://calendar.png" });
    const upload = emu.requests.find(
      (r) => r.method === "PATCH" && r.files.some((f) => f.filename === "calendar.png"),
    );
    expect(upload?.files[0]).toMatchObject({ contentType: "image/png" });
  });

  test("GIVEN one missed day THEN the freeze is spent and the streak goes on", async () => {
    await answerOn("2026-11-09", member(0)); // 2026-11-08 missed
    const reply = await deferredReply(command(member(0), "streak"));
    expect(fieldsOf(reply)).toMatchObject({
      "Current streak": "8 days",
      "Freezes held": "0 of 2 (one earned every 7 days in a row)",
    });
  });

  test("GIVEN another member's streak asked for THEN it is shown without pinging them", async () => {
    const reply = await deferredReply(
      command(member(1), "streak", [{ name: "member", type: 6, value: member(0).id }]),
    );
    expect(embedOf(reply).description).toBe(`<@${member(0).id}>`);
    expect(fieldsOf(reply)["Current streak"]).toBe("8 days");
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  test("GIVEN 12 members on the board THEN /leaderboard pages by 10 and shows the caller's rank", async () => {
    for (let i = 1; i < 12; i++) {
      // A different question each time: one question counts once a day.
      for (let n = 0; n < i; n++) await answerOn("2026-11-09", member(i), n + 1);
    }
    const first = await deferredReply(
      command(member(1), "leaderboard", [{ name: "by", type: 3, value: "answers" }]),
    );
    const lines = embedOf(first).description?.split("\n") ?? [];
    expect(lines[0]).toBe(`**1.** <@${member(11).id}> · 11 answers`);
    expect(lines.filter((line) => line.startsWith("**"))).toHaveLength(10);
    expect(embedOf(first).description).toContain("You: #12 · 1 answer");
    const buttons = (
      first.components?.[0] as { components: { custom_id: string; disabled: boolean }[] }
    ).components;
    expect(buttons.map((b) => [b.custom_id, b.disabled])).toEqual([
      ["leaderboard:page:answers--1", true],
      ["leaderboard:page:answers-1", false],
    ]);

    const next = emu.interact({
      guildId: guild.id,
      user: member(1),
      type: "button",
      customId: buttons[1]!.custom_id,
    });
    const callback = await next.callback();
    expect(callback.type).toBe(6); // deferred update of the board message
    const page2 = await next.edited();
    expect(embedOf(page2).description).toMatch(
      new RegExp(
        `^\\*\\*11\\.\\*\\* <@${member(2).id}> · 2 answers\\n\\*\\*12\\.\\*\\* <@${member(1).id}> · 1 answer`,
      ),
    );
    expect((page2.embeds?.[0] as { footer: { text: string } }).footer.text).toBe("Page 2 of 2");
  });

  test("GIVEN the streak board THEN members are ranked by their current streak", async () => {
    const reply = await deferredReply(command(member(2), "leaderboard"));
    expect(embedOf(reply).title).toBe("Leaderboard · Current streak");
    expect(embedOf(reply).description?.split("\n")[0]).toBe(`**1.** <@${member(0).id}> · 8 days`);
  });

  test("GIVEN a reset after two misses THEN an admin restores the streak, and a member cannot", async () => {
    await answerOn("2026-11-12", member(0)); // 11-10 and 11-11 missed with no freeze left
    expect(fieldsOf(await deferredReply(command(member(0), "streak")))["Current streak"]).toBe(
      "1 day",
    );
    const restore = (who: MemberHandle) =>
      deferredReply(
        emu.interact({
          guildId: guild.id,
          user: who,
          type: "command",
          name: "config",
          options: [
            {
              type: 1,
              name: "restore-streak",
              options: [{ name: "member", type: 6, value: member(0).id }],
            },
          ],
        }),
      );
    expect((await restore(member(1))).content).toBe(
      "Only members with the Manage Server permission can change these settings.",
    );
    expect((await restore(admin)).content).toBe(
      `Saved. Restored the streak of <@${member(0).id}> from 1 to 9 days.`,
    );
    expect(fieldsOf(await deferredReply(command(member(0), "streak")))["Current streak"]).toBe(
      "9 days",
    );
  });

  test.runIf(Boolean(process.env.DISCORD_API_SPEC))(
    "GIVEN DISCORD_API_SPEC THEN every request was valid Discord",
    () => {
      expect(emu.specViolations).toEqual([]);
      expect(emu.unknownRoutes).toEqual([]);
    },
  );
});
