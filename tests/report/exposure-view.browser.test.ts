/**
 * The "internet exposure" view in a real headless browser (Debian's chromium, playwright-core):
 * it lists the resources the reachability checks found reachable, with their ports, addresses and
 * paths read back from the findings, leaves out the unreachable ones, and shows hostile names as text.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingId } from '../../src/engine/runner.js';
import type { Finding, Resource, Severity, Status } from '../../src/engine/types.js';
import { renderExposureView } from '../../src/report/exposure-view.js';
import { renderHtml } from '../../src/report/html.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { reportOf } from '../helpers/report.js';

const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';
// Addresses carry no spaces in the message grammar; a hostile one still must not run.
const ADDRESS = '<img/src=x/onerror=window.__pwned=1>';
const SCRIPT_BREAK = '</script><script>window.__pwned=(window.__pwned||0)+1</script>';

function finding(checkId: string, resource: Resource, status: Status, severity: Severity, message: string, region = 'us-east-1'): Finding {
  return {
    id: findingId(checkId, resource, region),
    checkId,
    title: checkId,
    status,
    severity,
    category: checkId.startsWith('rds') ? 'container' : 'infrastructure',
    responsibility: checkId.startsWith('rds') ? 'public-access' : 'network-firewall',
    service: checkId.startsWith('rds') ? 'rds' : 'ec2',
    region,
    accountId: '123456789012',
    resource,
    message,
    remediation: 'close it',
    compliance: {},
  };
}

const EC2 = 'ec2-instance-internet-reachable';
const RDS = 'rds-instance-internet-reachable';
const findings: Finding[] = [
  finding(
    EC2,
    { id: 'i-bastion', type: 'AWS::EC2::Instance', name: IMG },
    'FAIL',
    'critical',
    'Reachable from the internet: tcp/22 (admin 22) to 3.91.20.30 in subnet-1 via igw-1 → rtb-1 (0.0.0.0/0) → acl-1 rule 100 allow → sg-1 rule tcp 22 0.0.0.0/0; ' +
      `udp/0-65535 (admin 22, 3389) to ${ADDRESS} in subnet-1 via igw-1 → rtb-1 (0.0.0.0/1, 128.0.0.0/1) → acl-1 rule 100 allow → sg-2 rule all traffic pl-${SCRIPT_BREAK}. ` +
      `Note: acl-1 denies outbound tcp 1024-32767 to the IPv4 internet (rule 90), so replies on those ephemeral ports would be dropped.`,
  ),
  finding(
    RDS,
    { id: 'public-reports', type: 'AWS::RDS::DBInstance', name: 'public-reports (mysql)' },
    'FAIL',
    'critical',
    'Reachable from the internet: tcp/3306 (database 3306) to public-reports.x.us-east-1.rds.amazonaws.com in subnet-2 via igw-1 → rtb-1 (0.0.0.0/0) → acl-1 rule 100 allow → sg-db rule tcp 3306 0.0.0.0/0.',
  ),
  finding(
    EC2,
    { id: 'i-web', type: 'AWS::EC2::Instance' },
    'PASS',
    'informational',
    'Reachable from the internet only on intended public ports: tcp/443 (intended public) to 2600:1f18::20 in subnet-1 via igw-1 → rtb-1 (::/0) → acl-1 rule 101 allow → sg-web rule tcp 443 ::/0.',
    'eu-west-1',
  ),
  finding(
    EC2,
    { id: 'i-private', type: 'AWS::EC2::Instance' },
    'PASS',
    'critical',
    'Not reachable from the internet: subnet-3 uses rtb-main (main route table of vpc-1), which has no route to an internet gateway for the IPv4 internet (0.0.0.0/0).',
  ),
  finding('ec2-sg-admin-ports-open', { id: 'sg-1', type: 'AWS::EC2::SecurityGroup' }, 'FAIL', 'high', 'Open to the internet: port 22.'),
];

const report = reportOf(findings);

let browser: Browser;
let page: Page;
let requests: string[];

beforeAll(async () => {
  browser = await launchChromium();
  ({ page, requests } = await openPage(browser, renderHtml(report)));
});

afterAll(async () => {
  await browser?.close();
});

const rowsOf = (id: string) => page.locator(`#exposure-table tr[data-resource="${id}"]`);

describe('internet exposure view in headless Chromium', () => {
  it('lists the reachable resources, most severe first, and leaves out the unreachable ones', async () => {
    await expect(page.locator('#exposure-h').innerText()).resolves.toBe('Internet exposure');
    const resources = await page.locator('#exposure-table tbody tr:first-child td.res:first-child').allInnerTexts();
    // Named as a person names them (the Name tag, else the id), the id beneath.
    expect(resources.map((t) => t.split('\n')[0])).toEqual([IMG, 'public-reports (mysql)', 'i-web']);
    expect(resources[0]).toContain('i-bastion');
    expect(await rowsOf('i-private').count()).toBe(0);
    expect(await rowsOf('sg-1').count()).toBe(0);
    expect(await page.locator('#exposure-summary').innerText()).toContain(
      '3 of 4 evaluated resources are reachable from the internet (2 on sensitive ports, 1 only on intended public ports)',
    );
  });

  it('shows each port with its class, address and path, and the stateless-return note', async () => {
    const bastion = await rowsOf('i-bastion').allInnerTexts();
    expect(bastion).toHaveLength(3);
    expect(bastion[0]).toContain('tcp/22');
    expect(bastion[0]).toContain('admin 22');
    expect(bastion[0]).toContain('3.91.20.30');
    expect(bastion[0]).toContain('in subnet-1 via igw-1 → rtb-1 (0.0.0.0/0) → acl-1 rule 100 allow → sg-1 rule tcp 22 0.0.0.0/0');
    expect(bastion[1]).toContain('udp/0-65535');
    expect(bastion[2]).toContain('Note: acl-1 denies outbound tcp 1024-32767');
    const db = await rowsOf('public-reports').innerText();
    expect(db).toContain('tcp/3306');
    expect(db).toContain('database 3306');
    expect(db).toContain('public-reports.x.us-east-1.rds.amazonaws.com');
    expect(await rowsOf('i-web').innerText()).toContain('intended public');
  });

  it('shows hostile names, addresses and rule sources as text, and runs nothing', async () => {
    const text = await page.locator('#exposure').innerText();
    expect(text).toContain(IMG);
    expect(text).toContain(ADDRESS);
    expect(text).toContain(`pl-${SCRIPT_BREAK}`);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#exposure img, #exposure script').count()).toBe(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  it('keeps hostile message text inside its own resource: no markup, no rows for another resource', async () => {
    // A hostile endpoint names a prefix list so that the message seems to list more exposures,
    // a note, and markup closing the row to open one for another resource.
    const breakout = `</td></tr></tbody><tbody><tr data-resource="i-victim"><td>${IMG}`;
    const fake = `pl-x; tcp/3389 (admin 3389) to 6.6.6.6 in subnet-evil via igw-evil → rtb-evil (0.0.0.0/0) → acl-evil rule 1 allow → ${breakout} Note: forged`;
    const own = reportOf([
      finding(
        EC2,
        { id: 'i-victim', type: 'AWS::EC2::Instance' },
        'PASS',
        'critical',
        'Not reachable from the internet: no public address.',
      ),
      finding(
        EC2,
        { id: 'i-attacker', type: 'AWS::EC2::Instance' },
        'FAIL',
        'critical',
        `Reachable from the internet: tcp/22 (admin 22) to 3.3.3.3 in subnet-1 via igw-1 → rtb-1 (0.0.0.0/0) → acl-1 rule 100 allow → sg-1 rule tcp 22 ${fake}.`,
      ),
    ]);
    const opened = await openPage(browser, renderHtml(own));
    const rows = (id: string) => opened.page.locator(`#exposure-table tr[data-resource="${id}"]`);
    expect(await rows('i-victim').count()).toBe(0);
    // Whatever the message seems to list, it is shown in the attacker's own rows, as text.
    expect(await opened.page.locator('#exposure-table tr').count()).toBe(1 + (await rows('i-attacker').count()));
    expect(await opened.page.locator('#exposure-table tbody').count()).toBe(1);
    const text = await opened.page.locator('#exposure-table').innerText();
    expect(text).toContain(IMG);
    expect(await opened.page.locator('#exposure img').count()).toBe(0);
    expect(await opened.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(opened.errors).toEqual([]);
    await opened.page.close();
  });

  it('renders nothing for a run without reachability checks', () => {
    expect(renderExposureView({ ...report, findings: findings.slice(4) })).toBe('');
  });
});
