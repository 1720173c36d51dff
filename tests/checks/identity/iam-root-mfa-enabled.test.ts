import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/identity/iam-root-mfa-enabled.js';
import { awsError, runCheck } from '../../helpers/check-tester.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const run = async (summary: Record<string, number>) => {
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: summary });
  const findings = await runCheck(check);
  expect(findings).toHaveLength(1);
  return findings[0]!;
};

describe('iam-root-mfa-enabled', () => {
  it('passes when the root user has MFA', async () => {
    expect((await run({ AccountMFAEnabled: 1, AccountPasswordPresent: 1 })).status).toBe('PASS');
  });

  it('fails when the root user has a password and no MFA', async () => {
    const f = await run({ AccountMFAEnabled: 0, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 });
    expect(f.status).toBe('FAIL');
    expect(f).toMatchObject({ region: 'global', resource: { type: 'AWS::::Account', arn: 'arn:aws:iam::123456789012:root' } });
  });

  it('is not applicable when root has no password and no keys (centrally managed root)', async () => {
    const f = await run({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 });
    expect(f.status).toBe('NOT_APPLICABLE');
    expect(f.message).toMatch(/no password and no access keys/);
  });

  it('judges MFA when an endpoint omits AccountPasswordPresent', async () => {
    expect((await run({ AccountMFAEnabled: 0 })).status).toBe('FAIL');
  });

  it('reports ERROR, not PASS, when the summary has no AccountMFAEnabled', async () => {
    const f = await run({ Users: 3 });
    expect(f.status).toBe('ERROR');
    expect(f.message).toMatch(/AccountMFAEnabled/);
  });

  it('reports ERROR naming the API and code on AccessDenied', async () => {
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GetAccountSummary', 403));
    const [f] = await runCheck(check);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toMatch(/iam:GetAccountSummary failed: AccessDenied/);
  });
});
