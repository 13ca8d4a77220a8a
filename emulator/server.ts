import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, discordErrors } from "./errors.js";
import type { FaultInjector } from "./faults.js";
import { parseBody, readBody, sendJson, type ParsedBody } from "./http-io.js";
import { globalLimitResponse, type GlobalRateLimiter } from "./rate-limit.js";
import { matchRoute, type Route } from "./router.js";
import type { SpecValidator } from "./spec-validator.js";
import type { RequestRecord, RouteRecord, SpecViolation } from "./types.js";

export interface PipelineDeps {
  /** The bot's current token (the Developer Portal can reset it). */
  token: () => string;
  routes: Route[];
  validator: SpecValidator | undefined;
  faults: FaultInjector;
  limiter: GlobalRateLimiter;
  requests: RequestRecord[];
  unknownRoutes: RouteRecord[];
  specViolations: SpecViolation[];
  /** Called after every request so waiting tests re-check what they wait for. */
  changed: () => void;
  /** The emulator's clock (a test can move it); when each request arrived. */
  now: () => number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One REST request: record it, check it against the spec, then answer as Discord would. */
export async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PipelineDeps,
): Promise<void> {
  const arrivedAt = deps.now();
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = (req.method ?? "GET").toUpperCase();
  const path = apiPath(url.pathname);
  let parsed: ParsedBody = { json: undefined, files: [], kind: "none" };
  let answer: Answer;
  try {
    parsed = await parseBody(await readBody(req), req.headers["content-type"]);
    answer = await answerRequest(deps, req, {
      method,
      path,
      query: url.searchParams,
      parsed,
      arrivedAt,
    });
  } catch (error) {
    answer = toAnswer(error);
  }
  deps.requests.push({
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body: parsed.json,
    files: parsed.files,
    status: answer.status,
    at: arrivedAt,
  });
  sendJson(res, answer.status, answer.body, answer.headers);
  deps.changed();
}

interface Incoming {
  method: string;
  path: string;
  query: URLSearchParams;
  parsed: ParsedBody;
  arrivedAt: number;
}

async function answerRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  incoming: Incoming,
): Promise<Answer> {
  const { method, path, query, parsed } = incoming;
  if (deps.validator) {
    const errors = deps.validator.check(method, path, query, parsed);
    if (errors.length > 0) deps.specViolations.push({ method, path, errors });
  }
  const match = matchRoute(deps.routes, method, path);
  if (match.kind !== "found") {
    deps.unknownRoutes.push({ method, path });
    return toAnswer(
      match.kind === "wrong-method" ? discordErrors.methodNotAllowed() : discordErrors.notFound(),
    );
  }
  if (match.route.auth === "bot") {
    // "401 UNAUTHORIZED: The Authorization header was missing or invalid." A reset token is
    // invalid at once (the spec's BotToken scheme: "Discord bot token" in Authorization).
    if (req.headers.authorization !== `Bot ${deps.token()}`)
      return toAnswer(discordErrors.unauthorized());
    // Interaction routes are exempt from the global limit on Discord too.
    const verdict = deps.limiter.admit(incoming.arrivedAt);
    if (verdict.limited) return { status: 429, ...globalLimitResponse(verdict) };
  }
  const delayMs = deps.faults.delayFor(method, path);
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const injected = deps.faults.take(method, path);
  if (injected) {
    if (injected.hangMs > 0) await new Promise((resolve) => setTimeout(resolve, injected.hangMs));
    if (injected.global && injected.error.status === 429) {
      const verdict = { limited: true, retryAfter: 0.05, limit: 50, remaining: 0 };
      return { status: 429, ...globalLimitResponse(verdict) };
    }
    return toAnswer(injected.error);
  }
  return match.route.handle({
    params: match.params,
    query,
    body: parsed.json,
    files: parsed.files,
    arrivedAt: incoming.arrivedAt,
  });
}

function toAnswer(error: unknown): Answer {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      // An injected 429 must carry what discord.js needs to retry it.
      return {
        status: 429,
        body: { ...error.body, retry_after: 0.05, global: false },
        headers: { "retry-after": "0.05", "x-ratelimit-scope": "user" },
      };
    }
    return { status: error.status, body: error.body };
  }
  if (error instanceof SyntaxError)
    return {
      status: 400,
      body: { message: "The request body contains invalid JSON.", code: 50109 },
    };
  // A bug in the emulator, not something Discord would say: make it loud.
  console.error("[discord emulator] internal error", error);
  return { status: 500, body: { message: "500: Internal Server Error", code: 0 } };
}

/** `/api/v10/users/%40me` -> `/users/@me`: routes, records and failNext rules use this form. */
function apiPath(pathname: string): string {
  const withoutPrefix = pathname.replace(/^\/api(\/v\d+)?(?=\/)/, "");
  return withoutPrefix
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join("/");
}
