import { expect, test } from "vitest";
import { mostMissedPoint } from "../../src/domain/most-missed.js";
import type { KeyPoint } from "../../src/bank/schema.js";

const point = (id: string): KeyPoint => ({
  id,
  label: { "zh-CN": id, "en-US": id },
  terms: [[id]],
});
const points = [point("a"), point("b"), point("c")];

test.each([
  ["GIVEN no graded answers THEN there is none", [], null],
  [
    "GIVEN every point covered by all THEN there is none",
    [
      ["a", "b", "c"],
      ["c", "b", "a"],
    ],
    null,
  ],
  [
    "GIVEN b missed by two of three THEN it is b",
    [["a", "c"], ["a"], ["a", "b", "c"]],
    { id: "b", missed: 2, graded: 3 },
  ],
  [
    "GIVEN a tie THEN the first in the bank's order",
    [
      ["a", "c"],
      ["b", "c"],
    ],
    { id: "a", missed: 1, graded: 2 },
  ],
  [
    "GIVEN nothing covered THEN the first point, missed by all",
    [[], []],
    { id: "a", missed: 2, graded: 2 },
  ],
])("%s", (_name, lists, expected) => {
  const found = mostMissedPoint(points, lists);
  expect(found && { id: found.point.id, missed: found.missed, graded: found.graded }).toEqual(
    expected,
  );
});
