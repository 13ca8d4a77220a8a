import { describe, expect, test } from "vitest";
import { pointAgreement, quadraticKappa } from "../../bench/feedback-metrics.js";

describe("quadraticKappa", () => {
  test.each([
    // GIVEN full agreement THEN 1
    [[0, 1, 2, 2], [0, 1, 2, 2], 1],
    // GIVEN two swapped neighbours on a uniform scale THEN 1 - (1/6) / (1/3), worked by hand
    [[0, 1, 2], [0, 2, 1], 0.5],
    // GIVEN every answer put at the opposite end THEN below chance
    [[0, 0, 2, 2], [2, 2, 0, 0], -1],
  ])("%j against %j is %d", (labels, given, kappa) => {
    expect(quadraticKappa(labels, given)).toBeCloseTo(kappa, 10);
  });

  test("an error of two steps costs four times one of one step", () => {
    const labels = [0, 0, 1, 1, 2, 2, 2, 0];
    const oneStep = quadraticKappa(labels, [1, 0, 1, 1, 2, 2, 2, 0]);
    const twoSteps = quadraticKappa(labels, [2, 0, 1, 1, 2, 2, 2, 0]);
    expect(1 - twoSteps).toBeGreaterThan(1 - oneStep);
  });
});

test("point agreement counts every (answer, point) pair once", () => {
  const pairs = [
    { labelled: ["a", "b"], found: ["a", "c"] },
    { labelled: [], found: ["d"] },
    { labelled: ["e"], found: [] },
  ];
  expect(pointAgreement(pairs)).toEqual({ precision: 1 / 3, recall: 1 / 3 });
});
