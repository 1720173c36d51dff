/**
 * The HTML report in a real headless browser (Chromium from @sparticuz/chromium, driven by
 * playwright-core), built from findings full of hostile AWS-derived strings: nothing injected
 * runs in any view, nothing is fetched from the network, the text shows as text, the default
 * view is the open failures by severity, the filters live in the address, and the grid is a
 * heat map of pass rates.
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
import { launchChromium, openPage } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

// The page's globals, for callbacks that run in the browser (this project's TypeScript has no DOM types).
declare const location: { hash: string };
declare const window: { scrollTo(x: number, y: number): void };
declare const document: { documentElement: { scrollHeight: number } };
declare function getComputedStyle(node: unknown): { backgroundColor: string; whiteSpace: string };

const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';
/** How the hostile tag starts: long names are shortened in the middle on screen, never unescaped. */
const IMG_START = '<img src=x onerror="';
const SCRIPT_BREAK = '</script><script>window.__pwned=(window.__pwned||0)+1</script>';
const ATTR_BREAK = '" onmouseover="window.__pwned=1" data-x="';
const REMOTE = '<link rel=stylesheet href="http://198.51.100.7/x.css"><iframe src="https://example.com/"></iframe>';

const finding = (
  over: Partial<ReportFinding> & Pick<Finding, 'status' | 'severity' | 'category' | 'service' | 'region'>,
  n: number,
): ReportFinding => sampleFinding(n, { title: `Check number ${n}`, compliance: { 'aws-fsbp': ['EC2.53'] }, ...over });

const EVIDENCE_POLICY = JSON.stringify({ Statement: [{ Sid: IMG, Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] });

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
      evidence: {
        entries: [
          { ruleNumber: 90, egress: false, action: 'deny', cidr: '198.51.100.0/24', ports: '22' },
          { ruleNumber: 100, egress: false, action: 'allow', cidr: '0.0.0.0/0', ports: `22 ${IMG}` },
        ],
        policy: EVIDENCE_POLICY,
      },
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
  finding(
    {
      status: 'FAIL',
      severity: 'critical',
      category: 'identity',
      service: 'iam',
      region: 'global',
      responsibility: 'identity-and-access',
      resource: { id: '123456789012', type: 'AWS::::Account', arn: 'arn:aws:iam::123456789012:root', name: 'account password policy' },
      message: 'The password policy is weak.',
      compliance: { 'cis-aws-3.0': ['1.8'] },
    },
    6,
  ),
  // Check 7: one failing and two passing buckets under the same FSBP control.
  ...(['FAIL', 'PASS', 'PASS'] as const).map((status, k) =>
    finding(
      {
        status,
        severity: 'medium',
        category: 'abstracted',
        service: 's3',
        region: 'eu-west-1',
        responsibility: 'public-access',
        resource: { id: `bucket-${k + 2}`, type: 'AWS::S3::Bucket', arn: `arn:aws:s3:::bucket-${k + 2}` },
        compliance: { 'aws-fsbp': ['S3.8'] },
      },
      7,
    ),
  ),
];

const report: Report = reportOf(findings, {
  callerArn: `arn:aws:sts::123456789012:assumed-role/${IMG}/x`,
  regions: ['eu-west-1', 'us-east-1'],
  partial: true,
  apiCalls: { total: 12, byOperation: { 'ec2:DescribeSecurityGroups': 12 } },
});
// The views come from check metadata: here a catalog of one check per finding.
const catalog = [
  ...new Map(
    findings.map((f) => [f.checkId, { id: f.checkId, category: f.category, responsibility: f.responsibility, compliance: f.compliance }]),
  ).values(),
];
report.views = { grid: buildGrid(catalog, findings), compliance: buildComplianceViews(catalog, report.run.checks, findings) };

let browser: Browser;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];
const cspViolations: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const file = join(tempDir('srm-html-'), 'report.html');
  writeFileSync(file, renderHtml(report));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
});

afterAll(async () => {
  await browser?.close();
});

const rows = () => page.locator('#groups details.group tbody tr');
/** Opens every group and counts the finding rows shown. */
async function shownRows(): Promise<number> {
  await page.click('#expand');
  return rows().count();
}
const pwned = (): Promise<unknown> => page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);

async function goTo(hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction((h) => location.hash === h, hash);
}

describe('HTML report in headless Chromium', () => {
  it('opens on the open failures only, grouped by check, most severe first, with the other statuses one click away', async () => {
    const groups = page.locator('#groups details.group');
    const severities = await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-severity') ?? ''));
    expect(severities).toEqual(['critical', 'high', 'medium']);
    expect(await shownRows()).toBe(3);
    const statuses = await rows().evaluateAll((rs) => rs.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(['FAIL', 'FAIL', 'FAIL']);
    const tabs = await page.locator('#status-tabs button').allInnerTexts();
    expect(tabs.map((t) => t.replace(/\s+/g, ' '))).toEqual(['Failures 3', 'Errors 1', 'Waived 1', 'Passes 3', 'N/A 1', 'All 9']);
    await page.click('#status-tabs button[data-status=PASS]');
    expect(await shownRows()).toBe(3);
    expect(await rows().evaluateAll((rs) => rs.every((r) => r.getAttribute('data-status') === 'PASS'))).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('#f?status=PASS');
    await page.click('#status-tabs button[data-status=FAIL]');
    expect(errors).toEqual([]);
  });

  it('runs nothing injected in any view and loads nothing from the network', async () => {
    await goTo('#f?status=all');
    await page.click('#expand');
    for (const d of await page.locator('#groups td.msg details').all()) await d.locator('summary').click();
    for (const d of await page.locator('details').all()) await d.evaluate((n) => ((n as unknown as { open: boolean }).open = true));
    await page.hover('#groups tbody tr:nth-child(1)');
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(await page.locator('img, iframe, link, main b:has-text("bold"), header b').count()).toBe(0);
    // The only script that runs is ours (admitted by its hash); the data block is not a script.
    expect(await page.locator('script:not([type])').count()).toBe(1);
    expect(await page.locator('script[type="application/json"]').count()).toBe(1);
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows hostile strings as text in the findings, their evidence, the summary, resources, print appendix and scope', async () => {
    await goTo('#f?status=all');
    await page.click('#expand');
    for (const d of await page.locator('#groups td.msg details').all())
      await d.evaluate((n) => ((n as unknown as { open: boolean }).open = true));
    const text = await page.locator('#groups').innerText();
    expect(text).toContain(IMG);
    expect(text).toContain(SCRIPT_BREAK);
    expect(text).toContain('</style><b>bold</b>');
    expect(text).toContain(`accepted ${IMG}`);
    expect(await page.locator('#fix-first').innerText()).toContain(IMG_START);
    expect(await page.locator('#resource-list').innerText()).toContain(IMG_START);
    expect(await page.locator('#scope').innerText()).toContain(IMG);
    expect(await page.locator('header span[title]').getAttribute('title')).toContain(IMG);
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    expect(await page.locator('#appendix').textContent()).toContain(SCRIPT_BREAK);
  });

  it("shows a finding's evidence readably: entries in order as a table, a policy document pretty-printed", async () => {
    await goTo('#f?check=check-1');
    await page.click('#expand');
    await page.locator('#groups td.msg summary').first().click();
    const detail = page.locator('#groups .detail').first();
    await detail.locator('.evidence table').waitFor();
    const cells = await detail.locator('.evidence table tbody tr').allInnerTexts();
    expect(cells).toHaveLength(2);
    expect(cells[0]).toMatch(/^90\s+false\s+deny\s+198\.51\.100\.0\/24\s+22$/);
    expect(cells[1]).toContain(IMG);
    const pre = await detail.locator('pre.json').innerText();
    expect(JSON.parse(pre)).toEqual(JSON.parse(EVIDENCE_POLICY));
    expect(pre).toContain('\n    {'); // indented, one field a line
    // Without evidence, the finding's own record: result, resource, ARN, region, check.
    await goTo('#f?check=check-7');
    await page.click('#expand');
    await page.locator('#groups td.msg summary').first().click();
    await page.locator('#groups .detail').first().waitFor();
    const plain = await page.locator('#groups .detail').first().innerText();
    expect(plain).toContain('What this finding records');
    expect(plain).toContain('arn:aws:s3:::bucket-2');
    expect(plain).toContain('remediation 7');
  });

  it('names an account-level setting as a person would, never by the root ARN', async () => {
    await goTo('#f?check=check-6');
    await page.click('#expand');
    expect(await rows().first().locator('td.res').innerText()).toContain('account 123456789012 (password policy)');
    await page.locator('#groups td.msg summary').first().click();
    await page.locator('#groups .detail').first().waitFor();
    expect(await page.locator('#groups .detail').first().innerText()).not.toContain(':root');
    expect(await page.locator('body').innerText()).not.toContain('arn:aws:iam::123456789012:root');
  });

  it('filters by status, severity, category, service and region, and searches text; the address keeps the filter', async () => {
    await goTo('#f?status=all');
    expect(await shownRows()).toBe(9);
    await page.click('#status-tabs button[data-status=FAIL]');
    await page.selectOption('select[name=region]', 'eu-west-1');
    expect(await shownRows()).toBe(1);
    expect(await page.evaluate(() => location.hash)).toBe('#f?region=eu-west-1');
    await page.selectOption('select[name=region]', '');
    await page.click('#status-tabs button[data-status=all]');
    await page.selectOption('select[name=category]', 'identity');
    expect(await shownRows()).toBe(3);
    await page.selectOption('select[name=severity]', 'critical');
    expect(await shownRows()).toBe(2);
    await page.selectOption('select[name=category]', '');
    await page.selectOption('select[name=severity]', '');
    await page.selectOption('select[name=service]', 'rds');
    expect(await shownRows()).toBe(1);
    await page.selectOption('select[name=service]', '');
    await page.fill('#search', 'bucket-policy');
    await page.waitForFunction(() => location.hash.includes('q=bucket-policy'));
    expect(await shownRows()).toBe(1);
    expect(await page.locator('#shown').innerText()).toBe('1 of 9 findings shown');
    await page.selectOption('select[name=state]', 'waived');
    expect(await shownRows()).toBe(1);
    await page.fill('#search', '');
    await page.selectOption('select[name=state]', 'new');
    expect(await shownRows()).toBe(1);
    expect(await rows().first().locator('.tag').innerText()).toBe('new');
  });

  it('restores a filter from a shared link', async () => {
    const { page: shared, errors: errs } = await openPage(browser, renderHtml(report), '#f?severity=critical&region=global&status=all');
    expect(await shared.locator('select[name=severity]').inputValue()).toBe('critical');
    expect(await shared.locator('select[name=region]').inputValue()).toBe('global');
    expect(await shared.locator('#status-tabs button[aria-pressed=true]').getAttribute('data-status')).toBe('all');
    await shared.click('#expand');
    const shown = shared.locator('#groups details.group tbody tr');
    expect(await shown.count()).toBe(2);
    expect(await shown.allInnerTexts()).toEqual([
      expect.stringContaining('Error'),
      expect.stringContaining('account 123456789012 (password policy)'),
    ]);
    expect(errs).toEqual([]);
    await shared.close();
  });

  it('shows the partial-run banner and a failure group’s remediation', async () => {
    await expect(page.locator('.banner').innerText()).resolves.toContain('Partial run');
    await goTo('#f?check=check-1');
    await page.click('#expand');
    expect(await page.locator('#groups details.group').first().innerText()).toContain('remediation 1');
  });

  it('draws the responsibility grid as a heat map of pass rates with readable labels; a cell links to its findings', async () => {
    const cell = page.locator('#grid td[data-cell="network-firewall/infrastructure"]');
    await expect(cell.innerText()).resolves.toMatch(/0 % pass\s*0 of 1 · 1 fail/);
    // Quiet empty cells: no text, the meaning in a tooltip and in the one legend.
    const empty = page.locator('#grid td[data-cell="backup/container"]');
    expect(await empty.innerText()).toBe('');
    expect(await empty.getAttribute('class')).toBe('empty');
    expect(await page.locator('.legend').count()).toBe(1);
    expect(await page.locator('.legend').innerText()).toContain('not covered');
    await expect(page.locator('#grid tbody tr').count()).resolves.toBe(RESPONSIBILITIES.length);
    expect(await page.locator('#grid tbody th').first().innerText()).toBe('Identity and access');
    expect(await page.locator('#grid tbody th').first().getAttribute('title')).toBe('identity-and-access');
    // Colours follow the pass rate: the greener the cell (green minus red), the higher its rate.
    const cells = await page.locator('#grid td[data-rate]').evaluateAll((tds) =>
      tds.map((td) => {
        const [r, g] = (getComputedStyle(td).backgroundColor.match(/\d+/g) ?? []).map(Number);
        return { rate: Number(td.getAttribute('data-rate')), green: g! - r! };
      }),
    );
    expect(new Set(cells.map((c) => c.rate)).size).toBeGreaterThan(1);
    const byRate = [...cells].sort((a, b) => a.rate - b.rate);
    for (let i = 1; i < byRate.length; i++) {
      if (byRate[i]!.rate > byRate[i - 1]!.rate) expect(byRate[i]!.green).toBeGreaterThan(byRate[i - 1]!.green);
    }
    await cell.locator('a').click();
    await expect.poll(() => page.locator('select[name=responsibility]').inputValue()).toBe('network-firewall');
    expect(await shownRows()).toBe(1);
    expect(await rows().first().innerText()).toContain(IMG_START);
  });

  it('lists each control with its status and every resource it evaluated, passes included', async () => {
    const fsbp = page.locator('details.framework[data-framework="aws-fsbp"]');
    await fsbp.evaluate((d) => ((d as unknown as { open: boolean }).open = true));
    const s3 = fsbp.locator('tr[data-control="S3.8"]');
    await expect(s3.locator(':scope > td.status').innerText()).resolves.toMatch(/^Fail\s*1 waived/);
    await expect(fsbp.locator('tr[data-control="EC2.53"]').innerText()).resolves.toContain('unlisted');
    await expect(fsbp.locator('.notcovered').getAttribute('data-not-covered')).resolves.toMatch(/^\d{2,}$/);
    await s3.locator('details.ctl').evaluate((d) => ((d as unknown as { open: boolean }).open = true));
    await s3.locator('details.ctl tbody tr').first().waitFor();
    const listed = await s3.locator('details.ctl tbody tr').allInnerTexts();
    expect(listed).toHaveLength(4);
    expect(listed.join('\n')).toContain('bucket-3');
    expect(listed.join('\n')).toContain('bucket-4');
    expect(listed.join('\n')).toContain(SCRIPT_BREAK);
  });

  it('lists the resources with failures, worst first, each linking to its findings', async () => {
    const resources = page.locator('#resource-list tr.resource');
    expect(await resources.count()).toBe(5);
    expect(await resources.first().innerText()).toContain('account 123456789012 (password policy)');
    await page.locator('#resource-list tr.resource', { hasText: 'bucket-2' }).locator('a').click();
    await expect.poll(() => page.locator('#chips').innerText()).toContain('resource: arn:aws:s3:::bucket-2');
    expect(await shownRows()).toBe(1);
    expect(await rows().first().innerText()).toContain('bucket-2');
  });

  it('keeps the navigation in view while scrolling, with every section in order', async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const nav = page.locator('nav.toc');
    expect(await nav.isVisible()).toBe(true);
    const box = await nav.boundingBox();
    expect(box!.y).toBeLessThanOrEqual(1);
    expect(await nav.locator('a').allInnerTexts()).toEqual([
      'Summary',
      'Shared responsibility',
      'Compliance',
      'Resources',
      'Findings',
      'Scope',
    ]);
    for (const href of await nav.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      expect(await page.locator(href).count()).toBe(1);
    }
  });

  it('shows times in local form with the UTC instant in the tooltip, and keeps ids whole', async () => {
    const started = page.locator('header time');
    expect(await started.getAttribute('datetime')).toBe(report.run.startedAt);
    expect(await started.getAttribute('title')).toBe('2026-11-20 12:00:00 UTC');
    expect(await started.innerText()).not.toContain('.000Z');
    const wrap = await page
      .locator('#resource-list td.res')
      .first()
      .evaluate((td) => getComputedStyle(td).whiteSpace);
    expect(wrap).toBe('nowrap');
  });

  it('prints a document: cover, summary, compliance, failures with remediation, passes as evidence tables', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    expect(await page.locator('.filters').isVisible()).toBe(false);
    expect(await page.locator('#findings').isVisible()).toBe(false);
    const appendix = page.locator('#appendix');
    const headings = await appendix.locator('h2').allInnerTexts();
    expect(headings).toEqual(['Failures and remediation (3)', 'Could not be evaluated, and waived failures (2)', 'Passed: evidence (4)']);
    expect(await appendix.innerText()).toContain('Remediation: remediation 1');
    expect(await appendix.locator('table').last().locator('tbody tr').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'screen' });
  });

  it('paints a non-blank page', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
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
