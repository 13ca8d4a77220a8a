import { injectedError, type ApiError } from "./errors.js";
import type { FailNextRule } from "./types.js";

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

  get pending(): number {
    return this.#rules.length;
  }
}

function matches(rule: FailNextRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === "string" ? rule.path === path : rule.path.test(path);
}
