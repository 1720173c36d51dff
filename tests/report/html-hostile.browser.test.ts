/**
 * The HTML report's own defences, checked on the page as written and in headless Chromium: the
 * Content-Security-Policy admits exactly the page's inline script and style (their hashes are
 * recomputed here from the page), nothing can load or navigate anywhere, strings that are not
 * even valid Unicode still render, a malformed filter link is ignored, and the page streamed in
 * pieces is the page.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Resource } from '../../src/engine/types.js';
import { HTML_CSP, renderHtml, renderHtmlChunks } from '../../src/report/html.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

/** Findings of seven checks, so that many findings share one. */
const finding = (n: number, resource: Resource, over: Partial<Finding> = {}): Finding =>
  sampleFinding(n, { checkId: `check-${n % 7}`, title: `Check ${n % 7}`, remediation: 'close it', resource, ...over });

// A lone surrogate is not Unicode, but a hostile endpoint's JSON can still carry one ("\ud800").
const LONE = 'sg-\uD800-lone';
const hostile: Finding[] = [
  finding(1, { id: LONE, type: 'AWS::EC2::SecurityGroup', name: 'half\uDC00pair' }, { message: `open \uD83D ${LONE}` }),
  finding(2, { id: 'javascript:alert(1)', type: 'AWS::EC2::SecurityGroup', arn: 'javascript:alert(document.domain)//' }),
  finding(3, { id: 'a&b=c d%zz', type: 'AWS::IAM::Role' }, { region: 'eu-west-1', status: 'ERROR' }),
];
const page1 = renderHtml(reportOf(hostile));

const unescape = (s: string): string =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('HTML report defences', () => {
  it("the CSP admits the page's own inline script and style by hash, and nothing else", () => {
    const csp = unescape(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page1)![1]!);
    expect(csp).toBe(HTML_CSP);
    // The meta tag comes before anything it governs.
    expect(page1.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(page1.indexOf('<style>'));
    const styles = [...page1.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...page1.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name!, sources];
      }),
    );
    expect(directives).toEqual({
      'default-src': ["'none'"],
      'style-src': [sha256(styles[0]!)],
      'script-src': [sha256(scripts[0]!)],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('renders a resource id that is not valid Unicode, and its resource link still filters to it', async () => {
    const { page, errors } = await openPage(browser, page1);
    await page.click('#expand');
    expect(await page.locator('#groups tbody tr').count()).toBe(2);
    expect(await page.locator('#groups').innerText()).toContain('sg-\uFFFD-lone');
    await page.locator('#resource-list tr.resource', { hasText: 'sg-\uFFFD-lone' }).locator('a').click();
    await expect.poll(() => page.locator('#chips').innerText()).toContain('resource:');
    await page.click('#expand');
    expect(await page.locator('#groups tbody tr').count()).toBe(1);
    expect(await page.locator('#groups tbody tr').innerText()).toContain('sg-\uFFFD-lone');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('links only within the page (a javascript: resource id stays text) and loads nothing', async () => {
    const { page, requests, errors } = await openPage(browser, page1, '#f?status=all');
    await page.click('#expand');
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(href).toMatch(/^#/);
    expect(
      await page.locator('img, link, iframe, object, embed, base, form, [src], [style], [srcset], meta[http-equiv=refresh]').count(),
    ).toBe(0);
    expect(await page.locator('#groups').innerText()).toContain('javascript:alert(1)');
    // A resource with "&", "=", "%" and a space in its id filters to itself alone.
    await page.locator('#resource-list tr.resource', { hasText: 'a&b=c d%zz' }).locator('a').click();
    await expect.poll(() => page.locator('#chips').innerText()).toContain('resource: a&b=c d%zz');
    await page.click('#expand');
    expect(await page.locator('#groups tbody tr').count()).toBe(1);
    expect(await page.locator('#groups tbody tr').innerText()).toContain('a&b=c d%zz');
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ignores a malformed value in a filter link instead of failing the script', async () => {
    const { page, errors } = await openPage(browser, page1, '#f?severity=%E0%A4%A&region=eu-west-1&status=all');
    expect(errors).toEqual([]);
    expect(await page.locator('select[name=region]').inputValue()).toBe('eu-west-1');
    expect(await page.locator('select[name=severity]').inputValue()).toBe('');
    await page.click('#expand');
    expect(await page.locator('#groups tbody tr').count()).toBe(1);
    await page.close();
  });

  it('embeds the data so that no string can close its block: "</script>" and "<!--" stay inside the JSON', async () => {
    const nasty = renderHtml(
      reportOf([
        finding(1, { id: '</script><script>window.__pwned=1</script><!--', type: 'AWS::EC2::SecurityGroup', name: '\u2028\u2029' }),
      ]),
    );
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(nasty)![1]!;
    expect(block).not.toContain('<');
    const data = JSON.parse(block) as { findings: Array<{ i: string; l: string }> };
    expect(data.findings[0]!.i).toBe('</script><script>window.__pwned=1</script><!--');
    const { page, errors } = await openPage(browser, nasty);
    await page.click('#expand');
    expect(await page.locator('#groups').innerText()).toContain('</script><script>window.__pwned=1</script><!--');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters a report of several accounts by account, and opens a narrow view at once', async () => {
    const two = renderHtml(
      reportOf([
        finding(1, { id: 'sg-a', type: 'AWS::EC2::SecurityGroup' }, { accountId: '111111111111' }),
        finding(2, { id: 'sg-b', type: 'AWS::EC2::SecurityGroup' }, { accountId: '222222222222' }),
      ]),
    );
    const { page, errors } = await openPage(browser, two, '#f?account=222222222222&check=check-2');
    expect(await page.locator('select[name=account]').inputValue()).toBe('222222222222');
    // Two findings or fewer: the group is open without a click.
    const shown = page.locator('#findings tbody tr');
    expect(await shown.count()).toBe(1);
    expect(await shown.first().getAttribute('data-account')).toBe('222222222222');
    expect(await shown.first().getAttribute('data-check')).toBe('check-2');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('streams the same page in pieces: every finding once, whatever the batch boundaries', async () => {
    const many = Array.from({ length: 1203 }, (_, i) =>
      finding(i, { id: `sg-${String(i).padStart(4, '0')}`, type: 'AWS::EC2::SecurityGroup' }),
    );
    const report = reportOf(many);
    const pieces = [...renderHtmlChunks(report)];
    expect(pieces.length).toBeGreaterThan(4); // head, the findings in batches (13 of 100), tail
    const html = pieces.join('');
    expect(html).toBe(renderHtml(report));
    const { page, errors } = await openPage(browser, html);
    const ids = (await page.evaluate(
      `JSON.parse(document.getElementById('report-data').textContent).findings.map((f) => f.l)`,
    )) as string[];
    expect([...ids].sort()).toEqual(many.map((f) => f.resource.id));
    expect(await page.locator('#shown').innerText()).toBe('1203 of 1203 findings shown');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a large report lazily: group headers only, a hundred rows at a time, and filters over all of it', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      finding(i, { id: `i-${String(i).padStart(6, '0')}`, type: 'AWS::EC2::Instance' }, { region: i % 2 ? 'eu-west-1' : 'us-east-1' }),
    );
    const { page, errors } = await openPage(browser, renderHtml(reportOf(many)));
    expect(await page.locator('#shown').innerText()).toBe('20000 of 20000 findings shown');
    // Seven checks: seven closed groups, and not one finding row in the page yet.
    expect(await page.locator('#groups details.group').count()).toBe(7);
    expect(await page.locator('#groups tbody tr').count()).toBe(0);
    await page.locator('#groups details.group summary').first().click();
    await expect.poll(() => page.locator('#groups tbody tr').count()).toBe(100);
    await page.locator('#groups button.more').first().click();
    expect(await page.locator('#groups tbody tr').count()).toBe(200);
    await page.fill('#search', 'i-019999');
    await expect.poll(() => page.locator('#shown').innerText()).toBe('1 of 20000 findings shown');
    await page.selectOption('select[name=region]', 'us-east-1');
    expect(await page.locator('#shown').innerText()).toBe('0 of 20000 findings shown');
    // The resources view and a control's list are paged too.
    expect(await page.locator('#resource-list tr.resource').count()).toBe(15);
    expect(errors).toEqual([]);
    await page.close();
  });
});
