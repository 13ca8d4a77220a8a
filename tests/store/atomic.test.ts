import { afterAll, afterEach, describe, expect, test } from "vitest";
import type { Engine } from "../../src/store/engines/engine.js";
import { openEngine } from "../../src/store/open-store.js";
import { ENGINES, failUnlessAvailable, runsHere } from "./store-engines.js";

type Row = { rev: number; label: string };

describe.each(ENGINES)("atomic operations on $name", (engine) => {
  describe.runIf(runsHere(engine))("keys, prefixes and Keyv's format", () => {
    failUnlessAvailable(engine);
    const opened: Engine[] = [];

    async function space(namespace = "scratch") {
      const store = await openEngine(await engine.freshUrl());
      opened.push(store);
      return store.open<Row>(namespace);
    }

    afterEach(async () => {
      await Promise.allSettled(opened.splice(0).map((store) => store.close()));
    });
    afterAll(() => engine.cleanup());

    const KEYS = [
      "g1",
      "g1:a",
      "g1:b:c",
      "g10:a",
      "g2:a",
      "g1;x",
      "a%b:1",
      "a_b:1",
      "a\\b:1",
      "é:1",
    ];

    test.each([
      ["g1:", ["g1:a", "g1:b:c"]],
      ["g1:b:", ["g1:b:c"]],
      ["g10:", ["g10:a"]],
      ["a%", ["a%b:1"]],
      ["a_", ["a_b:1"]],
      ["a\\", ["a\\b:1"]],
      ["é:", ["é:1"]],
      ["g3:", []],
      ["", [...KEYS].sort()],
    ])(
      "GIVEN keys on both sides of the boundary WHEN scanning prefix %j THEN exactly %j",
      async (prefix, expected) => {
        const ns = await space();
        for (const key of KEYS) await ns.atomic.put(key, { rev: 1, label: key });
        const found = await ns.atomic.scanEntries<Row>(prefix);
        expect(found.map((entry) => entry.key).sort()).toEqual(expected);
        expect(found.every((entry) => entry.value.label === entry.key)).toBe(true);
        expect((await ns.atomic.scanPrefix<Row>(prefix)).map((row) => row.label).sort()).toEqual(
          expected,
        );
      },
    );

    test("GIVEN records written by the atomic operations THEN Keyv reads them, strings with colons intact", async () => {
      const ns = await space();
      const value = { rev: 1, label: ":leading colon" };
      expect(await ns.atomic.insertIfAbsent("k1", value)).toBe(true);
      expect(await ns.atomic.insertIfAbsent("k1", { rev: 1, label: "second" })).toBe(false);
      expect(await ns.keyv.get("k1")).toEqual(value);
      expect(await ns.atomic.replaceIf("k1", 1, { rev: 2, label: "::two" })).toBe(true);
      expect(await ns.atomic.replaceIf("k1", 1, { rev: 2, label: "stale" })).toBe(false);
      expect(await ns.keyv.get("k1")).toEqual({ rev: 2, label: "::two" });
      expect(await ns.atomic.scanPrefix("k")).toEqual([{ rev: 2, label: "::two" }]);
    });

    test("GIVEN a record removed THEN reads and scans no longer see it, and replaceIf on it fails", async () => {
      const ns = await space();
      await ns.atomic.put("g1:a", { rev: 1, label: "a" });
      await ns.atomic.put("g1:b", { rev: 1, label: "b" });
      await ns.atomic.remove("g1:a");
      await ns.atomic.remove("g1:never");
      expect(await ns.keyv.get("g1:a")).toBeUndefined();
      expect(await ns.atomic.scanPrefix("g1:")).toEqual([{ rev: 1, label: "b" }]);
      expect(await ns.atomic.replaceIf("g1:a", 1, { rev: 2, label: "a" })).toBe(false);
    });

    test("GIVEN two namespaces whose names share a beginning THEN neither sees the other's records", async () => {
      const store = await openEngine(await engine.freshUrl());
      opened.push(store);
      const short = await store.open<Row>("post");
      const long = await store.open<Row>("posts");
      await short.atomic.put("g1:a", { rev: 1, label: "short" });
      await long.atomic.put("g1:a", { rev: 1, label: "long" });
      expect(await short.atomic.scanPrefix("")).toEqual([{ rev: 1, label: "short" }]);
      expect(await long.atomic.scanPrefix("g1:")).toEqual([{ rev: 1, label: "long" }]);
      expect(await short.keyv.get("g1:a")).toEqual({ rev: 1, label: "short" });
    });
  });
});
