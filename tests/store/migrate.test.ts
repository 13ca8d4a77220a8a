import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { boardSpec } from "../../src/domain/board.js";
import { cardAfterGrade } from "../../src/domain/card-day.js";
import { runMigrateStore } from "../../src/migrate-store.js";
import { MigrationError, migrateStore } from "../../src/store/migrate.js";
import { NAMESPACES, openStore, type Store } from "../../src/store/open-store.js";
import { guildMembers, memberAnswers } from "../helpers/store-reads.js";
import { seedCalendarDay, seedParticipation } from "../helpers/store-seeds.js";
import { answer, post, saveAnswer, writeLegacyAnswers } from "./records.js";
import { ENGINES, failUnlessAvailable, runsHere, SQLITE } from "./store-engines.js";

/** A store with something in every namespace, including a released day and a second server. */
async function populate(url: string): Promise<void> {
  const store = await openStore(url);
  try {
    for (const [i, userId] of ["u1", "u2", "u3"].entries()) {
      await saveAnswer(store, answer({ id: `a${i}`, userId, at: i, text: `:answer ${i}` }));
      await store.members.update("g1", userId, (m) => ({ ...m, totalAnswers: i + 1 }));
      await seedParticipation(url, "g1", 5, userId, 100 + i);
    }
    await saveAnswer(store, answer({ id: "b", guildId: "g10" }));
    await store.members.update("g10", "u1", (m) => ({ ...m, left: true }));
    await seedCalendarDay(url, "g1", "u1", "2026-05-04", "2026-02-01");
    await seedCalendarDay(url, "g1", "u2", "2026-05-03", "2026-02-01");
    await store.guilds.update("g1", (s) => ({ ...s, enabled: true, channelId: "c1" }));
    await store.guilds.update("g10", (s) => ({ ...s, time: "07:15", language: "zh-CN" }));
    await store.posts.claim(post());
    const claimed = await store.posts.get("g1", "2026-05-04");
    if (claimed) await store.posts.replace(claimed, { ...claimed, status: "sent", messageId: "m" });
    await store.posts.claim(post({ day: "2026-05-05" }));
    await store.posts.release("g1", "2026-05-05");
    await store.rotation.save("g1", { cycle: 1, posted: [3, 7], previous: 7 });
    await store.digests.claim({
      guildId: "g1",
      day: "2026-05-03",
      nonce: "d20260503",
      claimant: "instance-a",
      claimedAt: 1_000,
      attempts: 1,
      retryAt: 0,
      status: "claimed",
      messageId: null,
      sentAt: null,
    });
    const owner = { guildId: "g1", userId: "u1", question: 5 };
    await store.cards.move("g1", "u1", 5, (card) => ({
      ...owner,
      ...cardAfterGrade(card, "hard", 1_764_000_000_123, "2026-05-04"),
    }));
  } finally {
    await store.close();
  }
  // Rows per submit, as older stores kept them: copied as they are, read folded.
  await writeLegacyAnswers(url, [
    answer({ id: "old1", userId: "u3", question: 6, at: 50, text: "first try" }),
    answer({ id: "old2", userId: "u3", question: 6, at: 60, text: "second try" }),
  ]);
}

/** Everything a user could notice, read through the repositories. */
async function snapshot(store: Store, url: string) {
  const sortBy = <T>(items: T[], key: (item: T) => string) =>
    [...items].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    answers: await Promise.all(
      ["u1", "u2", "u3"].map((userId) => memberAnswers(url, "g1", userId)),
    ),
    answersG10: await memberAnswers(url, "g10", "u1"),
    guilds: sortBy(await store.guilds.list(), (g) => g.guildId),
    posts: [await store.posts.get("g1", "2026-05-04"), await store.posts.get("g1", "2026-05-05")],
    rotation: await store.rotation.get("g1"),
    digest: await store.digests.get("g1", "2026-05-03"),
    participation: [
      await store.participation.count("g1", 5, 0),
      await store.participation.count("g1", 5, 101),
    ],
    members: sortBy(await guildMembers(url, "g1"), (m) => m.userId),
    membersG10: await guildMembers(url, "g10"),
    calendar: await store.calendars.days("g1", "u1"),
    cards: await store.cards.ofMember("g1", "u1"),
    membersDue: await store.cards.membersDue("g1", Number.MAX_SAFE_INTEGER),
    // The engine's own board (SQL on SQLite and PostgreSQL) sees the copied rows too.
    boards: await Promise.all(
      ["g1", "g10"].map(async (guildId) => {
        const spec = boardSpec("answers", "2026-05-04", () => true);
        const query = { guildId, spec, pageIndex: 0, pageSize: 10, callerId: "u2" };
        return store.members.board(query);
      }),
    ),
  };
}

async function snapshotOf(url: string) {
  const store = await openStore(url);
  try {
    return await snapshot(store, url);
  } finally {
    await store.close();
  }
}

const EXPECTED_COUNTS = {
  answers: 6,
  guilds: 2,
  posts: 1,
  rotation: 1,
  participation: 4,
  members: 4,
  calendars: 2,
  // One card and its member's summary.
  cards: 2,
  digests: 1,
};

afterAll(() => SQLITE.cleanup());

describe.each(ENGINES)("migrating a populated SQLite store to $name", (target) => {
  describe.runIf(runsHere(target))("copies and verifies", () => {
    failUnlessAvailable(target);
    afterAll(() => target.cleanup());

    test("GIVEN a populated SQLite store THEN every record reads back identically from the target", async () => {
      const from = await SQLITE.freshUrl();
      const to = await target.freshUrl();
      await populate(from);
      const reports = await migrateStore(from, to, { force: false });
      expect(reports.map((r) => r.namespace)).toEqual([...NAMESPACES]);
      for (const report of reports) {
        const expected = EXPECTED_COUNTS[report.namespace as keyof typeof EXPECTED_COUNTS];
        expect(report).toEqual({ ...report, source: expected, target: expected, verified: true });
      }
      const copied = await snapshotOf(to);
      expect(copied).toEqual(await snapshotOf(from));
      expect(copied.answers[0]?.[0]?.text).toBe(":answer 0");
      expect([copied.cards.length, copied.membersDue]).toEqual([1, 1]);
      expect(copied.answers[2]?.map((a) => [a.question, a.text, a.attempts])).toEqual([
        [5, ":answer 2", 1],
        [6, "second try", 2],
      ]);
      const [g1, g10] = copied.boards;
      expect(g1?.page.items.map((e) => [e.userId, e.value, e.rank])).toEqual([
        ["u3", 3, 1],
        ["u2", 2, 2],
        ["u1", 1, 3],
      ]);
      expect(g1?.caller).toEqual({ rank: 2, value: 2 });
      expect(g10?.page.total).toBe(0); // its only member left
    });

    test("GIVEN a non-empty target THEN it is refused, and with force it is replaced exactly", async () => {
      const from = await SQLITE.freshUrl();
      const to = await target.freshUrl();
      await populate(from);
      const stale = await openStore(to);
      await saveAnswer(stale, answer({ id: "stale", guildId: "g99" }));
      await stale.close();
      await expect(migrateStore(from, to, { force: false })).rejects.toThrow(MigrationError);
      await expect(migrateStore(from, to, { force: false })).rejects.toThrow(
        /target store is not empty \(answers 1, participation 1, members 1\); pass --force/,
      );
      const reports = await migrateStore(from, to, { force: true });
      expect(reports.every((r) => r.verified)).toBe(true);
      const copied = await snapshotOf(to);
      expect(copied).toEqual(await snapshotOf(from));
      const check = await openStore(to);
      expect(await memberAnswers(to, "g99", "u1")).toEqual([]);
      await check.close();
    });
  });
});

describe("npm run migrate-store", () => {
  function capture() {
    const lines = { out: [] as string[], err: [] as string[] };
    return {
      lines,
      io: {
        log: (line: string) => lines.out.push(line),
        error: (line: string) => lines.err.push(line),
      },
    };
  }

  test.each([
    [
      ["--to", "sqlite://b.sqlite"],
      /^migrate-store: --from is missing \(usage: npm run migrate-store -- --from/,
    ],
    [["--from", "sqlite://a.sqlite"], /^migrate-store: --to is missing/],
    [
      ["--from", "a.sqlite", "--to", "sqlite://b"],
      /^migrate-store: --from must be a store URL: sqlite:\/\//,
    ],
    [
      ["--from", "sqlite://a", "--to", "redis://:pw@h:port"],
      /^migrate-store: --to is not a valid URL \(percent-encode special characters\) \(usage:/,
    ],
    [["--frm", "x"], /^migrate-store: Unknown option '--frm' \(usage:/],
    [["--from"], /^migrate-store: Option '--from <value>' argument missing/],
    [["extra"], /^migrate-store: Unexpected argument 'extra'/],
    [
      ["--from", "sqlite:///no/such/dir/typo.sqlite", "--to", "sqlite:///tmp/x.sqlite"],
      /^migrate-store: --from names a SQLite file that does not exist: sqlite:\/\/\/no\/such\/dir\/typo\.sqlite/,
    ],
  ])(
    "GIVEN arguments %j THEN exit code 2 and one line saying what is wrong",
    async (argv, message) => {
      const { lines, io } = capture();
      expect(await runMigrateStore(argv, io)).toBe(2);
      expect(lines.err).toHaveLength(1);
      expect(lines.err[0]).toMatch(message);
    },
  );

  test("GIVEN the same store twice THEN exit code 1 and it says so", async () => {
    const { lines, io } = capture();
    const url = await SQLITE.freshUrl();
    await populate(url);
    expect(await runMigrateStore(["--from", url, "--to", url], io)).toBe(1);
    expect(lines.err).toEqual(["migrate-store: --from and --to name the same store"]);
  });

  test("GIVEN one store spelled two ways and --force THEN no record is lost", async () => {
    const { io } = capture();
    const url = await SQLITE.freshUrl();
    await populate(url);
    const before = await snapshotOf(url);
    const alias = url.replace("/nested/", "/nested/../nested/");
    expect(await runMigrateStore(["--from", url, "--to", alias, "--force"], io)).toBe(0);
    expect(await snapshotOf(url)).toEqual(before);
  });

  test("GIVEN an unreachable target THEN exit code 1 and the engine's own one-line fix, no password", async () => {
    const { lines, io } = capture();
    const from = await SQLITE.freshUrl();
    await populate(from);
    const code = await runMigrateStore(
      ["--from", from, "--to", "redis://:hunter2@127.0.0.1:1"],
      io,
    );
    expect(code).toBe(1);
    expect(lines.err).toHaveLength(1);
    expect(lines.err[0]).toMatch(/^migrate-store: Redis at 127\.0\.0\.1:1 did not answer/);
    expect([...lines.out, ...lines.err].join("\n")).not.toContain("hunter2");
  });

  test("GIVEN two SQLite stores THEN it prints a table of counts per namespace and exits 0", async () => {
    const { lines, io } = capture();
    const from = await SQLITE.freshUrl();
    await populate(from);
    const to = await SQLITE.freshUrl();
    expect(await runMigrateStore(["--from", from, "--to", to], io)).toBe(0);
    expect(lines.err).toEqual([]);
    const table = lines.out.at(-1)?.split("\n") ?? [];
    expect(table[0]).toMatch(/^namespace\s+source\s+target\s+check$/);
    expect(table.slice(1).map((row) => row.split(/\s+/))).toEqual(
      Object.entries(EXPECTED_COUNTS).map(([name, count]) => [
        name,
        String(count),
        String(count),
        "ok",
      ]),
    );
  });

  test("GIVEN the script run as npm would THEN bad arguments exit 2 with a single line", async () => {
    const root = join(import.meta.dirname, "..", "..");
    const run = promisify(execFile)(
      join(root, "node_modules", ".bin", "tsx"),
      ["src/migrate-store.ts", "--bogus"],
      {
        cwd: root,
      },
    );
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^migrate-store: Unknown option '--bogus' \(usage: [^\n]*\)\n$/,
      ),
    });
  });
});
