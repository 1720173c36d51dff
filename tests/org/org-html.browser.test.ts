/**
 * The organization section of the HTML report in a real headless browser: a heat-map cell filters
 * the findings table to its account and check, the unreadable account is named with its error,
 * and account names from AWS stay text.
 */
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.js';
import { scanOrganization } from '../../src/org/scan.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/model.js';
import { buildOrganizationViews } from '../../src/report/org-views.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli.js';
import { LOCKED, NO_ROLE, OPEN, organizationWorld } from './world.js';

let report: Report;
let browser: Browser | undefined;

beforeAll(async () => {
  ({ report } = await scanOrganization({
    selection: { checks: ['ec2-sg-admin-ports-open', 'ec2-sg-cifs-open'] },
    regions: ['eu-west-1'],
    outputDir: tempDir(),
    formats: ['json'],
    concurrency: 4,
    failOn: 'none',
    options: resolveOptions(),
    log: pino({ level: 'silent' }),
    responder: organizationWorld(),
    homeRegion: 'us-east-1',
    now: new Date('2026-12-01T10:00:00Z'),
    org: { organization: true, roleName: 'SrmAuditReadOnly', accountConcurrency: 4 },
  }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the organization views', () => {
  it('rank the accounts with open failures first, and the checks by how many accounts they fail in', () => {
    const views = buildOrganizationViews(report)!;
    expect(views.worstAccounts[0]!.account.id).toBe(OPEN);
    expect(views.worstAccounts[0]!.bySeverity.high).toBe(1);
    expect(views.failingMost.map((s) => [s.checkId, s.failingAccounts])).toEqual([['ec2-sg-admin-ports-open', [OPEN]]]);
    expect(views.checks[0]).toBe('ec2-sg-admin-ports-open');
    const open = views.rows.find((r) => r.account.id === OPEN)!;
    expect(open.cells[0]).toMatchObject({ pass: 0, fail: 1, rate: 0 });
    const locked = views.rows.find((r) => r.account.id === LOCKED)!;
    expect(locked.cells[0]).toMatchObject({ pass: 1, fail: 0, rate: 1 });
  });

  it('a heat-map cell filters the findings to its account and check; names stay text', async () => {
    const { page, errors, requests } = await openPage(browser!, renderHtml(report));
    expect(await page.locator('#org-h').textContent()).toContain('Organization: 4 account(s)');
    expect(await page.locator('section[aria-labelledby="org-h"]').textContent()).toContain(`arn:aws:iam::${NO_ROLE}:role/SrmAuditReadOnly`);
    // The account named "open <b>" shows its name as text, not markup.
    expect(await page.locator('section[aria-labelledby="org-h"] b').count()).toBe(0);
    await page.locator(`.heat a[href*="account=${OPEN}"][href*="check=ec2-sg-admin-ports-open"]`).click();
    await expect.poll(() => page.locator('select[name=account]').inputValue()).toBe(OPEN);
    await page.click('#expand');
    const visible = page.locator('#groups details.group tbody tr');
    expect(await visible.count()).toBe(1);
    expect(await visible.first().getAttribute('data-account')).toBe(OPEN);
    expect(await visible.first().getAttribute('data-check')).toBe('ec2-sg-admin-ports-open');
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
  });
});
