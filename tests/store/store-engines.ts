import { beforeAll } from "vitest";
import type { EngineFixture } from "./engine-fixtures.js";

export {
  ENGINES,
  POSTGRES,
  POSTGRES_URL,
  REDIS,
  REDIS_URL,
  SQLITE,
  type EngineFixture,
} from "./engine-fixtures.js";

/**
 * Whether a describe block for `engine` runs. Without CI, a missing server skips it with the
 * reason printed; with CI set it runs and fails at once (see failUnlessAvailable).
 */
export function runsHere(engine: EngineFixture): boolean {
  if (!engine.unavailable || process.env.CI) return true;
  console.warn(`Not testing the ${engine.name} store: ${engine.unavailable}`);
  return false;
}

/** Call inside the describe block: under CI a missing server fails every test, loudly. */
export function failUnlessAvailable(engine: EngineFixture): void {
  beforeAll(() => {
    if (engine.unavailable) {
      throw new Error(
        `${engine.unavailable}. CI is set, so the ${engine.name} store tests fail instead of skipping: start the server (.ci/run does) or set TEST_${engine.name.toUpperCase()}_URL.`,
      );
    }
  });
}
