import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoCassette } from '../demo/build.js';
import { MONITORED_EVENTS } from '../src/analysis/monitoring-corpus.js';
import { CATALOG } from '../src/engine/catalog.js';
import { DEMO_CASSETTE } from '../src/util/package.js';

/**
 * Checks about one account-wide setting produce exactly one result, so the demo can show
 * only one side of them; every other check must show both a PASS and a FAIL.
 */
const ONE_RESULT_PER_ACCOUNT = new Set([
  'iam-root-mfa-enabled',
  'iam-root-hardware-mfa',
  'iam-root-no-access-keys',
  'iam-root-not-used-recently',
  'iam-password-policy-min-length',
  'iam-password-policy-reuse-prevention',
  'iam-password-policy-strong',
  'iam-support-role-exists',
  's3-account-public-access-block',
  // issue 14: account-wide duties, judged once (trails and their alarm chains span regions)
  'cloudtrail-multi-region-enabled',
  ...MONITORED_EVENTS.map((c) => `cloudwatch-alarm-${c.key}`),
]);

describe('the bundled demo account', () => {
  it('is up to date with the demo world (run `npm run demo:build` after changing demo/world or adding a check)', async () => {
    const { cassette } = await buildDemoCassette();
    expect(JSON.parse(readFileSync(DEMO_CASSETTE(), 'utf8'))).toEqual(JSON.parse(cassette));
  });

  it('exercises every check, with passing and failing resources and no errors', async () => {
    const { report } = await buildDemoCassette();
    for (const check of CATALOG) {
      const statuses = report.findings.filter((f) => f.checkId === check.id).map((f) => f.status);
      expect(statuses, check.id).not.toContain('ERROR');
      if (ONE_RESULT_PER_ACCOUNT.has(check.id)) {
        expect(statuses, check.id).toHaveLength(1);
      } else {
        expect(statuses, check.id).toContain('PASS');
        expect(statuses, check.id).toContain('FAIL');
      }
    }
  });

  it('shows the monitoring chain both holding and broken, and covers every CIS v5.0 control of sections 3 and 4', async () => {
    const { report } = await buildDemoCassette();
    const monitoring = report.findings.filter((f) => f.checkId.startsWith('cloudwatch-alarm-'));
    expect(monitoring.map((f) => f.status)).toContain('PASS');
    // Each way the demo's chain breaks shows: a missing || term and a catch-all (link 3), no alarm (4), no action (5), an unconfirmed topic (6).
    for (const link of [3, 4, 5, 6])
      expect(
        monitoring.some((f) => f.message.startsWith(`Link ${link} of 6`)),
        `link ${link}`,
      ).toBe(true);
    expect(monitoring.find((f) => f.checkId === 'cloudwatch-alarm-iam-policy-changes')?.message).toContain('would alarm on every event');
    expect(monitoring.find((f) => f.checkId === 'cloudwatch-alarm-cloudtrail-changes')?.message).toContain('would not match StopLogging');
    const view = report.views.compliance.find((v) => v.framework === 'cis-aws-5.0')!;
    const uncovered = view.controls.filter((c) => /^[34]\./.test(c.id) && c.status === 'not-covered').map((c) => c.id);
    expect(uncovered).toEqual([]);
  });
});
