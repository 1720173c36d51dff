/** Debian's chromium driven by playwright-core (its own browser download is not reachable here), for the HTML tests. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Finding } from '../../src/engine/types.js';
import { SCHEMA_VERSION, summarize, type Report } from '../../src/report/model.js';
import { tempDir } from './cli.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
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

/** A report around `findings`, as the HTML tests render it. */
export function reportOf(findings: Finding[]): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'srm-audit', version: '0.0.0-test' },
    run: {
      startedAt: '2026-11-20T12:00:00.000Z',
      finishedAt: '2026-11-20T12:00:05.000Z',
      durationMs: 5000,
      accountId: '123456789012',
      callerArn: 'arn:aws:sts::123456789012:assumed-role/auditor/x',
      regions: [...new Set(findings.map((f) => f.region))].sort(),
      source: 'replay',
      checks: [...new Set(findings.map((f) => f.checkId))],
      partial: false,
      apiCalls: { total: 0, byOperation: {} },
      errors: [],
    },
    summary: summarize(findings),
    findings,
    // The exposure view reads findings only; the grid and compliance views are tested elsewhere.
    views: { grid: [], compliance: [] },
  };
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
