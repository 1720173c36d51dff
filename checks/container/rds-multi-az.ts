import { defineCheck } from '../../src/engine/check.js';
import { databaseLoaders, flag, judgeDatabases } from './rds-common.js';

/** Engines that cannot run Multi-AZ (SQL Server Express edition). */
const NO_MULTI_AZ = new Set(['sqlserver-ex']);

export default defineCheck({
  id: 'rds-multi-az',
  title: 'RDS DB instances and clusters span more than one Availability Zone',
  risk: 'A single-AZ database is down for as long as its zone or host is; there is no standby to fail over to.',
  category: 'container',
  responsibility: 'backup',
  service: 'rds',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-5.0': ['2.2.4'], 'aws-fsbp': ['RDS.5', 'RDS.15'] },
  remediation: 'Modify the instance to Multi-AZ, or add an Aurora replica in another Availability Zone to the cluster.',
  loaders: databaseLoaders,
  async run(ctx) {
    await judgeDatabases(ctx, (db) => {
      if (NO_MULTI_AZ.has(db.engine)) {
        return { status: 'notApplicable', message: `Engine ${db.engine} does not support Multi-AZ deployments.` };
      }
      return flag(
        db.multiAZ,
        'MultiAZ',
        db,
        db.kind === 'cluster'
          ? 'The cluster has instances in more than one Availability Zone.'
          : 'A standby runs in a second Availability Zone.',
        db.kind === 'cluster'
          ? 'All instances of the cluster are in one Availability Zone: losing that zone stops the database.'
          : 'Single-AZ: there is no standby in another Availability Zone to fail over to.',
      );
    });
  },
});
