import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/*
 * Two projects. `unit` starts no process and no server (domain, services over fakes and a temp
 * SQLite file, rendering, banks, config): `npm run test:unit`, seconds. `e2e` is the rest: the
 * Discord emulator (emulator/, its own suite in tests/emulator/), the bot as a process, the store engines against real PostgreSQL and Redis,
 * and the fault tests. `npm test` runs both. Each file lands in exactly one project.
 */
const E2E_PLACES = [
  "tests/e2e/",
  "tests/emulator/",
  "tests/faults/",
  "tests/playground/",
  "tests/store/",
  "tests/dockerfile.test.ts",
];
/** Pure modules that live beside the emulator or the store engines: no server, no process. */
const UNIT_IN_E2E_PLACES = [
  "tests/emulator/gateway-replay.test.ts",
  "tests/emulator/permissions.test.ts",
  "tests/store/codec.test.ts",
  "tests/store/open-store.test.ts",
];

const testFiles = readdirSync(fileURLToPath(new URL("tests", import.meta.url)), {
  recursive: true,
  encoding: "utf8",
})
  .filter((path) => path.endsWith(".test.ts"))
  .map((path) => `tests/${path.replaceAll("\\", "/")}`);
const isE2e = (file: string) =>
  !UNIT_IN_E2E_PLACES.includes(file) && E2E_PLACES.some((place) => file.startsWith(place));

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: testFiles.filter((file) => !isE2e(file)),
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: testFiles.filter(isE2e),
        },
      },
    ],
  },
});
