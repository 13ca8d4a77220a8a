import { afterAll, afterEach, describe, expect, test } from "vitest";
import { StoreError } from "../../src/store/store-error.js";
import type { MemberRecord } from "../../src/store/members.js";
import type { CommitWrite } from "../../src/store/atomic.js";
import {
  NAMESPACES,
  openEngine,
  openMemberBoard,
  openStore,
  type Store,
} from "../../src/store/open-store.js";
import { BOARDS, boardSpec, type Board } from "../../src/domain/board.js";
import { mulberry32 } from "../../src/domain/rotation.js";
import { streakAsOf } from "../../src/domain/streak.js";
import { referencePage, referenceRanking, referenceRankOf } from "../helpers/reference-ranking.js";
import { weekdays } from "../helpers/streak-histories.js";
import { guildMembers, memberAnswers } from "../helpers/store-reads.js";
import { seedCalendarDay, seedParticipation } from "../helpers/store-seeds.js";
import {
  answer,
  post,
  randomMember,
  saveAnswer,
  savedAnswer,
  writeLegacyAnswers,
} from "./records.js";
import { ENGINES, failUnlessAvailable, runsHere } from "./store-engines.js";
import { recordAnswer } from "../../src/services/answer-question.js";
import { closeTestApps, testApp, type TestApp } from "../helpers/app-context.js";

describe.each(ENGINES)("the store on $name", (engine) => {
  describe.runIf(runsHere(engine))("behaves the same on every engine", () => {
    failUnlessAvailable(engine);
    const opened: Store[] = [];

    /** A new empty store, and a second connection to it (as a second process would have). */
    async function fresh() {
      const url = await engine.freshUrl();
      const store = await openStore(url);
      const other = await openStore(url);
      opened.push(store, other);
      return { store, other, url };
    }

    async function reopen(store: Store, url: string) {
      await close(store);
      const again = await openStore(url);
      opened.push(again);
      return again;
    }

    async function close(store: Store) {
      opened.splice(opened.indexOf(store), 1);
      await store.close();
    }

    afterEach(async () => {
      await Promise.allSettled(opened.splice(0).map((store) => store.close()));
      await closeTestApps();
    });
    afterAll(() => engine.cleanup());

    test("GIVEN answers recorded THEN a member's answers come back in time order, others' excluded", async () => {
      const { store, url } = await fresh();
      await saveAnswer(store, answer({ id: "2", at: 20 }));
      await saveAnswer(store, answer({ id: "1", at: 10, question: 7 }));
      await saveAnswer(store, answer({ id: "3", userId: "u2" }));
      await saveAnswer(store, answer({ id: "4", guildId: "g2" }));
      await saveAnswer(store, answer({ id: "5", guildId: "g10" }));
      await saveAnswer(store, answer({ id: "6", userId: "u10" }));
      const mine = await memberAnswers(url, "g1", "u1");
      expect(mine.map((a) => [a.id, a.question])).toEqual([
        ["1", 7],
        ["2", 5],
      ]);
    });

    test("GIVEN an answer whose text starts with a colon THEN it reads back unchanged", async () => {
      const { store, url } = await fresh();
      await saveAnswer(store, answer({ text: ":) ::x" }));
      expect(await memberAnswers(url, "g1", "u1")).toEqual([
        savedAnswer(answer({ text: ":) ::x" })),
      ]);
    });

    test("GIVEN two connections writing answers at once THEN every one is stored and counted", async () => {
      const { store, other, url } = await fresh();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          saveAnswer(i % 2 ? store : other, answer({ id: String(i), at: i, question: i })),
        ),
      );
      expect(await memberAnswers(url, "g1", "u1")).toHaveLength(40);
      expect((await other.members.get("g1", "u1")).totalAnswers).toBe(40);
    });

    test("GIVEN a commit whose last compare-and-set fails THEN none of its writes land, on any key", async () => {
      const { store, url } = await fresh();
      await store.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: 1 }));
      const engine = await openEngine(url);
      try {
        await openMemberBoard(engine);
        for (const name of NAMESPACES) await engine.open(name);
        const member = await store.members.get("g1", "u1");
        const writes = (memberRev: number): CommitWrite[] => [
          { namespace: "answers", key: "g1:u1:5", expect: "absent", value: savedAnswer(answer()) },
          { namespace: "participation", key: "g1:5:u1", expect: "any", value: { at: 1 } },
          {
            namespace: "members",
            key: "g1:u1",
            expect: memberRev,
            value: { ...member, totalAnswers: 2, rev: memberRev + 1 },
          },
        ];
        expect(await engine.commit(writes(member.rev + 1))).toBe(false);
        expect(await memberAnswers(url, "g1", "u1")).toEqual([]);
        expect(await store.participation.count("g1", 5, 0)).toBe(0);
        expect((await store.members.get("g1", "u1")).totalAnswers).toBe(1);
        expect(await engine.commit(writes(member.rev))).toBe(true);
        expect(await memberAnswers(url, "g1", "u1")).toEqual([savedAnswer(answer())]);
        expect(await store.participation.count("g1", 5, 0)).toBe(1);
        const spec = boardSpec("answers", "2026-05-04", () => true);
        const read = await store.members.board({
          guildId: "g1",
          spec,
          pageIndex: 0,
          pageSize: 10,
          callerId: "u1",
        });
        expect(read.caller).toEqual({ rank: 1, value: 2 });
      } finally {
        await engine.close();
      }
    });

    test("GIVEN one question answered 30 times from two connections at once THEN one record holds them all", async () => {
      const { store, other, url } = await fresh();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          saveAnswer(i % 2 ? store : other, answer({ id: `s${i}`, at: i })),
        ),
      );
      const [stored] = await memberAnswers(url, "g1", "u1");
      expect(stored).toMatchObject({ attempts: 30, rev: 30 });
      expect(stored?.recentIds).toHaveLength(10);
      expect((await other.members.get("g1", "u1")).totalAnswers).toBe(30);
      expect(await answerKeys(url)).toEqual(["g1:u1:5"]);
    });

    test("GIVEN one question submitted 20 times through two processes, submits delivered again THEN it counts once", async () => {
      const url = await engine.freshUrl();
      const [a, b] = [await testApp({ url }), await testApp({ url, instanceId: "b" })];
      const at = Date.parse("2026-11-30T12:00:00Z");
      a.ctx.now = b.ctx.now = () => at;
      const submit = (app: TestApp, answerId: string) =>
        recordAnswer(app.ctx, { answerId, guildId: "g1", userId: "u1", number: 5, text: answerId });
      await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i % 2 ? a : b, `s${i}`)));
      // Redelivered, through both processes at once: submits the record remembers.
      const [first] = await memberAnswers(url, "g1", "u1");
      const again = first?.recentIds.slice(-5) ?? [];
      expect(again).toHaveLength(5);
      await Promise.all(again.flatMap((id) => [submit(a, id), submit(b, id)]));
      const [stored] = await memberAnswers(url, "g1", "u1");
      expect(stored).toMatchObject({ question: 5, attempts: 20 });
      const member = await a.ctx.members.get("g1", "u1");
      expect([member.totalAnswers, member.week.answers]).toEqual([1, 1]);
      expect(await a.ctx.participation.count("g1", 5, 0)).toBe(1);
      expect(await answerKeys(url)).toEqual(["g1:u1:5"]);
    });

    test("GIVEN rows per submit from an older store THEN they read as one answer, and the next answer replaces them", async () => {
      const { store, url } = await fresh();
      await writeLegacyAnswers(url, [
        answer({ id: "a", at: 10, text: "first" }),
        answer({ id: "b", at: 30, text: "third" }),
        answer({ id: "c", at: 20, text: "second" }),
        answer({ id: "d", at: 5, question: 7 }),
      ]);
      expect(await memberAnswers(url, "g1", "u1")).toMatchObject([
        { question: 7, attempts: 1, id: "d" },
        {
          question: 5,
          attempts: 3,
          id: "b",
          text: "third",
          countedAt: 30,
          recentIds: ["a", "c", "b"],
        },
      ]);
      await saveAnswer(store, answer({ id: "e", at: 40, text: "fourth" }));
      expect(await memberAnswers(url, "g1", "u1")).toMatchObject([
        { question: 7, attempts: 1 },
        { question: 5, attempts: 4, id: "e", text: "fourth", recentIds: ["a", "c", "b", "e"] },
      ]);
      expect(await answerKeys(url)).toEqual(["g1:u1:5", "g1:u1:7:d"]);
    });

    test("GIVEN a record from before grading THEN it reads without feedback and has nothing to correct; a graded one stores the member's grade beside the suggestion", async () => {
      const { store, other, url } = await fresh();
      await saveAnswer(store, answer({ id: "a", at: 10 }));
      const [before] = await memberAnswers(url, "g1", "u1");
      expect(before).not.toHaveProperty("suggestedGrade");
      expect(await other.answers.correctGrade("g1", "u1", 5, "good")).toBeNull();

      const graded = { covered: ["layered-features"], grade: "hard" as const };
      await saveAnswer(store, answer({ id: "b", at: 20 }), graded);
      expect(await memberAnswers(url, "g1", "u1")).toMatchObject([
        {
          id: "b",
          attempts: 2,
          covered: ["layered-features"],
          suggestedGrade: "hard",
          finalGrade: null,
        },
      ]);
      const corrected = await other.answers.correctGrade("g1", "u1", 5, "good");
      expect(corrected).toMatchObject({ suggestedGrade: "hard", finalGrade: "good", rev: 3 });
      const again = await reopen(store, url);
      expect(await memberAnswers(url, "g1", "u1")).toMatchObject([
        { id: "b", attempts: 2, suggestedGrade: "hard", finalGrade: "good" },
      ]);
      // Corrections from two connections at once: one record, the last one wins, none is lost.
      await Promise.all([
        again.answers.correctGrade("g1", "u1", 5, "easy"),
        other.answers.correctGrade("g1", "u1", 5, "again"),
      ]);
      const [raced] = await memberAnswers(url, "g1", "u1");
      expect(raced?.rev).toBe(5);
      expect(["easy", "again"]).toContain(raced?.finalGrade);
      expect(await answerKeys(url)).toEqual(["g1:u1:5"]);
    });

    test("GIVEN answers to a question THEN coveredSince lists the covered ids of graded ones since the time, in that server and question only", async () => {
      const { store, other } = await fresh();
      const graded = (covered: string[]) => ({ covered, grade: "hard" as const });
      await saveAnswer(store, answer({ userId: "u1", id: "1", at: 100 }), graded(["a"]));
      await saveAnswer(store, answer({ userId: "u2", id: "2", at: 200 }), graded([]));
      await saveAnswer(store, answer({ userId: "u3", id: "3", at: 300 })); // from before grading
      await saveAnswer(store, answer({ userId: "u4", id: "4", at: 50 }), graded(["b"])); // too early
      await saveAnswer(
        store,
        answer({ guildId: "g10", userId: "u5", id: "5", at: 300 }),
        graded(["c"]),
      );
      await saveAnswer(
        store,
        answer({ question: 7, userId: "u6", id: "6", at: 300 }),
        graded(["d"]),
      );
      const lists = await other.answers.coveredSince("g1", 5, 100);
      expect(lists.map((l) => l.join(",")).sort()).toEqual(["", "a"]);
    });

    test("GIVEN answers to a question THEN gradedBetween gives each graded one's final grade and covered ids in [from, to), that server and question only", async () => {
      const { store, other, url } = await fresh();
      const graded = (covered: string[]) => ({ covered, grade: "hard" as const });
      await saveAnswer(store, answer({ userId: "u1", id: "1", at: 100 }), graded(["a"]));
      await saveAnswer(store, answer({ userId: "u2", id: "2", at: 199 }), graded([]));
      await store.answers.correctGrade("g1", "u2", 5, "easy"); // the member's grade wins
      await saveAnswer(store, answer({ userId: "u3", id: "3", at: 150 })); // from before grading
      await saveAnswer(store, answer({ userId: "u4", id: "4", at: 99 }), graded(["b"])); // too early
      await saveAnswer(store, answer({ userId: "u7", id: "7", at: 200 }), graded(["b"])); // too late
      await saveAnswer(
        store,
        answer({ guildId: "g10", userId: "u5", id: "5", at: 150 }),
        graded(["c"]),
      );
      await saveAnswer(
        store,
        answer({ question: 7, userId: "u6", id: "6", at: 150 }),
        graded(["d"]),
      );
      // A participation row without its answer (an older store's) reads as nothing.
      await seedParticipation(url, "g1", 5, "u8", 150);
      const rows = await other.answers.gradedBetween("g1", 5, 100, 200);
      expect(rows.sort((a, b) => a.grade.localeCompare(b.grade))).toEqual([
        { grade: "easy", covered: [] },
        { grade: "hard", covered: ["a"] },
      ]);
    });

    test("GIVEN calendars of several servers THEN daysOfServer gives that server's members' days only", async () => {
      const { store, other, url } = await fresh();
      await seedCalendarDay(url, "g1", "u1", "2026-12-01", "2026-09-01");
      await seedCalendarDay(url, "g1", "u1", "2026-12-02", "2026-09-01");
      await seedCalendarDay(url, "g1", "u2", "2026-11-20", "2026-09-01");
      await seedCalendarDay(url, "g10", "u3", "2026-12-01", "2026-09-01");
      await seedCalendarDay(url, "g2", "u4", "2026-12-01", "2026-09-01");
      const days = await other.calendars.daysOfServer("g1");
      expect(days.map((d) => d.join(",")).sort()).toEqual(["2026-11-20", "2026-12-01,2026-12-02"]);
      expect(await store.calendars.daysOfServer("g3")).toEqual([]);
    });

    test("GIVEN 20 concurrent claims of one digest from two connections THEN exactly one wins, and a stale replace fails", async () => {
      const { store, other } = await fresh();
      const digest = (claimant: string) => ({
        guildId: "g1",
        day: "2026-12-06",
        nonce: "d20261206",
        claimant,
        claimedAt: 1_000,
        attempts: 1,
        retryAt: 0,
        status: "claimed" as const,
        messageId: null,
        sentAt: null,
      });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? store : other).digests.claim(digest(`instance-${i}`)),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const read = await store.digests.get("g1", "2026-12-06");
      expect(read).toEqual({ ...digest(`instance-${results.indexOf(true)}`), rev: 1 });
      if (!read) throw new Error("claim not stored");
      expect(await other.digests.replace(read, { ...read, status: "sent", messageId: "m1" })).toBe(
        true,
      );
      expect(await store.digests.replace(read, { ...read, attempts: 9 })).toBe(false);
      expect(await store.digests.get("g1", "2026-12-06")).toMatchObject({ rev: 2, status: "sent" });
      await store.digests.release("g1", "2026-12-06");
      expect(await other.digests.get("g1", "2026-12-06")).toBeUndefined();
    });

    test("GIVEN 40 concurrent settings updates from two connections THEN none is lost", async () => {
      const { store, other } = await fresh();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? store : other).guilds.update("g1", (current) => ({
            ...current,
            pause: {
              code: (current.pause?.code ?? 0) + 1,
              reason: { code: "unexpected" },
              at: i,
            },
          })),
        ),
      );
      const settings = await store.guilds.get("g1");
      expect(settings.pause?.code).toBe(40);
      expect(settings.rev).toBe(40);
    });

    test("GIVEN settings of several servers THEN list returns each once, and an unknown server reads as defaults", async () => {
      const { store, other } = await fresh();
      await store.guilds.update("g1", (current) => ({ ...current, enabled: true }));
      await other.guilds.update("g10", (current) => ({ ...current, time: "07:30" }));
      const listed = await store.guilds.list();
      expect(listed.map((g) => [g.guildId, g.enabled, g.time]).sort()).toEqual([
        ["g1", true, "09:00"],
        ["g10", false, "07:30"],
      ]);
      expect(await store.guilds.get("g2")).toMatchObject({ guildId: "g2", rev: 0, enabled: false });
    });

    test("GIVEN 20 concurrent claims of one day from two connections THEN exactly one wins", async () => {
      const { store, other } = await fresh();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? store : other).posts.claim(post({ claimant: `instance-${i}` })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = `instance-${results.indexOf(true)}`;
      expect(await other.posts.get("g1", "2026-05-04")).toEqual({
        ...post({ claimant: winner }),
        rev: 1,
      });
    });

    test("GIVEN a claimed day released THEN it reads as unclaimed and can be claimed again", async () => {
      const { store, other } = await fresh();
      expect(await store.posts.claim(post())).toBe(true);
      await other.posts.release("g1", "2026-05-04");
      expect(await store.posts.get("g1", "2026-05-04")).toBeUndefined();
      expect(await store.posts.claim(post({ claimant: "instance-b" }))).toBe(true);
      expect(await other.posts.get("g1", "2026-05-04")).toMatchObject({
        claimant: "instance-b",
        rev: 1,
      });
    });

    test("GIVEN a post replaced THEN a replace based on the stale rev fails and changes nothing", async () => {
      const { store, other } = await fresh();
      await store.posts.claim(post());
      const read = await store.posts.get("g1", "2026-05-04");
      if (!read) throw new Error("claim not stored");
      expect(await other.posts.replace(read, { ...read, status: "sent", messageId: "m1" })).toBe(
        true,
      );
      expect(await store.posts.replace(read, { ...read, attempts: 9 })).toBe(false);
      expect(await store.posts.get("g1", "2026-05-04")).toMatchObject({
        rev: 2,
        status: "sent",
        messageId: "m1",
        attempts: 0,
      });
    });

    test("GIVEN the rotation saved twice THEN it reads back the last state with its rev", async () => {
      const { store, other } = await fresh();
      expect(await store.rotation.get("g1")).toEqual({
        rev: 0,
        cycle: 0,
        posted: [],
        previous: null,
      });
      await store.rotation.save("g1", { cycle: 0, posted: [4], previous: null });
      await other.rotation.save("g1", { cycle: 1, posted: [], previous: 4 });
      expect(await store.rotation.get("g1")).toEqual({ rev: 2, cycle: 1, posted: [], previous: 4 });
      expect(await store.rotation.get("g10")).toMatchObject({ rev: 0 });
    });

    test("GIVEN participation recorded THEN count sees each member once, since the given time, in that server and question only", async () => {
      const { other, url } = await fresh();
      await seedParticipation(url, "g1", 5, "u1", 10);
      await seedParticipation(url, "g1", 5, "u2", 20);
      await seedParticipation(url, "g1", 5, "u1", 30);
      await seedParticipation(url, "g1", 6, "u3", 30);
      await seedParticipation(url, "g1", 50, "u4", 30);
      await seedParticipation(url, "g10", 5, "u5", 30);
      expect(await other.participation.count("g1", 5, 0)).toBe(2);
      expect(await other.participation.count("g1", 5, 25)).toBe(1);
      expect(await other.participation.count("g1", 6, 0)).toBe(1);
      expect(await other.participation.count("g2", 5, 0)).toBe(0);
    });

    test("GIVEN members of g1 and g10 THEN a server's member rows keep to that server and concurrent updates all count", async () => {
      const { store, other, url } = await fresh();
      const bump = (s: Store, guildId: string, userId: string) =>
        s.members.update(guildId, userId, (m) => ({ ...m, totalAnswers: m.totalAnswers + 1 }));
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => bump(i % 2 ? store : other, "g1", "u1")),
        bump(store, "g1", "u2"),
        bump(other, "g10", "u1"),
      ]);
      const g1 = await guildMembers(url, "g1");
      expect(g1.map((m) => [m.userId, m.totalAnswers, m.rev]).sort()).toEqual([
        ["u1", 20, 20],
        ["u2", 1, 1],
      ]);
      expect((await guildMembers(url, "g10")).map((m) => m.userId)).toEqual(["u1"]);
      expect(await store.members.get("g1", "u3")).toMatchObject({ rev: 0, totalAnswers: 0 });
    });

    test("GIVEN members with every kind of streak THEN each board's pages and ranks match the rules ranked the plain way", async () => {
      const { store, other } = await fresh();
      const rand = mulberry32(engine.name.length);
      const members = Array.from({ length: 45 }, (_, i) => randomMember(rand, `u${i % 9}${i}`));
      // Rows of another server, with a prefix of this one's id, must not leak in.
      await store.members.update("g10", "u1", (m) => ({ ...m, totalAnswers: 99 }));
      await Promise.all(
        members.map((member, i) =>
          (i % 2 ? store : other).members.update("g1", member.userId, (m) => ({
            ...member,
            rev: m.rev,
          })),
        ),
      );
      for (const today of ["2026-11-27", "2026-11-30", "2026-12-02", "2026-12-20"]) {
        for (const board of BOARDS) {
          const spec = boardSpec(board, today, weekdays);
          const expected = referenceRanking(
            members
              .filter((m) => !m.left)
              .map((m) => ({
                userId: m.userId,
                value: referenceValue(m, board, today),
                lastActiveDay: m.streak.lastDay,
              }))
              .filter((entry) => entry.value > 0),
          );
          for (const [pageIndex, callerId] of [
            [0, "u00"],
            [1, "u112"],
            [2, "u33"],
            [9, "nobody"],
          ] as const) {
            const read = await other.members.board({
              guildId: "g1",
              spec,
              pageIndex,
              pageSize: 7,
              callerId,
            });
            const where = `${board} on ${today}, page ${pageIndex}`;
            expect(read.page, where).toEqual(referencePage(expected, pageIndex, 7));
            expect(read.caller, where).toEqual(referenceRankOf(expected, callerId));
          }
        }
      }
    });

    test("GIVEN the store is closed and reopened THEN every kind of record survives (a restart)", async () => {
      const { store, other, url } = await fresh();
      await close(other);
      await saveAnswer(store, answer());
      await store.guilds.update("g1", (current) => ({ ...current, channelId: "c1" }));
      await store.posts.claim(post());
      await store.rotation.save("g1", { cycle: 2, posted: [1], previous: 9 });
      await seedParticipation(url, "g1", 5, "u1", 10);
      await store.members.update("g1", "u1", (m) => ({ ...m, totalAnswers: m.totalAnswers + 2 }));
      const again = await reopen(store, url);
      expect(await memberAnswers(url, "g1", "u1")).toEqual([savedAnswer(answer())]);
      expect(await again.guilds.get("g1")).toMatchObject({ channelId: "c1", rev: 1 });
      expect(await again.posts.get("g1", "2026-05-04")).toEqual({ ...post(), rev: 1 });
      expect(await again.rotation.get("g1")).toEqual({
        rev: 1,
        cycle: 2,
        posted: [1],
        previous: 9,
      });
      expect(await again.participation.count("g1", 5, 0)).toBe(1);
      expect(await guildMembers(url, "g1")).toMatchObject([{ userId: "u1", totalAnswers: 3 }]);
    });

    test("GIVEN the store is closed THEN reads and writes raise StoreError instead of looking empty", async () => {
      const { store, other } = await fresh();
      await saveAnswer(store, answer());
      await close(store);
      await close(other);
      const attempts: [string, () => Promise<unknown>][] = [
        ["answers.save", () => saveAnswer(store, answer({ id: "9" }))],
        ["guilds.get", () => store.guilds.get("g1")],
        ["guilds.update", () => store.guilds.update("g1", (s) => ({ ...s, enabled: true }))],
        ["posts.get", () => store.posts.get("g1", "2026-05-04")],
        ["posts.claim", () => store.posts.claim(post())],
        ["posts.release", () => store.posts.release("g1", "2026-05-04")],
        ["participation.count", () => store.participation.count("g1", 5, 0)],
      ];
      for (const [what, attempt] of attempts) {
        await expect(attempt(), what).rejects.toBeInstanceOf(StoreError);
      }
    });
  });
});

/** The rules themselves (streakAsOf walks the days), not the floors the stores compare. */
function referenceValue(member: MemberRecord, board: Board, today: string): number {
  const streak = streakAsOf(member.streak, today, weekdays);
  switch (board) {
    case "streak":
      return streak.current;
    case "best":
      return streak.best;
    case "answers":
      return member.totalAnswers;
    case "week":
      return member.week.start === boardSpec("week", today, weekdays).week
        ? member.week.answers
        : 0;
  }
}

/** Every key of the answers namespace, as the engine lists them. */
async function answerKeys(url: string): Promise<string[]> {
  const engine = await openEngine(url);
  try {
    const answers = await engine.open("answers");
    return (await answers.atomic.scanEntries("")).map((entry) => entry.key).sort();
  } finally {
    await engine.close();
  }
}
