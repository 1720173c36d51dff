import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import rotated from '../../../checks/identity/iam-access-keys-rotated.js';
import consoleMfa from '../../../checks/identity/iam-console-users-mfa.js';
import unused from '../../../checks/identity/iam-unused-credentials-disabled.js';
import singleKey from '../../../checks/identity/iam-user-single-active-access-key.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';
import { ago, reportOutput, rootRow, userRow, type ReportRow } from './fixtures.js';

const iam = mockClient(IAMClient);
beforeEach(() => {
  iam.reset();
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
});
const report = (...rows: ReportRow[]) =>
  iam.on(GetCredentialReportCommand).resolves(reportOutput([rootRow({ password_last_used: ago(1) }), ...rows]));
const key1 = (rotatedDays: number, used: string): ReportRow => ({
  access_key_1_active: 'true',
  access_key_1_last_rotated: ago(rotatedDays),
  access_key_1_last_used_date: used,
});
const key2 = (rotatedDays: number, used: string): ReportRow => ({
  access_key_2_active: 'true',
  access_key_2_last_rotated: ago(rotatedDays),
  access_key_2_last_used_date: used,
});

describe('iam-console-users-mfa', () => {
  it('one result per user with a password; the root row is not a user', async () => {
    report(
      userRow('with-mfa', { password_enabled: 'true', mfa_active: 'true' }),
      userRow('no-mfa', { password_enabled: 'TRUE', mfa_active: 'FALSE' }),
      userRow('api-only', { password_enabled: 'false', mfa_active: 'false' }),
    );
    expect(verdicts(await runCheck(consoleMfa))).toEqual({ 'with-mfa': 'PASS', 'no-mfa': 'FAIL' });
  });
  it('a user whose mfa_active is unreadable is an ERROR', async () => {
    report(userRow('odd', { password_enabled: 'true', mfa_active: 'unknown' }));
    expect(verdicts(await runCheck(consoleMfa))).toEqual({ odd: 'ERROR' });
  });
  it('AccessDenied on GetCredentialReport is one ERROR', async () => {
    iam.on(GetCredentialReportCommand).rejects(awsError('AccessDenied', 'no', 403));
    const findings = await runCheck(consoleMfa);
    expect(findings.map((f) => f.status)).toEqual(['ERROR']);
  });
});

describe('iam-unused-credentials-disabled', () => {
  it('judges the password and each active key separately, with CIS fallbacks for N/A and no_information', async () => {
    report(
      userRow('recent', { password_enabled: 'true', password_last_used: ago(3), password_last_changed: ago(300), ...key1(100, ago(1)) }),
      userRow('stale', {
        password_enabled: 'true',
        password_last_used: ago(45),
        password_last_changed: ago(300),
        ...key1(100, ago(60)),
        ...key2(5, 'N/A'),
      }),
      userRow('never-new', { password_enabled: 'true', password_last_used: 'N/A', password_last_changed: ago(10) }),
      userRow('never-old', { password_enabled: 'true', password_last_used: 'N/A', password_last_changed: ago(50), ...key1(90, 'N/A') }),
      userRow('ancient', { password_enabled: 'true', password_last_used: 'no_information', password_last_changed: ago(3000) }),
      userRow('inactive-key', { access_key_1_active: 'false', access_key_1_last_rotated: ago(900), access_key_1_last_used_date: ago(800) }),
    );
    const findings = await runCheck(unused);
    expect(verdicts(findings)).toEqual({
      'recent/password': 'PASS',
      'recent/access-key-1': 'PASS',
      'stale/password': 'FAIL', // exactly 45 days: "45 days or greater"
      'stale/access-key-1': 'FAIL',
      'stale/access-key-2': 'PASS',
      'never-new/password': 'PASS',
      'never-old/password': 'FAIL',
      'never-old/access-key-1': 'FAIL',
      'ancient/password': 'FAIL',
    });
    expect(findingFor(findings, 'never-old/password').message).toContain('never used since it was set on');
  });
  it('is an ERROR when neither last use nor any set date is known', async () => {
    report(userRow('blank', { password_enabled: 'true', password_last_used: 'N/A', password_last_changed: '', user_creation_time: '' }));
    const findings = await runCheck(unused);
    expect(verdicts(findings)).toEqual({ 'blank/password': 'ERROR' });
    expect(findings[0]!.message).toContain('password_last_changed');
    expect(findings[0]!.message).toContain('user_creation_time');
  });
  it('falls back to user_creation_time when the set date is not given (CIS: users created less than 45 days ago pass)', async () => {
    report(
      userRow('new-user', {
        user_creation_time: ago(10),
        password_enabled: 'true',
        password_last_used: 'no_information',
        password_last_changed: 'N/A',
      }),
      userRow('old-user', {
        user_creation_time: ago(400),
        password_enabled: 'true',
        password_last_used: 'no_information',
        password_last_changed: '',
      }),
      userRow('new-key', {
        user_creation_time: ago(5),
        access_key_1_active: 'true',
        access_key_1_last_rotated: '',
        access_key_1_last_used_date: 'N/A',
      }),
    );
    expect(verdicts(await runCheck(unused))).toEqual({
      'new-user/password': 'PASS',
      'old-user/password': 'FAIL',
      'new-key/access-key-1': 'PASS',
    });
  });
  it('a report without the key columns is an ERROR per slot, not silence', async () => {
    iam
      .on(GetCredentialReportCommand)
      .resolves(
        reportOutput([rootRow(), userRow('u', { password_enabled: 'false' })], ['user', 'arn', 'user_creation_time', 'password_enabled']),
      );
    expect(verdicts(await runCheck(unused))).toEqual({ 'u/access-key-1': 'ERROR', 'u/access-key-2': 'ERROR' });
    expect(verdicts(await runCheck(rotated))).toEqual({ 'u/access-key-1': 'ERROR', 'u/access-key-2': 'ERROR' });
  });
  it('honours a configured limit', async () => {
    report(userRow('u', { password_enabled: 'true', password_last_used: ago(60) }));
    expect(verdicts(await runCheck(unused, { options: { credentialsUnusedDays: 90 } }))).toEqual({ 'u/password': 'PASS' });
  });
});

describe('iam-user-single-active-access-key', () => {
  it('fails two active keys, passes one or none', async () => {
    report(userRow('two', { ...key1(10, 'N/A'), ...key2(10, 'N/A') }), userRow('one', key1(10, 'N/A')), userRow('none'));
    expect(verdicts(await runCheck(singleKey))).toEqual({ two: 'FAIL', one: 'PASS', none: 'PASS' });
  });
  it('is an ERROR when a key status is missing from the report', async () => {
    report(userRow('odd', { access_key_2_active: '', access_key_2_last_rotated: '' }));
    expect(verdicts(await runCheck(singleKey))).toEqual({ odd: 'ERROR' });
  });
  it('a slot the report shows empty (last rotated N/A) counts as no key whatever its status cell says', async () => {
    report(userRow('blank-status', { ...key1(10, 'N/A'), access_key_2_active: 'N/A', access_key_2_last_rotated: 'N/A' }));
    expect(verdicts(await runCheck(singleKey))).toEqual({ 'blank-status': 'PASS' });
  });
});

describe('iam-access-keys-rotated', () => {
  it('one result per active key: 91 days fails, 90 passes, inactive keys are not judged', async () => {
    report(
      userRow('a', { ...key1(91, 'N/A'), ...key2(90, 'N/A') }),
      userRow('b', { access_key_1_active: 'false', access_key_1_last_rotated: ago(500) }),
    );
    const findings = await runCheck(rotated);
    expect(verdicts(findings)).toEqual({ 'a/access-key-1': 'FAIL', 'a/access-key-2': 'PASS' });
    expect(findingFor(findings, 'a/access-key-1').message).toContain('91 days ago (limit 90)');
  });
  it('an active key with no rotation date is an ERROR', async () => {
    report(userRow('a', { access_key_1_active: 'true', access_key_1_last_rotated: 'N/A' }));
    expect(verdicts(await runCheck(rotated))).toEqual({ 'a/access-key-1': 'ERROR' });
  });
});
