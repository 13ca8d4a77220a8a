import { describe, expect, test } from "vitest";
import type { RankEntry } from "../../src/domain/ranking.js";
import { DEFAULT_PAGE_SIZE, rankedPage } from "../../src/domain/ranking.js";
import { mulberry32 } from "../../src/domain/rotation.js";
import { referencePage, referenceRanking, referenceRankOf } from "../helpers/reference-ranking.js";

/** The whole board on one page. */
const ranksOf = (entries: RankEntry[]): string[] =>
  rankedPage(entries, 0, 1_000, "").page.items.map(({ rank, userId }) => `${rank}:${userId}`);
const page = (entries: RankEntry[], index: number, size = DEFAULT_PAGE_SIZE) =>
  rankedPage(entries, index, size, "").page;
const rankOf = (entries: RankEntry[], userId: string) =>
  rankedPage(entries, 0, DEFAULT_PAGE_SIZE, userId).caller;

// 25 members with values 25..1, shuffled so the ranking has to sort them.
const crowd: RankEntry[] = Array.from({ length: 25 }, (_, i) => ({
  userId: `u${String((i * 7) % 25).padStart(2, "0")}`,
  value: ((i * 7) % 25) + 1,
}));

describe("rankedPage: the order", () => {
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

  test("GIVEN entries THEN the caller's array is left untouched", () => {
    const entries = [
      { userId: "a", value: 1 },
      { userId: "b", value: 2 },
    ];
    rankedPage(entries, 0, 10, "a");
    expect(entries.map((entry) => entry.userId)).toEqual(["a", "b"]);
  });
});

describe("rankedPage: paging", () => {
  const ranked = crowd;

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

describe("rankedPage: the caller's rank", () => {
  const ranked = crowd;

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

  test("GIVEN a tie THEN the caller gets the shared rank", () => {
    const tied = [
      { userId: "a", value: 4 },
      { userId: "b", value: 2 },
      { userId: "c", value: 2 },
    ];
    expect(rankOf(tied, "c")).toEqual({ rank: 2, value: 2 });
  });
});

describe("rankedPage against the plain ranking", () => {
  test("GIVEN 500 random boards with many ties THEN every page and the caller's rank equal sorting everyone", () => {
    const rand = mulberry32(2026);
    const int = (max: number) => Math.floor(rand() * max);
    for (let i = 0; i < 500; i++) {
      const days = [null, undefined, "2026-11-27", "2026-11-28", "2026-11-29"];
      const entries: RankEntry[] = Array.from({ length: int(60) }, (_, n) => ({
        userId: `u${int(1000)}-${n}`,
        value: 1 + int(1 + int(12)),
        lastActiveDay: days[int(days.length)],
      }));
      const ranked = referenceRanking(entries);
      const size = 1 + int(12);
      const caller = entries[int(entries.length + 1)]?.userId ?? "nobody";
      for (const pageIndex of [0, 1, int(8), -1, 99]) {
        expect(rankedPage(entries, pageIndex, size, caller), `case ${i}`).toEqual({
          page: referencePage(ranked, pageIndex, size),
          caller: referenceRankOf(ranked, caller),
        });
      }
    }
  });
});
