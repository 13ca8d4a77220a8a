import { injectedError, type ApiError } from "./errors.js";
import type { DelayRule, FailNextRule } from "./types.js";

export interface InjectedFault {
  error: ApiError;
  global: boolean;
  hangMs: number;
}

interface ArmedRule extends FailNextRule {
  remaining: number;
}

/** Failures the test arms for the next matching requests (`emu.failNext`). */
export class FaultInjector {
  readonly #rules: ArmedRule[] = [];
  readonly #delays: (DelayRule & { remaining: number })[] = [];

  failNext(rule: FailNextRule): void {
    this.#rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /** The error to answer instead of handling the request, consuming one use of the rule. */
  take(method: string, path: string): InjectedFault | undefined {
    const index = this.#rules.findIndex((rule) => matches(rule, method, path));
    const rule = this.#rules[index];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    return {
      error: injectedError(rule.status, rule.code, rule.message),
      global: rule.global === true,
      hangMs: rule.hangMs ?? 0,
    };
  }

  /** Delays the next `times` matching requests by `ms`; they are then handled as usual. */
  delayNext(rule: DelayRule): void {
    this.#delays.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /** How long to hold this request before handling it, consuming one use of a delay rule. */
  delayFor(method: string, path: string): number {
    const index = this.#delays.findIndex((rule) => matches(rule, method, path));
    const rule = this.#delays[index];
    if (!rule) return 0;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#delays.splice(index, 1);
    return rule.ms;
  }

  get pending(): number {
    return this.#rules.length;
  }
}

function matches(rule: Omit<FailNextRule, "status">, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === "string" ? rule.path === path : rule.path.test(path);
}
