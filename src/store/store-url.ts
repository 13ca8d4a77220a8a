export type EngineName = "sqlite" | "redis" | "postgres";

/** Every store URL scheme and the engine it opens: the one list config and the tools read. */
const ENGINES: Readonly<Record<string, EngineName>> = {
  "sqlite:": "sqlite",
  "redis:": "redis",
  "rediss:": "redis",
  "postgres:": "postgres",
  "postgresql:": "postgres",
};

const starts = Object.keys(ENGINES).map((scheme) => `${scheme}//`);

/** "sqlite://, redis://, … or postgresql://": how a store URL may start. */
export const STORE_URL_STARTS = `${starts.slice(0, -1).join(", ")} or ${starts.at(-1)}`;

export const STORE_URL_FORMS =
  "sqlite://path/to/file.sqlite, redis://host:6379 (or rediss://) or postgres://user@host:5432/database (or postgresql://)";

export function engineOf(url: string): EngineName | undefined {
  const scheme = /^([a-z]+:)\/\//.exec(url)?.[1];
  return scheme === undefined ? undefined : ENGINES[scheme];
}

/** The file a sqlite:// URL names. */
export function sqlitePathOf(url: string): string {
  return url.replace(/^sqlite:\/\//, "");
}

function passwordOf(url: string): string {
  try {
    return new URL(url).password;
  } catch {
    return "";
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL with its password replaced, fit to print. */
export function redactUrl(url: string): string {
  if (engineOf(url) === "sqlite") return url;
  if (!URL.canParse(url)) return url.replace(/\/\/.*$/, "//…");
  if (!passwordOf(url)) return url;
  const parsed = new URL(url);
  parsed.password = "***";
  return parsed.toString();
}

/** `text` (say a driver's error message) with any copy of the URL's password replaced. */
export function redact(text: string, url: string): string {
  const password = passwordOf(url);
  if (!password) return text;
  return [password, safeDecode(password)].reduce(
    (result, secret) => result.split(secret).join("***"),
    text,
  );
}
