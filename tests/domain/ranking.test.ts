import { describe, expect, test } from "vitest";
import type { RankEntry } from "../../src/domain/ranking.js";
import { page, rankedPage, rankMembers, rankOf } from "../../src/domain/ranking.js";
import { mulberry32 } from "../../src/domain/rotation.js";

const ranksOf = (entries: RankEntry[]): string[] =>
  rankMembers(entries).map(({ rank, userId }) => `${rank}:${userId}`);

// 25 members with values 25..1, shuffled so the ranking has to sort them.
const crowd: RankEntry[] = Array.from({ length: 25 }, (_, i) => ({
  userId: `u${String((i * 7) % 25).padStart(2, "0")}`,
  value: ((i * 7) % 25) + 1,
}));

describe("rankMembers", () => {
  test.each([
    {
      name: "GIVEN distinct values THEN the highest comes first",
      entries: [
        { userId: "a", value: 1 },
        { userId: "b", value: 3 },
        { userId: "c", value: 2 },
      ],
      expected: ["1:b", "2:c", "3:a"],
    },
    {
      name: "GIVEN a tie for second THEN ranks go 1, 2, 2, 4",
      entries: [
        { userId: "d", value: 1 },
        { userId: "b", value: 5 },
        { userId: "c", value: 5 },
        { userId: "a", value: 9 },
      ],
      expected: ["1:a", "2:b", "2:c", "4:d"],
    },
    {
      name: "GIVEN a tie THEN whoever was last active earlier is listed first",
      entries: [
        { userId: "a", value: 5, lastActiveDay: "2026-01-09" },
        { userId: "b", value: 5, lastActiveDay: "2026-01-02" },
        { userId: "c", value: 5 },
      ],
      expected: ["1:b", "1:a", "1:c"],
    },
    {
      name: "GIVEN a tie on value and day THEN the user id decides the order, not the input order",
      entries: [
        { userId: "z", value: 2, lastActiveDay: "2026-01-02" },
        { userId: "m", value: 2, lastActiveDay: "2026-01-02" },
        { userId: "a", value: 0, lastActiveDay: null },
      ],
      expected: ["1:m", "1:z", "3:a"],
    },
    {
      name: "GIVEN nobody THEN the board is empty",
      entries: [],
      expected: [],
    },
  ])("$name", ({ entries, expected }) => {
    expect(ranksOf(entries)).toEqual(expected);
  });

  test("GIVEN a member who left THEN the predicate drops them and ranks close the gap", () => {
    const entries = [
      { userId: "stays", value: 3 },
      { userId: "left", value: 9 },
      { userId: "also", value: 3 },
    ];
    const ranked = rankMembers(entries, { include: (entry) => entry.userId !== "left" });
    expect(ranked.map(({ rank, userId }) => `${rank}:${userId}`)).toEqual(["1:also", "1:stays"]);
  });

  test("GIVEN entries THEN the caller's array is left untouched", () => {
    const entries = [
      { userId: "a", value: 1 },
      { userId: "b", value: 2 },
    ];
    rankMembers(entries);
    expect(entries.map((entry) => entry.userId)).toEqual(["a", "b"]);
  });
});

describe("page", () => {
  const ranked = rankMembers(crowd);

  test.each([
    { name: "GIVEN page 0 THEN ranks 1-10", index: 0, size: 10, ranks: [1, 10], pageIndex: 0 },
    { name: "GIVEN page 1 THEN ranks 11-20", index: 1, size: 10, ranks: [11, 20], pageIndex: 1 },
    {
      name: "GIVEN the last page THEN only the rest",
      index: 2,
      size: 10,
      ranks: [21, 25],
      pageIndex: 2,
    },
    {
      name: "GIVEN a page past the end THEN the last page",
      index: 9,
      size: 10,
      ranks: [21, 25],
      pageIndex: 2,
    },
    {
      name: "GIVEN a negative page THEN the first page",
      index: -1,
      size: 10,
      ranks: [1, 10],
      pageIndex: 0,
    },
    {
      name: "GIVEN a page size of 5 THEN 5 per page",
      index: 4,
      size: 5,
      ranks: [21, 25],
      pageIndex: 4,
    },
  ])("$name", ({ index, size, ranks, pageIndex }) => {
    const result = page(ranked, index, size);
    expect(result.items.map((entry) => entry.rank)).toEqual(
      Array.from({ length: ranks[1]! - ranks[0]! + 1 }, (_, i) => ranks[0]! + i),
    );
    expect(result).toMatchObject({ pageIndex, pageCount: Math.ceil(25 / size), total: 25 });
  });

  test("GIVEN no page size THEN pages hold 10", () => {
    expect(page(ranked, 0).items).toHaveLength(10);
  });

  test("GIVEN an empty board THEN one empty page", () => {
    expect(page([], 3)).toEqual({ items: [], pageIndex: 0, pageCount: 1, total: 0 });
  });

  test.each([0, -2, 2.5])("GIVEN a page size of %s THEN it is rejected", (size) => {
    expect(() => page(ranked, 0, size)).toThrow(RangeError);
  });
});

describe("rankOf", () => {
  const ranked = rankMembers(crowd);

  test.each([
    { name: "GIVEN the top member THEN rank 1", userId: "u24", expected: { rank: 1, value: 25 } },
    {
      name: "GIVEN a member outside the top 10 THEN their rank",
      userId: "u08",
      expected: { rank: 17, value: 9 },
    },
    { name: "GIVEN the last member THEN rank 25", userId: "u00", expected: { rank: 25, value: 1 } },
    { name: "GIVEN someone not on the board THEN null", userId: "nobody", expected: null },
  ])("$name", ({ userId, expected }) => {
    expect(rankOf(ranked, userId)).toEqual(expected);
  });

  test("GIVEN a tie THEN rankOf reports the shared rank", () => {
    const tied = rankMembers([
      { userId: "a", value: 4 },
      { userId: "b", value: 2 },
      { userId: "c", value: 2 },
    ]);
    expect(rankOf(tied, "c")).toEqual({ rank: 2, value: 2 });
  });
});

describe("rankedPage", () => {
  test("GIVEN 500 random boards with many ties THEN every page and the caller's rank equal rankMembers, page and rankOf", () => {
    const rand = mulberry32(2026);
    const int = (max: number) => Math.floor(rand() * max);
    for (let i = 0; i < 500; i++) {
      const days = [null, undefined, "2026-11-27", "2026-11-28", "2026-11-29"];
      const entries: RankEntry[] = Array.from({ length: int(60) }, (_, n) => ({
        userId: `u${int(1000)}-${n}`,
        value: 1 + int(1 + int(12)),
        lastActiveDay: days[int(days.length)],
      }));
      const ranked = rankMembers(entries);
      const size = 1 + int(12);
      const caller = entries[int(entries.length + 1)]?.userId ?? "nobody";
      for (const pageIndex of [0, 1, int(8), -1, 99]) {
        expect(rankedPage(entries, pageIndex, size, caller), `case ${i}`).toEqual({
          page: page(ranked, pageIndex, size),
          caller: rankOf(ranked, caller),
        });
      }
    }
  });

  test("GIVEN a page size of 0 THEN it is rejected as page() rejects it", () => {
    expect(() => rankedPage(crowd, 0, 0, "u01")).toThrow(RangeError);
  });
});
