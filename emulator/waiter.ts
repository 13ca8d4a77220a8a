interface Pending {
  poll: () => boolean;
  fail: (error: Error) => void;
}

/** Lets tests await state the bot has not produced yet; every state change calls `notify()`. */
export class Waiter {
  readonly #pending = new Set<Pending>();
  #closed = false;

  constructor(readonly defaultTimeoutMs: number) {}

  until<T>(
    check: () => T | undefined,
    describe: () => string,
    timeoutMs: number = this.defaultTimeoutMs,
  ): Promise<T> {
    const ready = check();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.#closed)
      return Promise.reject(new Error(`emulator closed while waiting: ${describe()}`));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = {
        poll: () => {
          const value = check();
          if (value === undefined) return false;
          settle();
          resolve(value);
          return true;
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => pending.fail(new Error(`timed out after ${timeoutMs} ms: ${describe()}`)),
        timeoutMs,
      );
      const settle = () => {
        clearTimeout(timer);
        this.#pending.delete(pending);
      };
      this.#pending.add(pending);
    });
  }

  notify(): void {
    for (const pending of [...this.#pending]) pending.poll();
  }

  close(): void {
    this.#closed = true;
    for (const pending of [...this.#pending]) pending.fail(new Error("emulator closed"));
  }
}
