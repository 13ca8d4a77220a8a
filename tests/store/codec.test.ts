import Keyv from "keyv";
import { expect, test } from "vitest";
import { keyvCodec } from "../../src/store/codec.js";

const keyv = new Keyv();
const codec = keyvCodec(keyv);

test.each([
  ["plain record", { rev: 1, time: "09:00", days: ["2026-05-04"], note: 'say "hi": ok' }],
  ["string starting with a colon", { text: ":)" }],
  ["colon string in an array", { list: ["a", ":b", "::c"] }],
  ["colon string after a key", { a: { b: ":deep" } }],
  ["key that starts with a colon", { ":key": 1 }],
  ["escaped quote then colon inside a string", { text: 'a\\":b', other: '[":' }],
  ["empty strings", { empty: "", after: "" }],
  ["top-level string", ":top"],
  ["unicode", { text: "模型: 解释性", emoji: "🙂:" }],
])("GIVEN %s THEN it round-trips and decodes exactly as Keyv's own get would", async (_, value) => {
  const raw = await codec.encode(value);
  expect(raw).toBe(await keyv.serializeData({ value }));
  expect(await codec.decodeAll([raw])).toEqual([value]);
  expect(await codec.decodeAll([raw])).toEqual([(await keyv.deserializeData(raw))?.value]);
});

test("GIVEN text written as plain JSON by an older version THEN it decodes as Keyv reads it", async () => {
  const raw = JSON.stringify({ value: { text: ":)", at: 1 } });
  expect(await codec.decodeAll([raw])).toEqual([(await keyv.deserializeData(raw))?.value]);
});

test("GIVEN rows that need Keyv's reviver mixed with rows that do not THEN they decode in order", async () => {
  const values = [{ a: 1 }, { a: ":2" }, { a: 3 }, { a: [":4"] }];
  const raws = await Promise.all(values.map((value) => codec.encode(value)));
  expect(await codec.decodeAll(raws)).toEqual(values);
});
