import type { FileMeta } from "./types.js";

/** "bot" routes need `Authorization: Bot <token>`; "token" routes are authorised by the
 * interaction token in their path (discord.js sends them without Authorization). */
export type RouteAuth = "bot" | "token";

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: FileMeta[];
  arrivedAt: number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: string;
  pattern: string;
  auth: RouteAuth;
  handle: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong-method" }
  | { kind: "none" };

export function route(
  method: string,
  pattern: string,
  handle: Route["handle"],
  auth: RouteAuth = "bot",
): Route {
  return { method, pattern, auth, handle };
}

/** Literal segments beat parameters, so `/messages/@original` wins over `/messages/:id`. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = path.split("/").filter(Boolean);
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
  let pathKnown = false;
  for (const candidate of routes) {
    const params = matchPattern(candidate.pattern, segments);
    if (!params) continue;
    pathKnown = true;
    if (candidate.method !== method) continue;
    const literals = candidate.pattern.split("/").filter((s) => s && !s.startsWith(":")).length;
    if (!best || literals > best.literals) best = { route: candidate, params, literals };
  }
  if (best) return { kind: "found", route: best.route, params: best.params };
  return pathKnown ? { kind: "wrong-method" } : { kind: "none" };
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
