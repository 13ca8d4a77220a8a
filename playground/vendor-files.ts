import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";

/**
 * `GET /web/vendor/<package>/<file>`: the few pinned packages the page imports (the Discord-look
 * web components and Lit), read from node_modules as installed. The page's import map points
 * their bare names here: no bundler, no CDN, nothing fetched from the network.
 */
export const VENDOR_PREFIX = "/web/vendor/";
const VENDOR_PACKAGES = [
  "@skyra/discord-components-core",
  "@lit/context",
  "@lit/reactive-element",
  "lit",
  "lit-element",
  "lit-html",
] as const;
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};

export interface VendorFile {
  body: Buffer;
  contentType: string;
}

const roots = new Map<string, string>();

/** The folder a package is installed in, as Node resolves it from here. */
function packageRoot(name: string): string {
  const known = roots.get(name);
  if (known !== undefined) return known;
  const entry = createRequire(import.meta.url).resolve(name);
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name
    ) {
      roots.set(name, dir);
      return dir;
    }
  }
  throw new Error(`cannot find the folder of ${name}`);
}

/** Which file a request path names, or null when it names none (or tries to leave its package). */
export function vendorFilePath(urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!path.startsWith(VENDOR_PREFIX)) return null;
  const rest = path.slice(VENDOR_PREFIX.length);
  const name = VENDOR_PACKAGES.find((pkg) => rest.startsWith(`${pkg}/`));
  if (name === undefined) return null;
  const root = packageRoot(name);
  const full = resolve(root, rest.slice(name.length + 1));
  return full.startsWith(root + sep) ? full : null;
}

/** The file for a GET under /web/vendor/, or null (the caller answers 404). */
export async function readVendorFile(urlPath: string): Promise<VendorFile | null> {
  const path = vendorFilePath(urlPath);
  const contentType = path === null ? undefined : TYPES[extname(path)];
  if (path === null || contentType === undefined) return null;
  try {
    return { body: await readFile(path), contentType };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return null;
    throw error;
  }
}
