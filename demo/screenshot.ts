/**
 * Writes docs/report-top.png, the top of the demo report at 1,400 × 900 px, shown in the README
 * so a visitor sees the report before running anything. Run it with `npm run docs:screenshot`
 * after changing the report's look; it uses the same Chromium as the browser tests.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../src/report/html.js';
import { buildDemoCassette } from './build.js';

async function main(): Promise<void> {
  const { report } = await buildDemoCassette();
  const dir = await mkdtemp(join(tmpdir(), 'srm-shot-'));
  const { default: packaged } = await import('@sparticuz/chromium');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (await packaged.executablePath()),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, renderHtml(report));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: join('docs', 'report-top.png') });
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
