export type EngineName = "sqlite" | "redis" | "postgres";

/**
 * Every store engine, the URL schemes that open it and an example for error messages: the one
 * list config and the tools read.
 */
const ENGINES: Readonly<Record<EngineName, { schemes: readonly string[]; example: string }>> = {
  sqlite: { schemes: ["sqlite:"], example: "sqlite://path/to/file.sqlite" },
  redis: { schemes: ["redis:", "rediss:"], example: "redis://host:6379" },
  postgres: {
    schemes: ["postgres:", "postgresql:"],
    example: "postgres://user@host:5432/database",
  },
};

const BY_SCHEME = new Map(
  Object.entries(ENGINES).flatMap(([engine, { schemes }]) =>
    schemes.map((scheme) => [scheme, engine as EngineName] as const),
  ),
);

const orList = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} or ${items.at(-1)}` : (items[0] ?? "");

/** "sqlite://, redis://, … or postgresql://": how a store URL may start. */
export const STORE_URL_STARTS = orList([...BY_SCHEME.keys()].map((scheme) => `${scheme}//`));

/** "sqlite://path/to/file.sqlite, redis://host:6379 (or rediss://) or …": one example each. */
export const STORE_URL_FORMS = orList(
  Object.values(ENGINES).map(({ schemes, example }) => {
    const others = schemes.slice(1).map((scheme) => `${scheme}//`);
    return others.length > 0 ? `${example} (or ${others.join(", ")})` : example;
  }),
);

export function engineOf(url: string): EngineName | undefined {
  const scheme = /^([a-z]+:)\/\//.exec(url)?.[1];
  return scheme === undefined ? undefined : BY_SCHEME.get(scheme);
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
