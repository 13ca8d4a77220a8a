export interface RateLimitVerdict {
  limited: boolean;
  /** Seconds until the window resets. */
  retryAfter: number;
  limit: number;
  remaining: number;
}

/** Discord's global limit: N requests per second per bot, fixed one-second windows. */
export class GlobalRateLimiter {
  #windowStart = 0;
  #count = 0;
  hits = 0;

  constructor(private perSecond: number | null) {}

  /** A new limit starts a fresh window, so a test's burst is measured on its own. */
  setLimit(perSecond: number | null): void {
    this.perSecond = perSecond;
    this.#windowStart = 0;
    this.#count = 0;
  }

  admit(now: number): RateLimitVerdict {
    const limit = this.perSecond ?? Number.POSITIVE_INFINITY;
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#count = 0;
    }
    const retryAfter = Math.max(0.001, (this.#windowStart + 1000 - now) / 1000);
    if (this.#count >= limit) {
      this.hits += 1;
      return { limited: true, retryAfter, limit, remaining: 0 };
    }
    this.#count += 1;
    return { limited: false, retryAfter, limit, remaining: limit - this.#count };
  }
}

/** Body and headers of Discord's global 429. */
export function globalLimitResponse(verdict: RateLimitVerdict) {
  const retryAfter = Number(verdict.retryAfter.toFixed(3));
  return {
    body: {
      message: "You are being rate limited.",
      retry_after: retryAfter,
      global: true,
      code: 0,
    },
    // Discord rounds Retry-After up to whole seconds; the exact value keeps tests fast while
    // discord.js (which multiplies the header by 1000) still waits the right time.
    headers: {
      "retry-after": retryAfter.toString(),
      "x-ratelimit-global": "true",
      "x-ratelimit-scope": "global",
      "x-ratelimit-limit": String(verdict.limit),
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset-after": retryAfter.toString(),
      "x-ratelimit-reset": ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
    },
  };
}
