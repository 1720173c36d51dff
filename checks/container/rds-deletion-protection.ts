import { defineCheck } from '../../src/engine/check.js';
import { databaseLoaders, flag, judgeDatabases } from './rds-common.js';

export default defineCheck({
  id: 'rds-deletion-protection',
  title: 'RDS DB instances and clusters have deletion protection on',
  risk: 'Without deletion protection, one API call (a mistake, a script, a stolen credential) deletes the database.',
  category: 'container',
  responsibility: 'backup',
  service: 'rds',
  scope: 'regional',
  severity: 'low',
  compliance: { 'aws-fsbp': ['RDS.8', 'RDS.7'] },
  remediation: 'Modify the instance or cluster and turn on deletion protection.',
  loaders: databaseLoaders,
  async run(ctx) {
    // Aurora members are protected (or not) by their cluster's setting.
    await judgeDatabases(ctx, (db) =>
      flag(
        db.deletionProtection,
        'DeletionProtection',
        db,
        `Deletion protection is on for this ${db.kind}.`,
        `Deletion protection is off: a single DeleteDB${db.kind === 'cluster' ? 'Cluster' : 'Instance'} call removes this ${db.kind}.`,
      ),
    );
  },
});
