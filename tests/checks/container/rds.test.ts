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
import residency from '../../../checks/container/rds-data-residency.js';
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

  // An Aurora member reports MultiAZ false (and often DeletionProtection false) whatever its cluster
  // holds: judged on its own copy it would FAIL a cluster that spans three zones.
  for (const check of [encrypted, backup, multiAz, deletion, iamAuth]) {
    it(`${check.id}: an instance naming a cluster the list does not hold is an ERROR, not judged on its mirrored fields`, async () => {
      rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [db('stray', { ...bad, Engine: 'aurora-postgresql', DBClusterIdentifier: 'gone' }), db('good', good)],
      });
      rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
      const findings = await runCheck(check);
      expect(verdicts(findings)).toEqual({ stray: 'ERROR', good: 'PASS' });
      expect(findingFor(findings, 'stray').message).toMatch(/rds:DescribeDBClusters returned an unusable answer: it did not list gone/);
    });
  }

  it('a missing field names the call that left it out, not an internal error of the check', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('bare', { Engine: 'postgres' })] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [cluster('c', {})] });
    const findings = await runCheck(multiAz);
    expect(findingFor(findings, 'bare').message).toBe(
      'Could not evaluate: rds:DescribeDBInstances returned an unusable answer: it did not report MultiAZ for this instance',
    );
    expect(findingFor(findings, 'c').message).toMatch(/rds:DescribeDBClusters returned an unusable answer: it did not report MultiAZ/);
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
    rds
      .on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'b' })
      .resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [] } });
    const findings = await runCheck(snapshots);
    expect(verdicts(findings)).toEqual({ a: 'ERROR', b: 'PASS', 'us-east-1/DBClusterSnapshot': 'ERROR' });
  });

  it('an attribute answer without the attribute list is an ERROR, never "not public"', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'empty' }, { DBSnapshotIdentifier: 'bare' }] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'c-bare' }] });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'empty' }).resolves({});
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'bare' }).resolves({ DBSnapshotAttributesResult: {} });
    rds
      .on(DescribeDBClusterSnapshotAttributesCommand)
      .resolves({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: 'c-bare' } });
    const findings = await runCheck(snapshots);
    expect(verdicts(findings)).toEqual({ empty: 'ERROR', bare: 'ERROR', 'c-bare': 'ERROR' });
    expect(findingFor(findings, 'bare').message).toMatch(/rds:DescribeDBSnapshotAttributes returned an unusable answer/);
    expect(findingFor(findings, 'c-bare').message).toMatch(/rds:DescribeDBClusterSnapshotAttributes returned an unusable answer/);
  });
});

describe('RDS Custom', () => {
  it('is not applicable to automatic minor version upgrades (RDS Custom requires the setting off)', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [db('custom-ora', { ...bad, Engine: 'custom-oracle-ee' }), db('custom-sql', { ...bad, Engine: 'custom-sqlserver-se' })],
    });
    const findings = await runCheck(autoMinor);
    expect(verdicts(findings)).toEqual({ 'custom-ora': 'NOT_APPLICABLE', 'custom-sql': 'NOT_APPLICABLE' });
  });
});

describe('the RDS listings', () => {
  it('read every page with MaxRecords 100 and join them', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [db('p1', good)], Marker: 'm1' })
      .resolvesOnce({ DBInstances: [db('p2', bad)] });
    const findings = await runCheck(notPublic);
    expect(verdicts(findings)).toEqual({ p1: 'PASS', p2: 'FAIL' });
    // (The paginator reuses one input object, so both recorded calls show its last state.)
    const calls = rds.commandCalls(DescribeDBInstancesCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls.every((input) => input.MaxRecords === 100)).toBe(true);
  });

  it('an answer without the list (an empty or HTML body read as XML) is an ERROR, not "no databases"', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({});
    for (const check of [notPublic, encrypted]) {
      const findings = await runCheck(check);
      expect(findings.map((f) => f.status)).toEqual(['ERROR']);
      expect(findings[0]!.message).toMatch(/rds:DescribeDBInstances returned an unusable answer: it held no DBInstances list/);
    }
    rds.reset();
    rds.on(DescribeDBSnapshotsCommand).resolves({});
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    expect(verdicts(await runCheck(snapshots))).toEqual({ 'us-east-1/DBSnapshot': 'ERROR' });
  });

  it('a Marker that comes back again ends the listing with an ERROR instead of paging forever', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('loop', good)], Marker: 'same' });
    const findings = await runCheck(notPublic);
    expect(findings.map((f) => [f.status, f.resource.type])).toEqual([['ERROR', 'AWS::::Region']]);
    expect(findings[0]!.message).toContain('returned the Marker "same" twice');
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
  });
});

describe('Neptune and DocumentDB instances (listed by the RDS API) are left out of every RDS check', () => {
  it('residency judges only RDS engines, like the other RDS checks', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [db('pg', good), db('graph', { ...good, Engine: 'neptune' }), db('docs', { ...good, Engine: 'docdb' })],
    });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    expect(verdicts(await runCheck(residency, { options: { allowedRegions: ['eu-west-1'] } }))).toEqual({ pg: 'FAIL' });
  });
});
