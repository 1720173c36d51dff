/**
 * A headless Chromium driven by playwright-core, for the HTML tests. The binary comes from the
 * npm package @sparticuz/chromium (shipped inside its tarball; temp-root.ts unpacks it into the
 * system's temporary folder before the tests start and sets CHROMIUM_PATH to it), so `npm test`
 * needs nothing beyond `npm install`; playwright's own browser download is not
 * reachable here. CHROMIUM_PATH (e.g. a system /usr/bin/chromium) overrides it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tempDir } from './cli.js';

async function chromiumPath(): Promise<string> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return override;
  }
  // Under vitest, temp-root.ts has unpacked it and set CHROMIUM_PATH.
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Writes `html` to a temporary file and opens it in a new page (at `hash`, if given); `requests`
 * collects every URL the page asks for, `errors` every uncaught script error.
 */
export async function openPage(browser: Browser, html: string, hash = ''): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const file = join(tempDir('srm-page-'), 'report.html');
  writeFileSync(file, html);
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href + hash);
  await page.waitForLoadState('load');
  return { page, requests, errors };
}
