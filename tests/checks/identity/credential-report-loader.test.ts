import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/identity/iam-console-users-mfa.js';
import { credentialReportPolling } from '../../../src/aws/loaders/iam.js';
import { awsError, runCheck, verdicts } from '../../helpers/check-tester.js';
import { reportOutput, rootRow, userRow } from './fixtures.js';

const iam = mockClient(IAMClient);
const slept: number[] = [];
const realSleep = credentialReportPolling.sleep;

beforeEach(() => {
  iam.reset();
  slept.length = 0;
  // No real waiting in tests: record the delays the loader asks for.
  credentialReportPolling.sleep = async (ms) => {
    slept.push(ms);
  };
});
afterEach(() => {
  credentialReportPolling.sleep = realSleep;
});

const report = reportOutput([rootRow(), userRow('alice', { password_enabled: 'true', mfa_active: 'true' })]);

describe('the credential report loader', () => {
  it('polls GenerateCredentialReport with back-off while the report is STARTED / INPROGRESS', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves(report);
    expect(verdicts(await runCheck(check))).toEqual({ alice: 'PASS' });
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(slept).toEqual(credentialReportPolling.delaysMs.slice(0, 2));
  });

  it('retries GetCredentialReport on ReportInProgress', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('ReportInProgress', 'Report is being generated', 404))
      .resolves(report);
    expect(verdicts(await runCheck(check))).toEqual({ alice: 'PASS' });
    expect(slept).toHaveLength(1);
  });

  it('gives up after a bounded wait with an ERROR naming ReportInProgress', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const [finding] = await runCheck(check);
    expect(finding?.status).toBe('ERROR');
    expect(finding?.message).toContain('ReportInProgress');
    expect(slept).toEqual([...credentialReportPolling.delaysMs]);
  });

  it.each([
    ['ReportNotPresent', 'CredentialReportNotPresentException', /ReportNotPresent: no credential report exists/],
    ['ReportExpired', 'CredentialReportExpiredException', /ReportExpired: the credential report has expired/],
  ])('a %s report is an ERROR naming the reason, never a pass', async (_code, sdkName, message) => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).rejects(awsError(sdkName, 'The report is not available', 410));
    const findings = await runCheck(check);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.status).toBe('ERROR');
    expect(findings[0]!.message).toMatch(message);
    expect(findings[0]!.message).toContain('iam:GetCredentialReport');
  });

  it('AccessDenied on GenerateCredentialReport is an ERROR naming the code', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    const [finding] = await runCheck(check);
    expect(finding?.status).toBe('ERROR');
    expect(finding?.message).toContain('AccessDenied');
  });
});
