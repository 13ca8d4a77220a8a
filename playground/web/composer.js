/**
 * The message box: type `/` for the commands the bot registered (in the member's language), then
 * subcommands, then options; options with autocomplete ask the bot as you type. Enter sends the
 * command; the server answers errors with the sentence Discord's client shows.
 */
import {
  commandLabel,
  interactionOptions,
  localDescription,
  localName,
  OPTION,
  offeredTo,
  parseCommandLine,
} from "./commands.js";
import { el } from "./messages.js";

/**
 * @param {{ input: HTMLInputElement, list: HTMLElement, error: HTMLElement, form: HTMLFormElement }} dom
 * @param {{ state(): object, post(path: string, body: object): Promise<object>,
 *   sent(interactionId: string, label: string): void }} app
 */
export function setUpComposer(dom, app) {
  let items = [];
  let active = -1;
  let request = 0;

  const show = (next) => {
    items = next;
    active = -1;
    dom.list.replaceChildren(
      ...items.map((item, index) => {
        const option = el("li", {
          role: "option",
          id: `suggestion-${index}`,
          "aria-selected": "false",
        });
        option.append(el("span", { class: "suggestion-name", text: item.title }));
        if (item.detail)
          option.append(el("span", { class: "suggestion-detail", text: item.detail }));
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          pick(index);
        });
        return option;
      }),
    );
    dom.list.hidden = items.length === 0;
    dom.input.setAttribute("aria-expanded", String(items.length > 0));
    dom.input.removeAttribute("aria-activedescendant");
  };

  const highlight = (index) => {
    active = index;
    [...dom.list.children].forEach((child, i) =>
      child.setAttribute("aria-selected", String(i === index)),
    );
    if (index >= 0) dom.input.setAttribute("aria-activedescendant", `suggestion-${index}`);
  };

  const pick = (index) => {
    const item = items[index];
    if (!item) return;
    const text = dom.input.value;
    dom.input.value = text.slice(0, text.length - item.replaces) + item.insert;
    dom.input.focus();
    void suggest();
  };

  const suggest = async () => {
    const { commands, member } = app.state();
    const text = dom.input.value;
    if (!text.startsWith("/")) return show([]);
    const locale = member.locale;
    const parsed = parseCommandLine(text, commands, locale);
    const word = parsed.trailing.toLowerCase();
    if (!parsed.command) {
      if (/\s/.test(text.slice(1))) return show([]);
      return show(
        commands
          .filter(
            (c) => offeredTo(c, member) && localName(c, locale).toLowerCase().startsWith(word),
          )
          .map((c) => ({
            title: `/${localName(c, locale)}`,
            detail: localDescription(c, locale),
            insert: `/${localName(c, locale)} `,
            replaces: text.length,
          })),
      );
    }
    if (!parsed.leaf) {
      return show(
        parsed.pendingChoices
          .filter((o) => localName(o, locale).toLowerCase().startsWith(word))
          .map((o) => ({
            title: localName(o, locale),
            detail: localDescription(o, locale),
            insert: `${localName(o, locale)} `,
            replaces: parsed.trailing.length,
          })),
      );
    }
    const typing = parsed.given.at(-1);
    // Still writing the last option's value: only text values hold spaces.
    const midValue =
      typing?.option &&
      !/\s$/.test(text) &&
      (typing.option.type === OPTION.STRING || !/\s/.test(typing.raw));
    if (typing && midValue && typing.option?.autocomplete) return autocomplete(parsed, typing);
    if (typing && midValue && typing.option?.choices) {
      return show(
        typing.option.choices
          .filter((c) => localName(c, locale).toLowerCase().includes(typing.raw.toLowerCase()))
          .map((c) => ({
            title: localName(c, locale),
            insert: `${c.value} `,
            replaces: typing.raw.length,
          })),
      );
    }
    const givenNames = new Set(parsed.given.map((g) => g.option?.name));
    const startsOption = !/\s$/.test(text) && !parsed.trailing.includes(":") ? parsed.trailing : "";
    return show(
      (parsed.leaf.options ?? [])
        .filter((o) => !givenNames.has(o.name))
        .filter((o) => localName(o, locale).toLowerCase().startsWith(startsOption.toLowerCase()))
        .map((o) => ({
          title: `${localName(o, locale)}${o.required ? " *" : ""}`,
          detail: localDescription(o, locale),
          insert: `${localName(o, locale)}:`,
          replaces: startsOption.length,
        })),
    );
  };

  const autocomplete = async (parsed, typing) => {
    const mine = ++request;
    const { member, channelId } = app.state();
    const answer = await app.post("/api/autocomplete", {
      memberId: member.id,
      channelId,
      name: parsed.command.name,
      options: interactionOptions(parsed, app.resolve, typing.option.name),
    });
    if (mine !== request) return; // a newer keystroke asked again
    show(
      (answer.choices ?? []).map((c) => ({
        title: c.name,
        insert: `${c.value} `,
        replaces: typing.raw.length,
      })),
    );
  };

  const send = async () => {
    const { commands, member, channelId } = app.state();
    const text = dom.input.value.trim();
    if (text === "") return;
    dom.error.textContent = "";
    if (!text.startsWith("/")) {
      dom.error.textContent = "The playground sends slash commands only: type / to see them.";
      return;
    }
    const parsed = parseCommandLine(text, commands, member.locale);
    const name = parsed.command?.name ?? parsed.typedName;
    const answer = await app.post("/api/command", {
      memberId: member.id,
      channelId,
      name,
      options: parsed.command ? interactionOptions(parsed, app.resolve) : [],
    });
    if (answer.error) {
      dom.error.textContent = answer.error;
      return;
    }
    app.sent(
      answer.interactionId,
      parsed.command ? commandLabel(parsed, member.locale) : `/${name}`,
    );
    dom.input.value = "";
    show([]);
  };

  dom.input.addEventListener("input", () => {
    dom.error.textContent = "";
    void suggest();
  });
  dom.input.addEventListener("focus", () => void suggest());
  dom.input.addEventListener("blur", () => show([]));
  dom.input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length > 0) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length > 0) {
      event.preventDefault();
      highlight((active - 1 + items.length) % items.length);
    } else if (event.key === "Tab" && items.length > 0) {
      event.preventDefault();
      pick(Math.max(active, 0));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (event.key === "Escape") show([]);
  });
  dom.form.addEventListener("submit", (event) => {
    event.preventDefault();
    void send();
  });
  return { refresh: () => void suggest() };
}
