import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");
/** Node added process.loadEnvFile, which src/main.ts calls for .env, in 20.12.0. */
const LOAD_ENV_FILE_SINCE = [20, 12];

const version = (text: string) => text.split(".").map(Number);
const atLeast = (a: number[], b: number[]) =>
  (a[0] ?? 0) > (b[0] ?? 0) || ((a[0] ?? 0) === (b[0] ?? 0) && (a[1] ?? 0) >= (b[1] ?? 0));

describe("the Node version the bot needs", () => {
  test("GIVEN package.json engines and the README THEN both name one minimum, which has process.loadEnvFile", async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
      engines: { node: string };
    };
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const engines = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    const documented = /Node\.js (\d+\.\d+) or newer/.exec(readme)?.[1];
    expect(engines).toBeDefined();
    expect(documented).toBe(engines);
    expect(atLeast(version(engines!), LOAD_ENV_FILE_SINCE)).toBe(true);
  });
});
