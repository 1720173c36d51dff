import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoCassette } from '../demo/build.js';
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
  'account-contact-details',
  'account-security-contact',
  'iam-users-central-identity',
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
});
