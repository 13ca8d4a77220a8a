/**
 * The emulator's idea of now: the wall clock plus whatever a test moved it by. Discord's time
 * limits (an interaction token's 15 minutes) are checked against it, so a test can let them pass
 * without waiting.
 */
export class EmulatorClock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`the emulator's clock only moves forward; got ${ms} ms`);
    this.#offsetMs += ms;
  }
}
