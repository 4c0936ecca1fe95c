// Turns drawn messages into PNG files with headless Chromium (Debian's `chromium` package) driven by
// playwright-core. A review tool, not part of the test command: it needs the browser installed.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { pageHtml, type ShotMessage } from "./discordHtml.js";

export const DESKTOP = 900;
export const PHONE = 400;

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// The flags keep Chromium off the network: this machine's network is closed, and a screenshot needs none.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Shot {
  file: string;
  width: number;
  messages: ShotMessage[];
}

/** Writes every shot as a full-page PNG; returns the files with their pixel heights. */
export async function shoot(outDir: string, shots: Shot[]): Promise<Array<{ file: string; height: number }>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH`,
    );
  }
  await mkdir(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const written: Array<{ file: string; height: number }> = [];
  try {
    for (const shot of shots) {
      // A short viewport: a full-page shot is as tall as the content, with no empty band below a short reply.
      const page = await browser.newPage({ viewport: { width: shot.width, height: 200 } });
      // Nothing in a drawn message is fetched: links are drawn, not followed.
      await page.route("**/*", (route) => route.abort());
      await page.setContent(pageHtml(shot.messages, shot.width), { waitUntil: "load" });
      const height = await page.evaluate(() => document.body.scrollHeight);
      const file = path.join(outDir, shot.file);
      await page.screenshot({ path: file, fullPage: true });
      written.push({ file, height });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return written;
}
