import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync } from "node:fs";

/**
 * The page's files: `GET /` is playground/web/index.html, `/web/*` the rest of playground/web/,
 * and `/web/vendor/<package>/*` the few pinned packages the page imports (the Discord-look web
 * components and Lit), read from node_modules as installed: no bundler, no CDN, no network.
 */
const WEB_ROOT = fileURLToPath(new URL("./web/", import.meta.url));
const VENDOR_PACKAGES = [
  "@skyra/discord-components-core",
  "@lit/context",
  "@lit/reactive-element",
  "lit",
  "lit-element",
  "lit-html",
] as const;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface WebFile {
  body: Buffer;
  contentType: string;
}

/** The folder a package is installed in, as Node resolves it from the project. */
function packageRoot(name: string): string {
  const entry = createRequire(import.meta.url).resolve(name);
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name
    )
      return dir;
  }
  throw new Error(`cannot find the folder of ${name}`);
}

const vendorRoots = new Map<string, string>();
function vendorRoot(name: string): string {
  let root = vendorRoots.get(name);
  if (root === undefined) {
    root = packageRoot(name);
    vendorRoots.set(name, root);
  }
  return root;
}

/** Which file a request path names, or null when it names none (or tries to leave its folder). */
export function webFilePath(urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0] ?? "");
  } catch {
    return null;
  }
  if (path === "/" || path === "/web/" || path === "/web") return join(WEB_ROOT, "index.html");
  if (path.startsWith("/web/vendor/")) {
    const rest = path.slice("/web/vendor/".length);
    const name = VENDOR_PACKAGES.find((pkg) => rest.startsWith(`${pkg}/`));
    return name ? inside(vendorRoot(name), rest.slice(name.length + 1)) : null;
  }
  if (path.startsWith("/web/")) return inside(WEB_ROOT, path.slice("/web/".length));
  return null;
}

function inside(root: string, relative: string): string | null {
  const full = resolve(root, relative);
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** The file for a GET, or null (the caller answers 404). */
export async function readWebFile(urlPath: string): Promise<WebFile | null> {
  const path = webFilePath(urlPath);
  if (path === null) return null;
  const contentType = TYPES[extname(path)];
  if (contentType === undefined) return null;
  try {
    return { body: await readFile(path), contentType };
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === "ENOENT" ||
      (error as NodeJS.ErrnoException).code === "EISDIR"
    )
      return null;
    throw error;
  }
}
