/**
 * The demo account's report as its two readers meet it, in headless Chromium at 1,400 px: a
 * security lead sees the summary and the open failures by severity on a page of reasonable
 * length, and an auditor prints it (page.pdf, as a browser's "Save as PDF" does) to a document
 * of fewer than 40 pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCassette } from '../../demo/build.js';
import { SEVERITIES } from '../../src/engine/types.js';
import { renderHtml } from '../../src/report/html.js';
import { launchChromium, openPage } from '../helpers/browser.js';

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const { report } = await buildDemoCassette();
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, renderHtml(report)));
  await page.setViewportSize({ width: 1400, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object per page (the tree is "/Type /Pages"). */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('the demo report in headless Chromium', () => {
  it('opens on the open failures, grouped by check, in severity order', async () => {
    const severities = await page
      .locator('#groups details.group')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-severity') ?? ''));
    expect(severities.length).toBeGreaterThan(10);
    const ranks = severities.map((s) => (SEVERITIES as readonly string[]).indexOf(s));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await page.click('#expand');
    const statuses = await page.locator('#groups tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(100);
    expect(new Set(statuses)).toEqual(new Set(['FAIL']));
    await page.click('#collapse');
    expect(errors).toEqual([]);
  });

  it('is under 15,000 px tall at 1,400 px wide in its default state', async () => {
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    expect(height).toBeLessThan(15_000);
    expect(height).toBeGreaterThan(2_000); // the views are there
  });

  it('names the internet exposure view in its sticky navigation', async () => {
    expect(await page.locator('nav.toc a').allInnerTexts()).toEqual([
      'Summary',
      'Shared responsibility',
      'Compliance',
      'Internet exposure',
      'Resources',
      'Findings',
      'Scope',
    ]);
  });

  it('prints to fewer than 40 pages, with every finding in the printed appendix', async () => {
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThan(40);
    // Every framework's control table is in the document.
    expect(await page.locator('details.framework:not([open])').count()).toBe(0);
    const data = (await page.evaluate(`JSON.parse(document.getElementById('report-data').textContent).findings.length`)) as number;
    expect(await page.locator('#appendix tbody tr:not(.check-row)').count()).toBe(data);
  });
});
