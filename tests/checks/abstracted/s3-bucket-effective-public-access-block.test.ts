import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { beforeEach, describe, expect, it } from 'vitest';
import { abstractedChecks } from '../../../checks/abstracted/index.js';
import check from '../../../checks/abstracted/s3-bucket-effective-public-access-block.js';
import { buildComplianceView } from '../../../src/report/views.js';
import { awsError, findingFor, runAll, runCheck, verdicts } from '../../helpers/check-tester.js';
import { ALL_ON, listBuckets, nothingConfigured, s3, s3control } from '../../helpers/s3-world.js';

beforeEach(nothingConfigured);

describe('s3-bucket-effective-public-access-block (CIS 2.1.4)', () => {
  it('passes every bucket when the account has all four on and no bucket has settings of its own', async () => {
    listBuckets('a', 'b');
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ a: 'PASS', b: 'PASS' });
    expect(findingFor(findings, 'a').message).toContain('RestrictPublicBuckets (account)');
  });

  it('combines the levels flag by flag, and names the flags on at neither', async () => {
    listBuckets('split', 'gap', 'own');
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'split' }).resolves({
      PublicAccessBlockConfiguration: { BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'gap' }).resolves({ PublicAccessBlockConfiguration: { BlockPublicPolicy: true } });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'own' }).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ split: 'PASS', gap: 'FAIL', own: 'PASS' });
    expect(findingFor(findings, 'gap').message).toBe(
      'Block Public Access settings on at neither the account nor the bucket level: RestrictPublicBuckets.',
    );
  });

  it('an unreadable account level is an ERROR naming the call, unless the bucket alone has all four on', async () => {
    listBuckets('own', 'none');
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'denied', 403));
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'own' }).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ own: 'PASS', none: 'ERROR' });
    expect(findingFor(findings, 'none').message).toMatch(/s3:GetAccountPublicAccessBlock failed: AccessDenied/);
  });

  it('an unreadable bucket level is an ERROR naming the call, unless the account has all four on', async () => {
    listBuckets('denied');
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'denied' }).rejects(awsError('AccessDenied', 'denied', 403));
    const findings = await runCheck(check);
    expect(findingFor(findings, 'denied').message).toMatch(/s3:GetBucketPublicAccessBlock failed: AccessDenied/);
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    expect(verdicts(await runCheck(check))).toEqual({ denied: 'PASS' });
  });
});

describe('the compliance views with account-level Block Public Access only', () => {
  it('CIS 2.1.4 passes on every bucket while FSBP S3.8 (bucket level) still fails', async () => {
    listBuckets('a', 'b');
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    const findings = await runAll(abstractedChecks);
    const ran = abstractedChecks.map((c) => c.id);
    const meta = abstractedChecks;
    const status = (framework: 'cis-aws-3.0' | 'cis-aws-5.0' | 'aws-fsbp', id: string) =>
      buildComplianceView(framework, meta, ran, findings).controls.find((c) => c.id === id)?.status;
    expect([status('cis-aws-3.0', '2.1.4'), status('cis-aws-5.0', '2.1.4')]).toEqual(['pass', 'pass']);
    expect(status('aws-fsbp', 'S3.8')).toBe('fail');
    expect(status('aws-fsbp', 'S3.1')).toBe('pass');
  });
});
