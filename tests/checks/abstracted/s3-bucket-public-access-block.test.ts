import { GetBucketLocationCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/abstracted/s3-bucket-public-access-block.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

describe('s3-bucket-public-access-block', () => {
  it('passes all four on, fails partial and missing configuration, naming the flags', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'on', BucketRegion: 'us-east-1' },
        { Name: 'partial', BucketRegion: 'us-east-1' },
        { Name: 'none', BucketRegion: 'us-east-1' },
      ],
    });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'on' }).resolves({ PublicAccessBlockConfiguration: ON });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'partial' }).resolves({
      PublicAccessBlockConfiguration: { ...ON, RestrictPublicBuckets: false },
    });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'none' }).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'not found', 404));
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ on: 'PASS', partial: 'FAIL', none: 'FAIL' });
    expect(findingFor(findings, 'partial').message).toContain('RestrictPublicBuckets');
    expect(findingFor(findings, 'none').message).toContain('BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets');
    expect(s3.commandCalls(ListBucketsCommand)[0]!.args[0].input.MaxBuckets).toBeGreaterThan(0);
  });

  it('evaluates only buckets in the scanned regions, each through its own region', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'eu', BucketRegion: 'eu-west-1' },
        { Name: 'ap', BucketRegion: 'ap-south-1' },
      ],
    });
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ON });
    const findings = await runCheck(check, { regions: ['eu-west-1'] });
    expect(verdicts(findings)).toEqual({ eu: 'PASS' });
    expect(findings[0]!.region).toBe('eu-west-1');
    const call = s3.commandCalls(GetPublicAccessBlockCommand)[0]!;
    expect(await (call.thisValue as S3Client).config.region()).toBe('eu-west-1');
  });

  it('falls back to GetBucketLocation when ListBuckets omits BucketRegion (null is us-east-1, EU is eu-west-1)', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'old-eu' }, { Name: 'old-us' }] });
    s3.on(GetBucketLocationCommand, { Bucket: 'old-eu' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'old-us' }).resolves({});
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ON });
    const findings = await runCheck(check, { regions: ['eu-west-1', 'us-east-1'] });
    expect(Object.fromEntries(findings.map((f) => [f.resource.id, f.region]))).toEqual({ 'old-eu': 'eu-west-1', 'old-us': 'us-east-1' });
  });

  it('reports ERROR for one bucket on AccessDenied and goes on with the others', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'denied', BucketRegion: 'us-east-1' },
        { Name: 'ok', BucketRegion: 'us-east-1' },
      ],
    });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'denied' }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'ok' }).resolves({ PublicAccessBlockConfiguration: ON });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ denied: 'ERROR', ok: 'PASS' });
    expect(findingFor(findings, 'denied').message).toMatch(/s3:GetBucketPublicAccessBlock failed: AccessDenied/);
  });

  it('reports one ERROR when buckets cannot be listed', async () => {
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const findings = await runCheck(check);
    expect(findings.map((f) => [f.status, f.region])).toEqual([['ERROR', 'global']]);
  });
});
