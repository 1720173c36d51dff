import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeDBClustersCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
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
  ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  ec2.on(DescribeImagesCommand).resolves({ Images: [] });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'db-1', Engine: 'postgres' }] });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
  rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
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

  it('judges every EBS snapshot and AMI the account owns, deprecated and disabled AMIs included', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        { SnapshotId: 'snap-own', OwnerId: '123456789012' },
        // An endpoint that ignores OwnerIds must not bring another account's snapshot in.
        { SnapshotId: 'snap-theirs', OwnerId: '999999999999' },
      ],
    });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-own', OwnerId: '123456789012', Name: 'golden' }] });
    const findings = await runCheck(ec2Residency, { ...allowEu, regions: ['us-east-1'] });
    expect(verdicts(findings)).toEqual({ 'i-live': 'FAIL', 'vol-1': 'FAIL', 'snap-own': 'FAIL', 'ami-own': 'FAIL' });
    expect(findingFor(findings, 'snap-own').message).toBe(
      'This EBS snapshot is in us-east-1, outside the allowed regions (eu-west-1, eu-central-1).',
    );
    expect(findingFor(findings, 'ami-own').resource).toMatchObject({ type: 'AWS::EC2::Image', name: 'golden' });
    expect(ec2.commandCalls(DescribeSnapshotsCommand)[0]!.args[0].input).toMatchObject({ OwnerIds: ['self'] });
    expect(ec2.commandCalls(DescribeSnapshotsCommand)[0]!.args[0].input).not.toHaveProperty('RestorableByUserIds');
    expect(ec2.commandCalls(DescribeImagesCommand)[0]!.args[0].input).toMatchObject({
      Owners: ['self'],
      IncludeDeprecated: true,
      IncludeDisabled: true,
    });
    expect(verdicts(await runCheck(ec2Residency, { ...allowEu, regions: ['eu-west-1'] }))).toMatchObject({
      'snap-own': 'PASS',
      'ami-own': 'PASS',
    });
  });

  it('judges RDS DB and cluster snapshots (automated ones too) and Aurora clusters with no instances', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        { DBInstanceIdentifier: 'db-1', Engine: 'postgres' },
        { DBInstanceIdentifier: 'aurora-1-a', Engine: 'aurora-postgresql', DBClusterIdentifier: 'aurora-1' },
      ],
    });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        { DBClusterIdentifier: 'aurora-1', Engine: 'aurora-postgresql', DBClusterMembers: [{ DBInstanceIdentifier: 'aurora-1-a' }] },
        { DBClusterIdentifier: 'aurora-headless', Engine: 'aurora-mysql', DBClusterMembers: [] },
        { DBClusterIdentifier: 'graph', Engine: 'neptune', DBClusterMembers: [] },
      ],
    });
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'rds:db-1-2026-11-19', SnapshotType: 'automated', Engine: 'postgres', DBInstanceIdentifier: 'db-1' },
        { DBSnapshotIdentifier: 'db-1-before-upgrade', SnapshotType: 'manual', Engine: 'postgres', DBInstanceIdentifier: 'db-1' },
      ],
    });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [
        { DBClusterSnapshotIdentifier: 'rds:aurora-1-2026-11-19', SnapshotType: 'automated', Engine: 'aurora-postgresql' },
        { DBClusterSnapshotIdentifier: 'graph-snap', SnapshotType: 'manual', Engine: 'neptune' },
      ],
    });
    const findings = await runCheck(rdsResidency, { ...allowEu, regions: ['us-east-1'] });
    expect(verdicts(findings)).toEqual({
      'db-1': 'FAIL',
      'aurora-1-a': 'FAIL',
      'aurora-headless': 'FAIL',
      'rds:db-1-2026-11-19': 'FAIL',
      'db-1-before-upgrade': 'FAIL',
      'rds:aurora-1-2026-11-19': 'FAIL',
    });
    expect(findingFor(findings, 'aurora-headless').message).toContain('This DB cluster (with no instances) is in us-east-1');
    expect(findingFor(findings, 'rds:aurora-1-2026-11-19').resource.type).toBe('AWS::RDS::DBClusterSnapshot');
    // No SnapshotType: RDS then answers automated and manual snapshots alike.
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)[0]!.args[0].input).not.toHaveProperty('SnapshotType');
    expect(rds.commandCalls(DescribeDBClusterSnapshotsCommand)[0]!.args[0].input).not.toHaveProperty('SnapshotType');
  });

  it('reports ERROR for a list that cannot be read, naming it, and still judges the others', async () => {
    ec2.on(DescribeSnapshotsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    const ec2Findings = await runCheck(ec2Residency, { ...allowEu, regions: ['us-east-1'] });
    expect(verdicts(ec2Findings)).toEqual({ 'i-live': 'FAIL', 'vol-1': 'FAIL', 'us-east-1/Snapshot': 'ERROR' });
    expect(findingFor(ec2Findings, 'us-east-1/Snapshot').message).toMatch(/ec2:DescribeSnapshots failed: UnauthorizedOperation/);
    rds.on(DescribeDBClustersCommand).rejects(awsError('AccessDenied', 'no', 403));
    expect(verdicts(await runCheck(rdsResidency, { ...allowEu, regions: ['us-east-1'] }))).toEqual({
      'db-1': 'FAIL',
      'us-east-1/DBCluster': 'ERROR',
    });
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'no', 403));
    expect((await runCheck(s3Residency, allowEu)).map((f) => f.status)).toEqual(['ERROR']);
  });
});
