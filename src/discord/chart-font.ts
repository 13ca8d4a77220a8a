import * as fontkit from "fontkit";
import type { Logger } from "../log.js";

/**
 * Debian's fonts-noto-cjk (installed by .ci/run and the Dockerfile): one file holds the Chinese,
 * Japanese and Korean faces, each with Latin, digits and punctuation; charts use Simplified Chinese.
 */
export const NOTO_CJK_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
export const NOTO_CJK_FACE = "NotoSansCJKsc-Regular";

/** A text laid out in font units: SVG path elements from x = 0 on the baseline, y up. */
export type ShapedText = { readonly paths: string; readonly advance: number };

export type ChartFont = {
  readonly unitsPerEm: number;
  /** Shaped once per distinct text (labels repeat on every chart); glyphs become paths. */
  shape(text: string): ShapedText;
  /** The characters of `text` the font has no glyph for: they would be drawn as .notdef, a box. */
  missing(text: string): string[];
};

// Charts repeat a few hundred texts (topic labels, numbers, day names); the bound only guards
// against growth.
const SHAPE_CACHE_LIMIT = 5_000;

/** Opens the face, or throws (missing file, not a font, no such face). */
export function openChartFont(path: string, face: string): ChartFont {
  // With a PostScript name, a collection yields that face (null when it has none).
  const font = fontkit.openSync(path, face) as fontkit.Font | fontkit.FontCollection | null;
  if (!font || "fonts" in font) throw new Error(`${path} has no face named ${face}`);
  const shaped = new Map<string, ShapedText>();
  const glyphPaths = new Map<number, string>();
  const glyphPath = (glyph: fontkit.Glyph) => {
    let d = glyphPaths.get(glyph.id);
    if (d === undefined) glyphPaths.set(glyph.id, (d = glyph.path.toSVG()));
    return d;
  };
  return {
    unitsPerEm: font.unitsPerEm,
    shape(text) {
      const cached = shaped.get(text);
      if (cached) return cached;
      const run = font.layout(text);
      let x = 0;
      let paths = "";
      run.glyphs.forEach((glyph, i) => {
        const position = run.positions[i]!;
        const d = glyphPath(glyph);
        if (d !== "")
          paths += `<path transform="translate(${x + position.xOffset} ${position.yOffset})" d="${d}"/>`;
        x += position.xAdvance;
      });
      if (shaped.size >= SHAPE_CACHE_LIMIT) shaped.clear();
      const result = { paths, advance: x };
      shaped.set(text, result);
      return result;
    },
    missing(text) {
      // The cmap maps characters to glyphs; one it lacks is laid out as glyph 0, .notdef.
      return [...new Set(text)].filter((char) => !font.hasGlyphForCodePoint(char.codePointAt(0)!));
    },
  };
}

/**
 * The chart font, opened on first use. When it cannot be opened the bot goes on with the text
 * view: the failure is logged once (with how to fix it), and later calls return null quietly.
 */
export function chartFontLoader(
  path = NOTO_CJK_PATH,
  face = NOTO_CJK_FACE,
): (log: Logger) => ChartFont | null {
  let font: ChartFont | null | undefined;
  return (log) => {
    if (font !== undefined) return font;
    try {
      font = openChartFont(path, face);
    } catch (error) {
      font = null;
      log.warn(
        { err: error, path, face },
        "chart font unavailable; /progress sends text only (install Debian's fonts-noto-cjk)",
      );
    }
    return font;
  };
}

export const chartFont = chartFontLoader();
