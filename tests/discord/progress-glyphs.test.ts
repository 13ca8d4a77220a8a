import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, test } from "vitest";
import { readBank } from "../../src/bank/load-banks.js";
import {
  chartFontLoader,
  NOTO_CJK_FACE,
  NOTO_CJK_PATH,
  openChartFont,
  type ChartFont,
} from "../../src/discord/chart-font.js";
import { renderTextPng } from "../../src/discord/render-progress-png.js";
import { LANGUAGES } from "../../src/domain/locale.js";

// The font the bot draws with (Debian's fonts-noto-cjk; .ci/run installs it). A missing font
// fails here rather than skipping: the chart's whole point is that these labels render.
const font = openChartFont(NOTO_CJK_PATH, NOTO_CJK_FACE);

const BANKS = "data/banks";
const labels = await Promise.all(
  readdirSync(BANKS)
    .filter((name) => name.endsWith(".json"))
    .map(async (name) => {
      const bank = await readBank(join(BANKS, name));
      return Object.values(bank.topics).flatMap((label) => LANGUAGES.map((lang) => label[lang]));
    }),
).then((lists) => lists.flat());

/** U+0378 is unassigned: no font has a glyph for it, so it draws as .notdef, the box. */
const UNASSIGNED = "\u0378";

/** The characters of `text` the rasterizer draws exactly as it draws a known-missing one. */
async function drawnAsBox(text: string, chartFont: ChartFont): Promise<string[]> {
  const box = await renderTextPng(UNASSIGNED, chartFont);
  const boxes: string[] = [];
  for (const char of new Set(text)) {
    if (/\s/u.test(char)) continue;
    if ((await renderTextPng(char, chartFont)).equals(box)) boxes.push(char);
  }
  return boxes;
}

describe("chart font coverage of every topic label of every bank, in both languages", () => {
  test("GIVEN the banks THEN there are labels in Chinese and English", () => {
    expect(labels.length).toBeGreaterThanOrEqual(2 * 13);
    expect(labels).toContain("模型优化");
    expect(labels).toContain("Model optimization");
  });

  test("GIVEN each label THEN the font has a glyph for each character (no .notdef in its layout)", () => {
    expect(labels.map((label) => [label, font.missing(label)])).toEqual(
      labels.map((label) => [label, []]),
    );
  });

  test("GIVEN each character of the labels drawn alone THEN none is drawn as the box", async () => {
    expect(await drawnAsBox(labels.join(""), font)).toEqual([]);
  });

  test.each([
    ["an unassigned code point", `模型${UNASSIGNED}优化`, [UNASSIGNED]],
    ["Ogham, a script the CJK font lacks", "Topic ᚁᚂ", ["ᚁ", "ᚂ"]],
    ["a Tangut ideograph", "西夏 \u{17000}", ["\u{17000}"]],
  ])(
    "GIVEN a label with %s THEN both checks name the missing characters",
    async (_n, label, missing) => {
      expect(font.missing(label)).toEqual(missing);
      expect(await drawnAsBox(label, font)).toEqual(missing);
    },
  );
});

describe("a missing font", () => {
  test("GIVEN no font file THEN the loader returns null and logs once", () => {
    const lines: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    const load = chartFontLoader("/nonexistent/NotoSansCJK-Regular.ttc", NOTO_CJK_FACE);
    expect(load(log)).toBeNull();
    expect(load(log)).toBeNull();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 40,
      path: "/nonexistent/NotoSansCJK-Regular.ttc",
    });
  });

  test("GIVEN a file with no such face THEN the loader returns null", () => {
    const log = pino({ level: "silent" });
    expect(chartFontLoader(NOTO_CJK_PATH, "NoSuchFace-Regular")(log)).toBeNull();
  });
});
