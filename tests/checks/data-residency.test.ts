import { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import s3Residency from '../../checks/abstracted/s3-data-residency.js';
import rdsResidency from '../../checks/container/rds-data-residency.js';
import ec2Residency from '../../checks/infrastructure/ec2-data-residency.js';
import { awsError, findingFor, runCheck, verdicts } from '../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
const s3 = mockClient(S3Client);
beforeEach(() => {
  ec2.reset();
  rds.reset();
  s3.reset();
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          { InstanceId: 'i-live', State: { Name: 'running' } },
          { InstanceId: 'i-gone', State: { Name: 'terminated' } },
        ],
      },
    ],
  });
  ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1' }] });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'db-1', Engine: 'postgres' }] });
  s3.on(ListBucketsCommand).resolves({
    Buckets: [
      { Name: 'eu-data', BucketRegion: 'eu-west-1' },
      { Name: 'far-away', BucketRegion: 'ap-southeast-2' },
    ],
  });
});

const allowEu = { options: { allowedRegions: ['eu-west-1', 'eu-central-1'] } };

describe('data residency', () => {
  it('is not applicable, once per scope, when no allowed regions are configured', async () => {
    for (const check of [ec2Residency, rdsResidency, s3Residency]) {
      const findings = await runCheck(check, { regions: ['us-east-1', 'eu-west-1'] });
      expect(
        findings.every((f) => f.status === 'NOT_APPLICABLE'),
        check.id,
      ).toBe(true);
      expect(findings[0]!.message).toMatch(/No allowed regions are configured/);
    }
  });

  it('fails instances and volumes outside the allowed regions, passes them inside, skips terminated instances', async () => {
    expect(verdicts(await runCheck(ec2Residency, { ...allowEu, regions: ['us-east-1'] }))).toEqual({ 'i-live': 'FAIL', 'vol-1': 'FAIL' });
    const inside = await runCheck(ec2Residency, { ...allowEu, regions: ['eu-west-1'] });
    expect(verdicts(inside)).toEqual({ 'i-live': 'PASS', 'vol-1': 'PASS' });
    expect(findingFor(inside, 'i-live').message).toContain('eu-west-1, an allowed region');
  });

  it('judges RDS instances by their region', async () => {
    const findings = await runCheck(rdsResidency, { ...allowEu, regions: ['us-east-1'] });
    expect(verdicts(findings)).toEqual({ 'db-1': 'FAIL' });
    expect(findingFor(findings, 'db-1').message).toContain('outside the allowed regions (eu-west-1, eu-central-1)');
  });

  it('judges every bucket, including those in regions the scan does not cover', async () => {
    const findings = await runCheck(s3Residency, { ...allowEu, regions: ['eu-west-1'] });
    expect(verdicts(findings)).toEqual({ 'eu-data': 'PASS', 'far-away': 'FAIL' });
    expect(findingFor(findings, 'far-away').region).toBe('ap-southeast-2');
  });

  it('reports ERROR when the resources cannot be listed', async () => {
    ec2.on(DescribeVolumesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(ec2Residency, allowEu)).map((f) => f.status)).toEqual(['ERROR']);
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'no', 403));
    expect((await runCheck(s3Residency, allowEu)).map((f) => f.status)).toEqual(['ERROR']);
  });
});
