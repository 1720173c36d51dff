import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  type DBCluster,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import autoMinor from '../../../checks/container/rds-auto-minor-version-upgrade.js';
import backup from '../../../checks/container/rds-backup-retention.js';
import deletion from '../../../checks/container/rds-deletion-protection.js';
import iamAuth from '../../../checks/container/rds-iam-authentication.js';
import notPublic from '../../../checks/container/rds-instance-not-public.js';
import multiAz from '../../../checks/container/rds-multi-az.js';
import snapshots from '../../../checks/container/rds-snapshot-not-public.js';
import encrypted from '../../../checks/container/rds-storage-encrypted.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const rds = mockClient(RDSClient);
beforeEach(() => rds.reset());

const good: Partial<DBInstance> = {
  Engine: 'postgres',
  StorageEncrypted: true,
  PubliclyAccessible: false,
  BackupRetentionPeriod: 7,
  AutoMinorVersionUpgrade: true,
  MultiAZ: true,
  DeletionProtection: true,
  IAMDatabaseAuthenticationEnabled: true,
};
const bad: Partial<DBInstance> = {
  Engine: 'mysql',
  StorageEncrypted: false,
  PubliclyAccessible: true,
  BackupRetentionPeriod: 0,
  AutoMinorVersionUpgrade: false,
  MultiAZ: false,
  DeletionProtection: false,
  IAMDatabaseAuthenticationEnabled: false,
};
const db = (id: string, fields: Partial<DBInstance>): DBInstance => ({ DBInstanceIdentifier: id, ...fields });
const cluster = (id: string, fields: Partial<DBCluster>): DBCluster => ({
  DBClusterIdentifier: id,
  Engine: 'aurora-postgresql',
  ...fields,
});

/** One standalone instance of each kind, and an Aurora cluster whose member reports instance-level values. */
function world(clusterFields: Partial<DBCluster>) {
  rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      db('good', good),
      db('bad', bad),
      // An Aurora member: its cluster-level settings must not be judged (or failed) a second time here.
      db('aurora-1', { ...bad, Engine: 'aurora-postgresql', DBClusterIdentifier: 'aurora', PubliclyAccessible: false }),
      db('graph', { ...bad, Engine: 'neptune' }),
    ],
  });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [cluster('aurora', clusterFields), cluster('docs', { Engine: 'docdb' })] });
}

describe('cluster-level RDS settings are judged on standalone instances and clusters, once each', () => {
  const goodCluster = {
    StorageEncrypted: true,
    BackupRetentionPeriod: 14,
    MultiAZ: true,
    DeletionProtection: true,
    IAMDatabaseAuthenticationEnabled: true,
  };
  const badCluster = {
    StorageEncrypted: false,
    BackupRetentionPeriod: 1,
    MultiAZ: false,
    DeletionProtection: false,
    IAMDatabaseAuthenticationEnabled: false,
  };

  for (const check of [encrypted, backup, multiAz, deletion, iamAuth]) {
    it(`${check.id}: fails bad, passes good, skips Aurora members, Neptune and DocumentDB`, async () => {
      world(goodCluster);
      expect(verdicts(await runCheck(check))).toEqual({ good: 'PASS', bad: 'FAIL', aurora: 'PASS' });
      rds.reset();
      world(badCluster);
      expect(verdicts(await runCheck(check))).toEqual({ good: 'PASS', bad: 'FAIL', aurora: 'FAIL' });
    });

    it(`${check.id}: a missing field is an ERROR, never a PASS`, async () => {
      rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('bare', { Engine: 'postgres' })] });
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
      const [finding] = await runCheck(check);
      expect(finding?.status).toBe('ERROR');
    });

    it(`${check.id}: AccessDenied on DescribeDBInstances is an ERROR for the region`, async () => {
      rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'not authorized'));
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
      const findings = await runCheck(check);
      expect(findings.map((f) => [f.status, f.resource.type])).toEqual([['ERROR', 'AWS::::Region']]);
      expect(findings[0]!.message).toContain('AccessDenied');
    });
  }

  it('when the cluster list fails, standalone instances are still judged and members are ERRORs', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [db('good', good), db('aurora-1', { ...bad, Engine: 'aurora-mysql', DBClusterIdentifier: 'aurora' })],
    });
    rds.on(DescribeDBClustersCommand).rejects(awsError('NotImplemented', 'not implemented', 501));
    const findings = await runCheck(encrypted);
    expect(verdicts(findings)).toEqual({ good: 'PASS', 'aurora-1': 'ERROR', 'us-east-1/DBCluster': 'ERROR' });
    expect(findingFor(findings, 'aurora-1').message).toContain('NotImplemented');
  });

  it('an instance naming a cluster the list does not hold is judged on its own', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('stray', { ...bad, DBClusterIdentifier: 'gone' })] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    expect(verdicts(await runCheck(deletion))).toEqual({ stray: 'FAIL' });
  });
});

describe('rds-backup-retention', () => {
  it('fails 0 and 3 days, passes 7, honours the configured minimum, skips read replicas', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        db('off', { ...good, BackupRetentionPeriod: 0 }),
        db('short', { ...good, BackupRetentionPeriod: 3 }),
        db('week', { ...good, BackupRetentionPeriod: 7 }),
        db('replica', { ...good, BackupRetentionPeriod: 0, ReadReplicaSourceDBInstanceIdentifier: 'week' }),
      ],
    });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    const findings = await runCheck(backup);
    expect(verdicts(findings)).toEqual({ off: 'FAIL', short: 'FAIL', week: 'PASS', replica: 'NOT_APPLICABLE' });
    expect(findingFor(findings, 'off').message).toContain('off');
    expect(findingFor(findings, 'short').message).toContain('3 day(s); at least 7');
    expect(verdicts(await runCheck(backup, { options: { rdsBackupRetentionDays: 3 } })).short).toBe('PASS');
  });
});

describe('instance-level RDS settings', () => {
  it('rds-instance-not-public judges every instance, Aurora members included', async () => {
    world({});
    const findings = await runCheck(notPublic);
    expect(verdicts(findings)).toEqual({ good: 'PASS', bad: 'FAIL', 'aurora-1': 'PASS' });
    expect(findingFor(findings, 'bad').message).toContain('public IP');
  });

  it('rds-auto-minor-version-upgrade judges every instance; a missing field is an ERROR', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('good', good), db('bad', bad), db('bare', { Engine: 'postgres' })] });
    expect(verdicts(await runCheck(autoMinor))).toEqual({ good: 'PASS', bad: 'FAIL', bare: 'ERROR' });
  });

  it('IAM authentication and Multi-AZ are not applicable to engines without them', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [db('oracle', { ...bad, Engine: 'oracle-ee' }), db('express', { ...bad, Engine: 'sqlserver-ex' })],
    });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    expect(verdicts(await runCheck(iamAuth))).toEqual({ oracle: 'NOT_APPLICABLE', express: 'NOT_APPLICABLE' });
    expect(verdicts(await runCheck(multiAz))).toEqual({ oracle: 'FAIL', express: 'NOT_APPLICABLE' });
  });
});

describe('rds-snapshot-not-public', () => {
  it('fails a DB snapshot and a cluster snapshot restorable by "all", passes shared and private ones', async () => {
    rds.on(DescribeDBSnapshotsCommand, { SnapshotType: 'manual' }).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 'open' }, { DBSnapshotIdentifier: 'shared' }],
    });
    rds.on(DescribeDBClusterSnapshotsCommand, { SnapshotType: 'manual' }).resolves({
      DBClusterSnapshots: [
        { DBClusterSnapshotIdentifier: 'c-open', Engine: 'aurora-mysql' },
        { DBClusterSnapshotIdentifier: 'c-private', Engine: 'aurora-mysql' },
      ],
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'open' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'shared' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['210987654321'] }] },
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'c-open' }).resolves({
      DBClusterSnapshotAttributesResult: {
        DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333', 'all'] }],
      },
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'c-private' }).resolves({
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [] },
    });
    const findings = await runCheck(snapshots);
    expect(verdicts(findings)).toEqual({ open: 'FAIL', shared: 'PASS', 'c-open': 'FAIL', 'c-private': 'PASS' });
    expect(findingFor(findings, 'shared').message).toContain('210987654321');
    expect(findingFor(findings, 'c-open').resource.type).toBe('AWS::RDS::DBClusterSnapshot');
    // One attribute read per manual snapshot: there is no bulk form.
    expect(rds.commandCalls(DescribeDBSnapshotAttributesCommand)).toHaveLength(2);
  });

  it('an attribute read denied is an ERROR for that snapshot; a failed cluster list leaves DB snapshots judged', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'a' }, { DBSnapshotIdentifier: 'b' }] });
    rds.on(DescribeDBClusterSnapshotsCommand).rejects(awsError('AccessDenied', 'not authorized'));
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'a' }).rejects(awsError('AccessDenied', 'not authorized'));
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'b' }).resolves({ DBSnapshotAttributesResult: {} });
    const findings = await runCheck(snapshots);
    expect(verdicts(findings)).toEqual({ a: 'ERROR', b: 'PASS', 'us-east-1/DBClusterSnapshot': 'ERROR' });
  });
});
