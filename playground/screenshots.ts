import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import type { Page } from "playwright-core";
import { t } from "../src/discord/i18n.js";
import { projectRoot } from "../src/paths.js";
import { launchChromium } from "./browser.js";
import { startPlayground } from "./playground.js";

/*
 * `npm run playground:screenshots`: the README's pictures, taken from a fresh playground in
 * headless Chromium the way a visitor would get there, written to docs/.
 */
const DOCS = join(projectRoot(), "docs");
const VIEWPORT = { width: 1100, height: 700 };

async function run(page: Page, command: string): Promise<void> {
  const box = page.getByRole("combobox", { name: "Message" });
  await box.fill(command);
  await box.press("Enter");
  await page.getByRole("log").getByRole("article").last().waitFor();
}

/** Lets the components draw and the pictures load (the event stream never lets the network idle). */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  await page.evaluate("document.fonts.ready");
}

const playground = await startPlayground({
  fresh: true,
  log: pino({ level: "silent" }),
  timeZone: "Asia/Shanghai",
  schedule: false,
});
const browser = await launchChromium(VIEWPORT);
try {
  mkdirSync(DOCS, { recursive: true });
  const state = (await playground.state()) as {
    members: Array<{ id: string; locale: string; admin: boolean }>;
  };
  const reader = state.members.find((m) => m.locale === "zh-CN") ?? state.members[0];
  const { page } = browser;
  await page.goto(`${playground.url}/?member=${reader?.id ?? ""}`);
  await page.locator("body[data-ready]").waitFor();

  await run(page, "/question ask number:3");
  const zh = (key: Parameters<typeof t>[1]) => t("zh-CN", key, { number: 3 });
  await page
    .getByRole("button", { name: zh("button.answer") })
    .last()
    .click();
  const dialog = page.getByRole("dialog");
  await dialog
    .getByRole("textbox")
    .fill("通过量化、剪枝和知识蒸馏压缩模型，减少参数和计算量，便于部署。");
  await settle(page);
  await page.screenshot({ path: join(DOCS, "playground-modal.png") });
  await dialog.getByRole("button", { name: "Submit" }).click();
  await page
    .getByRole("log")
    .getByRole("article")
    .filter({ hasText: zh("result.title") })
    .waitFor();
  await settle(page);
  await page.screenshot({ path: join(DOCS, "playground-feedback.png") });

  await run(page, "/streak");
  const calendar = page.getByRole("img", { name: "Discord embed media" }).last();
  await calendar.scrollIntoViewIfNeeded();
  await settle(page);
  await page.screenshot({ path: join(DOCS, "playground-streak.png") });

  for (const jump of ["Next daily post", "Tomorrow"]) {
    await page.getByRole("button", { name: jump }).click();
    await settle(page);
  }
  await page.getByRole("button", { name: "Channel daily" }).click();
  await settle(page);
  await page.screenshot({ path: join(DOCS, "playground-daily.png") });
  console.log(`Screenshots written to ${DOCS}`);
} finally {
  await browser.close();
  await playground.close();
}
