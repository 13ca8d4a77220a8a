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

const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
type Embed = { description?: string; fields?: { name: string; value: string }[] };

/**
 * One rule for /streak, /leaderboard and the daily post's "on a streak" count: a member who left
 * is not ranked nor counted. Run once as the bot runs by default (Guilds intent only: members
 * ranked above the caller are checked with Discord) and once with MEMBERS_INTENT=true
 * (GUILD_MEMBER_REMOVE marks them as they leave).
 */
/** The member submits an answer to question 4 and is told it was saved. */
async function answerQuestion4(emu: Emulator, guild: GuildHandle, member: MemberHandle) {
  const reply = await deferredReply(
    emu.interact({
      guildId: guild.id,
      user: member,
      type: "modal",
      customId: "question:submit:4",
      components: [{ customId: "answer", value: "encryption, access control" }],
    }),
  );
  expect(reply.embeds?.[0]).toMatchObject({ title: "Question 4: your answer, saved" });
}

describe.each([
  { intent: false, env: {} },
  { intent: true, env: { MEMBERS_INTENT: "true" } },
])("members who left, Server Members intent $intent", ({ intent, env }) => {
  let emu: Emulator;
  let app: App;
  let guild: GuildHandle;
  const who: Record<string, MemberHandle> = {};
  const clock: Clock = { now: noon("2026-11-04") };

  beforeAll(async () => {
    emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
    guild = emu.addGuild({ name: "Leavers" });
    for (const name of ["top", "mid", "tie", "me"])
      who[name] = emu.addMember(guild.id, { username: name, locale: "en-US" });
    const dir = await mkdtemp(join(tmpdir(), "drill-left-"));
    app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock, env);
    // Streaks on 2026-11-04: top 3, mid 2, tie 2, me 1.
    const days = { top: ["02", "03", "04"], mid: ["03", "04"], tie: ["03", "04"], me: ["04"] };
    for (const [name, list] of Object.entries(days)) {
      for (const day of list) await answerOn(`2026-11-${day}`, who[name]!);
    }
  });

  afterAll(async () => {
    await app?.stop();
    await emu?.close();
  });

  async function answerOn(day: string, member: MemberHandle) {
    clock.now = noon(day);
    await answerQuestion4(emu, guild, member);
  }

  const command = async (name: string) =>
    ((
      await deferredReply(
        emu.interact({ guildId: guild.id, user: who["me"]!, type: "command", name }),
      )
    ).embeds?.[0] ?? {}) as Embed;
  const streakRank = async () =>
    (await command("streak")).fields?.find((f) => f.name === "Rank in this server")?.value;
  const boardYou = async () =>
    /You: #(\d+)/.exec((await command("leaderboard")).description ?? "")?.[1];
  const memberLookups = () =>
    emu.requests.filter((r) => r.method === "GET" && r.path.includes("/members/")).length;

  // Without the intent a member seen present is trusted for 10 minutes (the cost bound), so the
  // first look comes after the leave there; with it, GUILD_MEMBER_REMOVE also ends what was seen.
  test.runIf(intent)(
    "GIVEN everyone present THEN /streak and the board rank the caller 4th",
    async () => {
      clock.now = noon("2026-11-04");
      expect(await streakRank()).toBe("#4 of 4");
      expect(await boardYou()).toBe("4");
    },
  );

  test("GIVEN the top member leaves THEN /streak and the board agree on 3rd and the daily post counts 3", async () => {
    emu.removeMember(guild.id, who["top"]!.id);
    if (intent) {
      // GUILD_MEMBER_REMOVE alone marks them: no command needs to run first.
      await expect
        .poll(async () => (await app.ctx.members.get(guild.id, who["top"]!.id)).left, {
          timeout: 5000,
        })
        .toBe(true);
    } else {
      expect(await streakRank()).toBe("#3 of 3");
    }
    expect(await streakRank()).toBe("#3 of 3");
    expect(await boardYou()).toBe("3");
    const board = (await command("leaderboard")).description ?? "";
    expect(board).not.toContain(`<@${who["top"]!.id}>`);

    await app.ctx.guilds.update(guild.id, (s) => ({
      ...s,
      channelId: guild.channels.general,
      time: "08:00",
      enabled: true,
    }));
    const lookups = memberLookups();
    const before = emu.messages(guild.channels.general).length;
    await app.tick(Date.parse("2026-11-05T08:01:00Z"));
    const post = (await emu.waitForMessages(guild.channels.general, before + 1)).at(-1);
    const today = (post?.embeds.at(-1) ?? {}) as Embed;
    expect(today.description).toContain("3 members are on a streak");
    // No new request per member: /streak and /leaderboard just checked them (remembered for a
    // while), or, with the intent, Discord reported the leaver.
    expect(memberLookups()).toBe(lookups);
  });
});

/**
 * The daily post's count follows the same rule when nobody has run a command since a member
 * left: with the intent the store already knows, without it the members on a streak are checked.
 */
describe.each([
  { intent: false, env: {} },
  { intent: true, env: { MEMBERS_INTENT: "true" } },
])("a member leaves before the daily post, Server Members intent $intent", ({ intent, env }) => {
  let emu: Emulator;
  let app: App;
  const clock: Clock = { now: noon("2026-11-03") };

  beforeAll(async () => {
    emu = await startEmulator({ specPath: process.env.DISCORD_API_SPEC });
    const dir = await mkdtemp(join(tmpdir(), "drill-left-post-"));
    app = await startInProcessApp(emu, `sqlite://${join(dir, "drill.sqlite")}`, clock, env);
  });

  afterAll(async () => {
    await app?.stop();
    await emu?.close();
  });

  test("GIVEN three members on a streak and one leaves THEN the next post counts 2, checking at most the three", async () => {
    const guild = emu.addGuild({ name: "Quiet leavers" });
    const members = ["a", "b", "c"].map((name) =>
      emu.addMember(guild.id, { username: name, locale: "en-US" }),
    );
    await expect.poll(() => app.ctx.discord.holdsGuild(guild.id), { timeout: 5000 }).toBe(true);
    for (const day of ["2026-11-03", "2026-11-04"]) {
      clock.now = noon(day);
      for (const member of members) await answerQuestion4(emu, guild, member);
    }
    const leaver = members[1]!;
    emu.removeMember(guild.id, leaver.id);
    if (intent)
      await expect
        .poll(async () => (await app.ctx.members.get(guild.id, leaver.id)).left, { timeout: 5000 })
        .toBe(true);
    await app.ctx.guilds.update(guild.id, (s) => ({
      ...s,
      channelId: guild.channels.general,
      time: "08:00",
      enabled: true,
    }));
    const lookups = () =>
      emu.requests.filter((r) => r.method === "GET" && r.path.includes("/members/")).length;
    const before = lookups();
    await app.tick(Date.parse("2026-11-05T08:01:00Z"));
    const post = (await emu.waitForMessages(guild.channels.general, 1)).at(-1);
    expect(((post?.embeds.at(-1) ?? {}) as Embed).description).toContain(
      "2 members are on a streak",
    );
    // With the intent the store knows already; without it each member on a streak is asked once.
    expect(lookups() - before).toBe(intent ? 0 : 3);
  });
});
