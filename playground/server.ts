import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  autocomplete,
  clickComponent,
  runCommand,
  submitModal,
  type CommandRequest,
  type ComponentRequest,
  type ModalRequest,
} from "./interactions.js";
import { PlaygroundError } from "./errors.js";
import type { ClockJump, Playground } from "./playground.js";
import { readVendorFile, VENDOR_PREFIX } from "./vendor-files.js";

const WEB_DIR = fileURLToPath(new URL("web", import.meta.url));
const MAX_BODY = 64 * 1024;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

type Core = Omit<Playground, "url" | "close">;

/** The HTTP side of playground/API.md. */
export async function startHttpServer(
  playground: Core,
  { host, port }: { host: string; port: number },
): Promise<Server> {
  const server = createServer((req, res) => {
    handle(playground, req, res).catch((error: unknown) => {
      if (error instanceof PlaygroundError || error instanceof BadRequest)
        return send(res, 400, { error: error.message });
      console.error("[playground] request failed", error);
      send(res, 500, { error: "The playground failed; see its console." });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

class BadRequest extends Error {}

async function handle(pg: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://playground");
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  const deps = pg.deps;
  switch (route) {
    case "GET /api/state":
      return send(res, 200, await pg.state());
    case "GET /api/events":
      return deps.events.open(res);
    case "POST /api/command":
      return send(res, 200, runCommand(deps, await body<CommandRequest>(req)));
    case "POST /api/autocomplete":
      return send(res, 200, await autocomplete(deps, await body<CommandRequest>(req)));
    case "POST /api/component":
      return send(res, 200, clickComponent(deps, await body<ComponentRequest>(req)));
    case "POST /api/modal":
      return send(res, 200, submitModal(deps, await body<ModalRequest>(req)));
    case "POST /api/clock": {
      const { jump } = await body<{ jump: ClockJump }>(req);
      return send(res, 200, await pg.jump(jump));
    }
  }
  if (req.method === "GET" && url.pathname.startsWith("/attachments/"))
    return attachment(pg, url.pathname, res);
  if (req.method === "GET" && url.pathname.startsWith(VENDOR_PREFIX))
    return vendorFile(url.pathname, res);
  if (req.method === "GET" && (url.pathname === "/" || url.pathname.startsWith("/web/")))
    return staticFile(url.pathname === "/" ? "index.html" : url.pathname.slice(5), res);
  send(res, 404, { error: `No route ${route}.` });
}

/**
 * `/attachments/<channel>/<id>/<filename>`: what the bot uploaded, as Discord's CDN serves it, at
 * its URL only: another channel or file name is not found there either.
 */
function attachment(pg: Core, pathname: string, res: ServerResponse): void {
  const [, , channelId, id = "", filename] = pathname.split("/");
  const file = pg.emu.attachment(id);
  if (!file || file.channelId !== channelId || file.filename !== decodePath(filename))
    return send(res, 404, { error: "Unknown attachment." });
  res
    .writeHead(200, {
      "content-type": file.contentType || "application/octet-stream",
      "content-length": String(file.data.byteLength),
      "cache-control": "public, max-age=31536000, immutable",
    })
    .end(file.data);
}

/** The page's pinned packages (Lit, the Discord-look components) from node_modules. */
async function vendorFile(pathname: string, res: ServerResponse): Promise<void> {
  const file = await readVendorFile(pathname);
  if (!file) return send(res, 404, { error: "Not found." });
  res
    .writeHead(200, { "content-type": file.contentType, "cache-control": "no-cache" })
    .end(file.body);
}

function decodePath(part: string | undefined): string | undefined {
  try {
    return part === undefined ? undefined : decodeURIComponent(part);
  } catch {
    return undefined; // malformed escapes name no file
  }
}

function staticFile(relative: string, res: ServerResponse): void {
  const path = normalize(join(WEB_DIR, decodeURIComponent(relative)));
  if (!path.startsWith(WEB_DIR + sep) || !existsSync(path) || !statSync(path).isFile()) {
    return send(res, 404, { error: "Not found." });
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(path)] ?? "application/octet-stream",
    "cache-control": "no-cache",
  });
  createReadStream(path).pipe(res);
}

async function body<T>(req: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest("The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as T;
  } catch {
    throw new BadRequest("The request body must be a JSON object.");
  }
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}
