import { AccessAnalyzerClient, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/identity/iam-access-analyzer-enabled.js';
import { awsError, runCheck } from '../../helpers/check-tester.js';

const aa = mockClient(AccessAnalyzerClient);
beforeEach(() => aa.reset());
const analyzer = (name: string, type: string, status: string): AnalyzerSummary =>
  ({ arn: `arn:aws:access-analyzer:x:1:analyzer/${name}`, name, type, status, createdAt: new Date() }) as AnalyzerSummary;

describe('iam-access-analyzer-enabled', () => {
  it('is judged per scanned region', async () => {
    aa.on(ListAnalyzersCommand).callsFake(async (_input, getClient) => {
      const region = await getClient().config.region();
      return { analyzers: region === 'us-east-1' ? [analyzer('a', 'ACCOUNT', 'ACTIVE')] : [] };
    });
    const findings = await runCheck(check, { regions: ['us-east-1', 'eu-west-1'] });
    expect(findings.map((f) => [f.region, f.status])).toEqual([
      ['eu-west-1', 'FAIL'],
      ['us-east-1', 'PASS'],
    ]);
  });
  it.each([
    [[analyzer('org', 'ORGANIZATION', 'ACTIVE')], 'PASS', 'org (ORGANIZATION)'],
    [[analyzer('off', 'ACCOUNT', 'DISABLED')], 'FAIL', 'off is DISABLED'],
    [[analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')], 'FAIL', 'do not look for external access'],
    [[], 'FAIL', 'No IAM Access Analyzer'],
  ])('%j → %s', async (analyzers, status, message) => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [...analyzers] });
    const [f] = await runCheck(check);
    expect(f?.status).toBe(status);
    expect(f?.message).toContain(message);
  });
  it('AccessDeniedException is an ERROR for the region', async () => {
    aa.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const [f] = await runCheck(check);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toContain('AccessDeniedException');
  });
});
