/**
 * Slash commands as the member types them: registered command JSON (with localizations) read in
 * the member's locale, text such as `/question ask number:3` parsed into the options an
 * interaction carries, and what to suggest next.
 */

export const OPTION = {
  SUB: 1,
  GROUP: 2,
  STRING: 3,
  INTEGER: 4,
  BOOLEAN: 5,
  USER: 6,
  CHANNEL: 7,
  NUMBER: 10,
};

/**
 * Whether Discord's client offers the command to the member: one with default member permissions
 * (such as `/config`, Manage Server) only to the admins. The server checks again when it is sent.
 */
export const offeredTo = (command, member) =>
  (command.type ?? 1) === 1 && (command.default_member_permissions == null || member.admin);

/** The name or description as the member's client shows it. */
export const localName = (item, locale) => item.name_localizations?.[locale] ?? item.name;
export const localDescription = (item, locale) =>
  item.description_localizations?.[locale] ?? item.description ?? "";

const same = (item, word, locale) =>
  [item.name, localName(item, locale)].some((name) => name.toLowerCase() === word.toLowerCase());

/**
 * @returns {{ command?: object, typedName: string, path: object[], leaf?: object,
 *   given: Array<{option: object, raw: string}>, rest: string, trailing: string }}
 *   `path` the subcommand group/subcommand chosen, `leaf` whose options the rest fills,
 *   `given` the options written so far, `trailing` the word being typed (for suggestions).
 */
export function parseCommandLine(text, commands, locale) {
  const body = text.replace(/^\//, "");
  const words = body.split(/\s+/);
  const typedName = words[0] ?? "";
  const command = commands.find((c) => (c.type ?? 1) === 1 && same(c, typedName, locale));
  const result = { command, typedName, path: [], leaf: command, given: [], rest: "", trailing: "" };
  if (!command) {
    result.trailing = typedName;
    return result;
  }
  let offset = typedName.length;
  let leaf = command;
  // Walk subcommand groups and subcommands by name.
  for (;;) {
    const nested = (leaf.options ?? []).filter(
      (o) => o.type === OPTION.SUB || o.type === OPTION.GROUP,
    );
    if (nested.length === 0) break;
    const match = /^\s+(\S*)/.exec(body.slice(offset));
    if (!match) break;
    const next = nested.find((o) => same(o, match[1], locale));
    if (!next) {
      result.trailing = match[1];
      result.leaf = undefined;
      result.pendingChoices = nested;
      return result;
    }
    result.path.push(next);
    leaf = next;
    offset += match[0].length;
  }
  result.leaf = leaf;
  result.rest = body.slice(offset);
  result.given = splitOptions(result.rest, leaf.options ?? [], locale);
  const last = /(?:^|\s)(\S*)$/.exec(result.rest);
  result.trailing = last ? last[1] : "";
  return result;
}

/** `name:value` pairs; a value runs until the next known `name:`, so it may hold spaces. */
function splitOptions(rest, options, locale) {
  const names = options.flatMap((o) => [o.name, localName(o, locale)]);
  if (names.length === 0) return [];
  const pattern = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join("|")}):`, "giu");
  const marks = [...rest.matchAll(pattern)];
  return marks.map((mark, i) => {
    const start = mark.index + mark[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index : rest.length;
    const option = options.find((o) => same(o, mark[1], locale));
    return { option, raw: rest.slice(start, end).trim() };
  });
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The interaction's options: the chosen subcommands nest, and each value takes its option's type
 * (a number stays text when it is not one, for the server to refuse as Discord's client would).
 * @param {(raw: string, type: number) => unknown} resolve turns a user or channel into its id
 */
export function interactionOptions(parsed, resolve, focusedName) {
  let options = parsed.given.map(({ option, raw }) => ({
    name: option.name,
    type: option.type,
    value: typedValue(raw, option, resolve),
    ...(focusedName === option.name ? { focused: true, value: raw } : {}),
  }));
  for (const step of [...parsed.path].reverse())
    options = [{ name: step.name, type: step.type, options }];
  return options;
}

function typedValue(raw, option, resolve) {
  const { type } = option;
  // A choice typed by its name is the one Discord's client picks from its list.
  const choice = option.choices?.find((c) =>
    [c.name, ...Object.values(c.name_localizations ?? {})].some(
      (name) => name.toLowerCase() === raw.toLowerCase(),
    ),
  );
  if (choice) return choice.value;
  if (type === OPTION.INTEGER && /^-?\d+$/.test(raw)) return Number(raw);
  if (type === OPTION.NUMBER && raw !== "" && Number.isFinite(Number(raw))) return Number(raw);
  if (type === OPTION.BOOLEAN && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === "true";
  if (type === OPTION.USER || type === OPTION.CHANNEL) return resolve(raw, type);
  return raw;
}

/** How the member's client writes the command in the "used /…" line. */
export const commandLabel = (parsed, locale) =>
  "/" + [parsed.command, ...parsed.path].map((item) => localName(item, locale)).join(" ");
