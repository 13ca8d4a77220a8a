/**
 * The part of Discord's markdown the bot writes (bold, italics, strike, inline code, code blocks,
 * links, mentions, timestamps), turned into safe HTML: the text is escaped first, then marked up.
 */

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * @param {string} text
 * @param {{ userName(id: string): string, channelName(id: string): string, timeZone: string, now: number }} names
 *   how to name mentions, and the playground's zone and clock for `<t:…>` timestamps
 */
export function markdownToHtml(text, names) {
  // Code keeps its content as written: split it off before any other rule runs.
  return String(text ?? "")
    .split(/(```[\s\S]*?```|`[^`\n]+`)/)
    .map((part, index) => {
      if (index % 2 === 1) {
        if (part.startsWith("```")) {
          const body = part.slice(3, -3).replace(/^[a-z0-9-]*\n/i, "");
          return `<pre class="md-pre"><code>${escapeHtml(body.replace(/\n$/, ""))}</code></pre>`;
        }
        return `<code class="md-code">${escapeHtml(part.slice(1, -1))}</code>`;
      }
      return inline(part, names);
    })
    .join("");
}

function inline(text, names) {
  return escapeHtml(text)
    .replace(
      /&lt;@!?(\d+)&gt;/g,
      (_, id) => `<span class="mention">@${escapeHtml(names.userName(id))}</span>`,
    )
    .replace(
      /&lt;#(\d+)&gt;/g,
      (_, id) => `<span class="mention">#${escapeHtml(names.channelName(id))}</span>`,
    )
    .replace(/&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;/g, (_, seconds, style) =>
      escapeHtml(formatTimestamp(Number(seconds) * 1000, style, names)),
    )
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
      '<a href="$2" target="_blank" rel="noopener">$1</a>',
    )
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/__(.+?)__/g, "<u>$1</u>")
    .replace(/(^|[^*])\*([^*\n]+)\*/g, "$1<em>$2</em>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s.,!?)])/g, "$1<em>$2</em>")
    .replace(/~~(.+?)~~/g, "<s>$1</s>")
    .replace(/^-# (.*)$/gm, '<small class="md-subtext">$1</small>')
    .replace(/^&gt; (.*)$/gm, '<span class="md-quote">$1</span>')
    .replace(/\n/g, "<br>");
}

function formatTimestamp(ms, style, { timeZone, now }) {
  const date = new Date(ms);
  if (style === "R") {
    const days = Math.round((ms - now) / 86_400_000);
    return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(days, "day");
  }
  const options = {
    t: { timeStyle: "short" },
    T: { timeStyle: "medium" },
    d: { dateStyle: "short" },
    D: { dateStyle: "long" },
    F: { dateStyle: "full", timeStyle: "short" },
  }[style] ?? { dateStyle: "long", timeStyle: "short" };
  return new Intl.DateTimeFormat("en", { ...options, timeZone }).format(date);
}
