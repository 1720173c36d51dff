/**
 * The HTML report in a real headless browser (Debian's chromium driven by playwright-core),
 * built from findings full of hostile AWS-derived strings: nothing injected runs, nothing
 * is fetched from the network, the text shows as text, and the filters work.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingId } from '../../src/engine/runner.js';
import type { Finding } from '../../src/engine/types.js';
import { renderHtml } from '../../src/report/html.js';
import { SCHEMA_VERSION, summarize, type Report } from '../../src/report/model.js';
import { launchChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli.js';

const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';
const SCRIPT_BREAK = '</script><script>window.__pwned=(window.__pwned||0)+1</script>';
const ATTR_BREAK = '" onmouseover="window.__pwned=1" data-x="';
const REMOTE = '<link rel=stylesheet href="http://198.51.100.7/x.css"><iframe src="https://example.com/"></iframe>';

function finding(over: Partial<Finding> & Pick<Finding, 'status' | 'severity' | 'category' | 'service' | 'region'>, n: number): Finding {
  const resource = over.resource ?? { id: `res-${n}`, type: 'AWS::EC2::SecurityGroup' };
  const base: Finding = {
    id: findingId(`check-${n}`, resource, over.region),
    checkId: `check-${n}`,
    title: `Check number ${n}`,
    responsibility: 'network-firewall',
    accountId: '123456789012',
    resource,
    message: `message ${n}`,
    remediation: `remediation ${n}`,
    compliance: { 'aws-fsbp': ['EC2.53'] },
    ...over,
  };
  return base;
}

const findings: Finding[] = [
  finding(
    {
      status: 'FAIL',
      severity: 'high',
      category: 'infrastructure',
      service: 'ec2',
      region: 'us-east-1',
      resource: { id: 'sg-1', type: 'AWS::EC2::SecurityGroup', name: IMG },
      message: `Open: tag Name=${SCRIPT_BREAK}`,
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
    },
    4,
  ),
  finding({ status: 'NOT_APPLICABLE', severity: 'low', category: 'identity', service: 'iam', region: 'global' }, 5),
];

const report: Report = {
  schemaVersion: SCHEMA_VERSION,
  tool: { name: 'srm-audit', version: '0.0.0-test' },
  run: {
    startedAt: '2026-11-20T12:00:00.000Z',
    finishedAt: '2026-11-20T12:00:05.000Z',
    durationMs: 5000,
    accountId: '123456789012',
    callerArn: `arn:aws:sts::123456789012:assumed-role/${IMG}/x`,
    regions: ['eu-west-1', 'us-east-1'],
    source: 'replay',
    checks: findings.map((f) => f.checkId),
    partial: true,
    apiCalls: { total: 12, byOperation: { 'ec2:DescribeSecurityGroups': 12 } },
    errors: [],
  },
  summary: summarize(findings),
  findings,
};

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
});
