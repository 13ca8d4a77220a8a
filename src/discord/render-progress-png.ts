import { renderAsync } from "@resvg/resvg-js";
import { TARGET_RECALL } from "../domain/progress.js";
import type { ChartFont } from "./chart-font.js";

export const PROGRESS_FILE = "progress.png";

/** What the picture shows, every text already in the reader's language. */
export type ProgressChart = {
  readonly title: string;
  /** One bar per topic: recall in [0, 1]; `detail` is drawn after the bar (e.g. "45% · 3/5"). */
  readonly rows: readonly { label: string; recall: number; detail: string }[];
  readonly forecastTitle: string;
  /** Reviews due per day, today first; `label` names the day. */
  readonly forecast: readonly { label: string; due: number }[];
};

// GitHub's dark palette, as the /streak calendar.
const COLOURS = {
  background: "#0d1117",
  track: "#30363d",
  text: "#e6edf3",
  dim: "#8b949e",
  good: "#2ea043",
  fair: "#d29922",
  weak: "#f85149",
  forecast: "#388bfd",
};

// Discord scales an embed's image down to the embed's width, a few hundred pixels: a bigger
// canvas would not be seen, and the rasterizer's time grows with the pixels.
const WIDTH = 560;
const PAD = 16;
const TITLE_SIZE = 18;
const LABEL_SIZE = 14;
const SMALL_SIZE = 12;
const ROW = 24;
const BAR = 14;
const LABEL_MAX = 190;
const DETAIL_WIDTH = 96;
const FORECAST_HEIGHT = 56;

// Text arrives as outlines; no font is loaded by the rasterizer, so none can stand in silently.
const RASTER = { font: { loadSystemFonts: false } };

/** A bar chart of recall by topic and a 7-day forecast of reviews, as a PNG. */
export async function renderProgressPng(chart: ProgressChart, font: ChartFont): Promise<Buffer> {
  // Parsing and drawing run on libuv's pool, off the event loop; only the encoding runs here.
  return (await renderAsync(progressSvg(chart, font), RASTER)).asPng();
}

/** One text alone, drawn exactly as the chart draws its labels: what the glyph test compares. */
export async function renderTextPng(text: string, font: ChartFont, size = LABEL_SIZE) {
  const draw = textDrawer(font);
  const width = Math.ceil(draw.width(text, size)) + 8;
  const height = size * 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${draw.text(text, 4, size * 1.4, size, COLOURS.text)}</svg>`;
  return (await renderAsync(svg, RASTER)).pixels;
}

/** The SVG the PNG is drawn from: text is already glyph outlines, so the rasterizer needs no font. */
export function progressSvg(chart: ProgressChart, font: ChartFont): string {
  const draw = textDrawer(font);
  const labelWidth = Math.min(
    LABEL_MAX,
    Math.max(0, ...chart.rows.map((row) => draw.width(row.label, LABEL_SIZE))),
  );
  const barX = PAD + labelWidth + 12;
  const barWidth = WIDTH - barX - DETAIL_WIDTH - PAD;
  const rowsTop = PAD + TITLE_SIZE + 12;
  const forecastTop = rowsTop + chart.rows.length * ROW + 12;
  const height = forecastTop + SMALL_SIZE + 10 + FORECAST_HEIGHT + SMALL_SIZE + 4 + PAD;
  const parts = [
    `<rect width="${WIDTH}" height="${height}" fill="${COLOURS.background}"/>`,
    // The title holds a member's name, which may hold emoji or scripts the font lacks: those are
    // left out rather than drawn as boxes (the embed above the picture shows the name whole).
    draw.text(drawable(chart.title, font), PAD, PAD + TITLE_SIZE, TITLE_SIZE, COLOURS.text),
  ];
  chart.rows.forEach((row, i) => {
    const top = rowsTop + i * ROW;
    const baseline = top + (ROW + LABEL_SIZE) / 2 - 3;
    const label = draw.fit(row.label, LABEL_SIZE, labelWidth);
    parts.push(
      draw.text(label, PAD + labelWidth, baseline, LABEL_SIZE, COLOURS.text, "end"),
      rect(barX, top + (ROW - BAR) / 2, barWidth, BAR, COLOURS.track),
      rect(barX, top + (ROW - BAR) / 2, barWidth * clamp01(row.recall), BAR, barColour(row.recall)),
      draw.text(row.detail, barX + barWidth + 10, baseline, SMALL_SIZE, COLOURS.dim),
    );
  });
  parts.push(
    draw.text(chart.forecastTitle, PAD, forecastTop + SMALL_SIZE, SMALL_SIZE, COLOURS.text),
  );
  const most = Math.max(1, ...chart.forecast.map((day) => day.due));
  const slot = (WIDTH - 2 * PAD) / Math.max(1, chart.forecast.length);
  const floor = forecastTop + SMALL_SIZE + 10 + FORECAST_HEIGHT;
  chart.forecast.forEach((day, i) => {
    const centre = PAD + slot * (i + 0.5);
    const tall = (FORECAST_HEIGHT - SMALL_SIZE - 4) * (day.due / most);
    parts.push(
      rect(centre - slot * 0.3, floor - tall, slot * 0.6, tall, COLOURS.forecast),
      draw.text(String(day.due), centre, floor - tall - 4, SMALL_SIZE, COLOURS.text, "middle"),
      draw.text(day.label, centre, floor + SMALL_SIZE + 4, SMALL_SIZE, COLOURS.dim, "middle"),
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}">${parts.join("")}</svg>`;
}

type Anchor = "start" | "middle" | "end";

/** `text` without the characters the font has no glyph for. */
export function drawable(text: string, font: ChartFont): string {
  const missing = new Set(font.missing(text));
  return missing.size === 0 ? text : [...text].filter((char) => !missing.has(char)).join("");
}

function textDrawer(font: ChartFont) {
  const scale = (size: number) => size / font.unitsPerEm;
  const width = (text: string, size: number) => font.shape(text).advance * scale(size);
  return {
    width,
    /** The text, cut with an ellipsis until it fits `max` pixels. */
    fit(text: string, size: number, max: number): string {
      if (width(text, size) <= max) return text;
      const chars = [...text];
      while (chars.length > 1 && width(`${chars.join("")}…`, size) > max) chars.pop();
      return `${chars.join("")}…`;
    },
    text(
      text: string,
      x: number,
      baseline: number,
      size: number,
      fill: string,
      anchor: Anchor = "start",
    ) {
      const s = scale(size);
      const shaped = font.shape(text);
      const offset =
        anchor === "start" ? 0 : anchor === "end" ? shaped.advance * s : (shaped.advance * s) / 2;
      return `<g fill="${fill}" transform="translate(${round(x - offset)} ${round(baseline)}) scale(${s} ${-s})">${shaped.paths}</g>`;
    },
  };
}

function rect(x: number, y: number, w: number, h: number, fill: string): string {
  return w <= 0 || h <= 0
    ? ""
    : `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="3" fill="${fill}"/>`;
}

function barColour(recall: number): string {
  return recall >= TARGET_RECALL ? COLOURS.good : recall >= 0.6 ? COLOURS.fair : COLOURS.weak;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

const round = (value: number) => Math.round(value * 100) / 100;
