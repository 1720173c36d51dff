import { GetAccountPasswordPolicyCommand, IAMClient, type PasswordPolicy } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import minLength from '../../../checks/identity/iam-password-policy-min-length.js';
import reuse from '../../../checks/identity/iam-password-policy-reuse-prevention.js';
import strong from '../../../checks/identity/iam-password-policy-strong.js';
import { awsError, runCheck } from '../../helpers/check-tester.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());
const policy = (p: PasswordPolicy) => iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: p });
const verdict = async (check: Parameters<typeof runCheck>[0]) => {
  const findings = await runCheck(check);
  expect(findings).toHaveLength(1);
  return findings[0]!;
};
const STRONG: PasswordPolicy = {
  MinimumPasswordLength: 14,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
};

describe('password policy checks', () => {
  it('pass on a policy that meets every requirement', async () => {
    policy(STRONG);
    for (const check of [minLength, reuse, strong]) expect((await verdict(check)).status).toBe('PASS');
  });

  it('NoSuchEntity (no policy at all) FAILS every policy check, it is not an ERROR', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(awsError('NoSuchEntity', 'The Password Policy with domain name 123456789012 cannot be found.', 404));
    for (const check of [minLength, reuse, strong]) {
      const f = await verdict(check);
      expect(f.status).toBe('FAIL');
      expect(f.message).toContain('no IAM password policy');
    }
  });

  it('AccessDenied is an ERROR for every policy check', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    for (const check of [minLength, reuse, strong]) expect((await verdict(check)).status).toBe('ERROR');
  });

  it('min length: 13 fails, 14 passes, a missing field fails', async () => {
    policy({ ...STRONG, MinimumPasswordLength: 13 });
    expect((await verdict(minLength)).message).toContain('only 13');
    policy({ ...STRONG, MinimumPasswordLength: undefined });
    expect((await verdict(minLength)).status).toBe('FAIL');
  });

  it('reuse prevention: 5 fails, unset fails', async () => {
    policy({ ...STRONG, PasswordReusePrevention: 5 });
    expect((await verdict(reuse)).message).toContain('Only the last 5');
    policy({ ...STRONG, PasswordReusePrevention: undefined });
    expect((await verdict(reuse)).message).toContain('not prevented');
  });

  it.each([
    [{ RequireSymbols: false }, 'no symbol required'],
    [{ RequireUppercaseCharacters: undefined }, 'no uppercase letter required'],
    [{ RequireLowercaseCharacters: false }, 'no lowercase letter required'],
    [{ RequireNumbers: false }, 'no number required'],
    [{ MinimumPasswordLength: 6 }, 'minimum length 6 is below 8'],
    [{ MinimumPasswordLength: undefined }, 'minimum length unset is below 8'],
  ])('strength fails on %j', async (change, message) => {
    policy({ ...STRONG, ...change });
    const f = await verdict(strong);
    expect(f.status).toBe('FAIL');
    expect(f.message).toContain(message);
  });

  // FSBP IAM.7: PasswordReusePrevention and MaxPasswordAge have no default value, so by default
  // Security Hub ignores password age and reuse; MinimumPasswordLength defaults to 8.
  it.each([
    [{ MaxPasswordAge: undefined, ExpirePasswords: false }, 'passwords do not expire'],
    [{ MaxPasswordAge: 0 }, 'passwords do not expire'],
    [{ MaxPasswordAge: 365 }, 'passwords expire after 365 days'],
    [{ PasswordReusePrevention: undefined }, 'at least 14 characters'],
    [{ MinimumPasswordLength: 8 }, 'at least 8 characters'],
  ])('strength passes on %j (IAM.7 defaults do not judge expiry or reuse)', async (change, message) => {
    policy({ ...STRONG, ...change });
    const f = await verdict(strong);
    expect(f.status).toBe('PASS');
    expect(f.message).toContain(message);
  });

  it.each([
    [{ MaxPasswordAge: undefined }, 'FAIL', 'passwords never expire (required: within 90 days)'],
    [{ MaxPasswordAge: 365 }, 'FAIL', 'passwords expire after 365 days, more than 90'],
    [{ MaxPasswordAge: 60 }, 'PASS', 'passwords expire after 60 days'],
  ])('strength judges expiry only when passwordMaxAgeDays is set: %j', async (change, status, message) => {
    policy({ ...STRONG, ...change });
    const findings = await runCheck(strong, { options: { passwordMaxAgeDays: 90 } });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.status).toBe(status);
    expect(findings[0]!.message).toContain(message);
  });
});
