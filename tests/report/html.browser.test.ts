/**
 * The HTML report in a real headless browser (the packaged Chromium of @sparticuz/chromium, driven by playwright-core),
 * built from findings full of hostile AWS-derived strings: nothing injected runs, nothing
 * is fetched from the network, the text shows as text, and the filters work.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSIBILITIES, type Finding } from '../../src/engine/types.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report, ReportFinding } from '../../src/report/model.js';
import { buildComplianceViews, buildGrid } from '../../src/report/views.js';
import { launchChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';
const SCRIPT_BREAK = '</script><script>window.__pwned=(window.__pwned||0)+1</script>';
const ATTR_BREAK = '" onmouseover="window.__pwned=1" data-x="';
const REMOTE = '<link rel=stylesheet href="http://198.51.100.7/x.css"><iframe src="https://example.com/"></iframe>';

const finding = (
  over: Partial<ReportFinding> & Pick<Finding, 'status' | 'severity' | 'category' | 'service' | 'region'>,
  n: number,
): ReportFinding => sampleFinding(n, { title: `Check number ${n}`, compliance: { 'aws-fsbp': ['EC2.53'] }, ...over });

const findings: ReportFinding[] = [
  finding(
    {
      status: 'FAIL',
      severity: 'high',
      category: 'infrastructure',
      service: 'ec2',
      region: 'us-east-1',
      resource: { id: 'sg-1', type: 'AWS::EC2::SecurityGroup', name: IMG },
      message: `Open: tag Name=${SCRIPT_BREAK}`,
      baseline: 'new',
    },
    1,
  ),
  finding(
    {
      status: 'PASS',
      severity: 'medium',
      category: 'container',
      service: 'rds',
      region: 'eu-west-1',
      resource: { id: `db-${ATTR_BREAK}`, type: 'AWS::RDS::DBInstance' },
    },
    2,
  ),
  finding(
    {
      status: 'ERROR',
      severity: 'critical',
      category: 'identity',
      service: 'iam',
      region: 'global',
      message: `Could not evaluate: ${REMOTE}`,
      remediation: IMG,
    },
    3,
  ),
  finding(
    {
      status: 'FAIL',
      severity: 'high',
      category: 'abstracted',
      service: 's3',
      region: 'eu-west-1',
      resource: { id: 'bucket-policy-says', type: 'AWS::S3::Bucket', arn: `arn:aws:s3:::${SCRIPT_BREAK}` },
      message: 'Policy {"Statement":[{"Principal":"*"}]} </style><b>bold</b>',
      responsibility: 'public-access',
      compliance: { 'aws-fsbp': ['S3.8'] },
      waiver: { reason: `accepted ${IMG}`, owner: 'web-team', expires: '2999-01-01', source: 'waivers.yaml:3' },
    },
    4,
  ),
  finding({ status: 'NOT_APPLICABLE', severity: 'low', category: 'identity', service: 'iam', region: 'global' }, 5),
];

const report: Report = reportOf(findings, {
  callerArn: `arn:aws:sts::123456789012:assumed-role/${IMG}/x`,
  regions: ['eu-west-1', 'us-east-1'],
  partial: true,
  apiCalls: { total: 12, byOperation: { 'ec2:DescribeSecurityGroups': 12 } },
});
// The views come from check metadata: here a catalog of one check per finding.
const catalog = findings.map((f) => ({ id: f.checkId, category: f.category, responsibility: f.responsibility, compliance: f.compliance }));
report.views = { grid: buildGrid(catalog, findings), compliance: buildComplianceViews(catalog, report.run.checks, findings) };

let browser: Browser;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  const file = join(tempDir('srm-html-'), 'report.html');
  writeFileSync(file, renderHtml(report));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
});

afterAll(async () => {
  await browser?.close();
});

const visibleRows = (): Promise<number> => page.locator('#findings tbody tr:visible').count();

async function resetFilters(): Promise<void> {
  await page.evaluate('history.replaceState(null, "", location.pathname)');
  for (const name of ['status', 'state', 'severity', 'category', 'responsibility', 'service', 'region', 'resource']) {
    await page.selectOption(`select[name=${name}]`, '');
  }
  await page.fill('#search', '');
}

describe('HTML report in headless Chromium', () => {
  it('runs nothing injected and loads nothing from the network', async () => {
    await page.hover('#findings tbody tr:nth-child(2)');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(await page.locator('img, iframe, link, #findings b, header b').count()).toBe(0);
    // The only script is ours (admitted by its hash); our own script and style ran under the CSP.
    expect(await page.locator('script').count()).toBe(1);
    expect(cspViolations).toEqual([]);
  });

  it('shows hostile strings as text', async () => {
    const text = await page.locator('#findings').innerText();
    expect(text).toContain(IMG);
    expect(text).toContain(SCRIPT_BREAK);
    expect(text).toContain('</style><b>bold</b>');
    expect(await page.locator('header').innerText()).toContain(IMG);
  });

  it('filters by status, severity, category, service and region, and searches text', async () => {
    expect(await visibleRows()).toBe(5);
    await page.selectOption('select[name=status]', 'FAIL');
    expect(await visibleRows()).toBe(2);
    await page.selectOption('select[name=region]', 'eu-west-1');
    expect(await visibleRows()).toBe(1);
    await page.selectOption('select[name=status]', '');
    await page.selectOption('select[name=region]', '');
    await page.selectOption('select[name=category]', 'identity');
    expect(await visibleRows()).toBe(2);
    await page.selectOption('select[name=severity]', 'critical');
    expect(await visibleRows()).toBe(1);
    await page.selectOption('select[name=category]', '');
    await page.selectOption('select[name=severity]', '');
    await page.selectOption('select[name=service]', 'rds');
    expect(await visibleRows()).toBe(1);
    await page.selectOption('select[name=service]', '');
    await page.fill('#search', 'bucket-policy');
    expect(await visibleRows()).toBe(1);
    expect(await page.locator('#shown').innerText()).toBe('1 of 5 findings shown');
    await page.fill('#search', '');
    expect(await visibleRows()).toBe(5);
  });

  it('shows the partial-run banner and the remediation of failures', async () => {
    await expect(page.locator('.banner').innerText()).resolves.toContain('Partial run');
    await page.locator('#findings tbody tr').first().locator('summary').click();
    expect(await page.locator('#findings tbody tr').first().innerText()).toContain('remediation 1');
  });

  it('draws the responsibility grid; a cell links to its findings', async () => {
    await resetFilters();
    const cell = page.locator('#grid td[data-cell="network-firewall/infrastructure"]');
    await expect(cell.innerText()).resolves.toMatch(/0 ✓ · 1 ✗ · 0 !/);
    await expect(page.locator('#grid td[data-cell="backup/container"]').innerText()).resolves.toBe('no check covers it yet');
    await expect(page.locator('#grid tbody tr').count()).resolves.toBe(RESPONSIBILITIES.length);
    await cell.locator('a').click();
    await page.waitForFunction('location.hash.startsWith("#f?")');
    expect(await visibleRows()).toBe(1);
    expect(await page.locator('select[name=responsibility]').inputValue()).toBe('network-firewall');
    expect(await page.locator('#findings tbody tr:visible').innerText()).toContain('sg-1');
    // The waived S3 failure is counted apart in its cell.
    await expect(page.locator('#grid td[data-cell="public-access/abstracted"]').innerText()).resolves.toMatch(/0 ✗.*1 waived/s);
  });

  it('filters as a filter link is clicked, not later when "hashchange" is dispatched', async () => {
    await resetFilters();
    // One script turn: the click changes the address at once, while "hashchange" is a task queued
    // for later, so the table must already be filtered when click() returns.
    const shownAfterClick = await page.evaluate(`(() => {
      document.querySelector('#grid td[data-cell="network-firewall/infrastructure"] a').click();
      return { hash: location.hash, shown: document.querySelectorAll('#findings tbody tr:not([hidden])').length };
    })()`);
    expect(shownAfterClick).toEqual({ hash: '#f?responsibility=network-firewall&category=infrastructure', shown: 1 });
  });

  it('shows each framework with control statuses, failing resources linking to the findings', async () => {
    await resetFilters();
    const fsbp = page.locator('details.framework[data-framework="aws-fsbp"]');
    await fsbp.locator('summary').click();
    const ec2 = fsbp.locator('tr', { has: page.locator('td', { hasText: /^EC2\.53$/ }) });
    await expect(ec2.locator('td.status').innerText()).resolves.toBe('Fail');
    await expect(ec2.innerText()).resolves.toContain('unlisted');
    await expect(
      fsbp
        .locator('tr', { has: page.locator('td', { hasText: /^S3\.8$/ }) })
        .locator('td.status')
        .innerText(),
    ).resolves.toMatch(/^Pass\s*1 waived/);
    await expect(fsbp.locator('tr[data-control-status="not-covered"]').count()).resolves.toBeGreaterThan(50);
    await ec2.locator('a').first().click();
    await page.waitForFunction('location.hash.includes("resource=")');
    expect(await visibleRows()).toBe(1);
  });

  it('lists everything wrong with one resource, and filters by baseline / waiver state', async () => {
    await resetFilters();
    const resources = page.locator('details.resource');
    await expect(resources.count()).resolves.toBe(3);
    await expect(resources.first().innerText()).resolves.toContain('1 open failure(s)');
    await page.selectOption('select[name=state]', 'waived');
    expect(await visibleRows()).toBe(1);
    await page.selectOption('select[name=state]', 'new');
    expect(await visibleRows()).toBe(1);
    expect(await page.locator('#findings tbody tr:visible .tag').innerText()).toBe('new');
  });

  it('renders charts as inline SVG, prints every row and opens details, and paints a non-blank page', async () => {
    await resetFilters();
    await expect(page.locator('.charts svg').count()).resolves.toBe(3);
    await expect(page.locator('.charts svg rect[fill="#cf222e"]').count()).resolves.toBeGreaterThan(0);
    await page.selectOption('select[name=status]', 'PASS');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.filters').isVisible()).resolves.toBe(false);
    await expect(page.locator('#findings tbody tr:visible').count()).resolves.toBe(5);
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    await expect(page.locator('details:not([open])').count()).resolves.toBe(0);
    await page.emulateMedia({ media: 'screen' });
    await page.selectOption('select[name=status]', '');

    const png = await page.screenshot({ fullPage: false });
    // Decode the PNG in a blank page (no CSP) and look at its pixels.
    const probe = await browser.newPage();
    // A string, evaluated in the browser (this project's TypeScript has no DOM types).
    const stats = (await probe.evaluate(`(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let nonWhite = 0;
      let red = 0;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i], g = data[i + 1], b = data[i + 2];
        if (r < 240 || g < 240 || b < 240) nonWhite++;
        if (r > 180 && g < 80 && b < 80) red++;
        colours.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
      }
      return { width: img.width, height: img.height, nonWhite: nonWhite / (data.length / 4), red, colours: colours.size };
    })(${JSON.stringify(png.toString('base64'))})`)) as { width: number; height: number; nonWhite: number; red: number; colours: number };
    await probe.close();
    expect(stats.width).toBeGreaterThan(500);
    expect(stats.nonWhite).toBeGreaterThan(0.05); // the dark header alone is more than that
    expect(stats.red).toBeGreaterThan(50); // the failure colour of the cards and the charts
    expect(stats.colours).toBeGreaterThan(20);
  });
});
