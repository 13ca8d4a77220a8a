import { expect, test } from "vitest";
import { StoreOpenError } from "../../src/store/store-error.js";
import { openStore } from "../../src/store/open-store.js";
import { engineOf, redact, redactUrl } from "../../src/store/store-url.js";

test.each([
  ["sqlite://data/x.sqlite", "sqlite"],
  ["redis://127.0.0.1:6379", "redis"],
  ["rediss://cache.example:6380/2", "redis"],
  ["postgres://u@db/drill", "postgres"],
  ["postgresql://u@db/drill", "postgres"],
  ["mysql://u@db/drill", undefined],
  ["data/x.sqlite", undefined],
])("GIVEN the store URL %s THEN the engine is %s", (url, engine) => {
  expect(engineOf(url)).toBe(engine);
});

test("GIVEN a URL of no supported engine THEN opening fails with StoreOpenError listing the forms", async () => {
  const opening = openStore("mysql://u:pw@db/drill");
  await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
  await expect(opening).rejects.toThrow(/sqlite:\/\/.*redis:\/\/.*postgres:\/\//);
});

test.each([
  ["redis://:s3cr%2Ft@h:6379", "connect failed for s3cr/t and s3cr%2Ft", "redis://:***@h:6379"],
  ["postgres://u:pw@h/db", "password pw rejected", "postgres://u:***@h/db"],
  ["postgres://u@h/db", "no password here", "postgres://u@h/db"],
  ["redis://:p@ss@h:6379?prefix=x", "AUTH p@ss failed", "redis://:***@h:6379?prefix=x"],
  ["redis://:pw @h:port", "an unparseable URL: nothing to find", "redis://…"],
])("GIVEN %s THEN the password is hidden in messages and the printed URL", (url, text, printed) => {
  expect(redact(text, url)).not.toMatch(/s3cr|pw |p@ss/);
  expect(redactUrl(url)).toBe(printed);
});
