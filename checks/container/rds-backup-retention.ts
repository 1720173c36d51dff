import { defineCheck } from '../../src/engine/check.js';
import { databaseLoaders, judgeDatabases, missing } from './rds-common.js';

export default defineCheck({
  id: 'rds-backup-retention',
  title: 'RDS DB instances and clusters keep automated backups long enough',
  risk: 'Without automated backups (or with too few days of them) corruption, a bad migration or ransomware noticed late cannot be rolled back.',
  category: 'container',
  responsibility: 'backup',
  service: 'rds',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['RDS.11'] },
  remediation: 'Modify the instance or cluster and set the backup retention period to at least the required number of days (up to 35).',
  loaders: databaseLoaders,
  async run(ctx) {
    const minimum = ctx.options.rdsBackupRetentionDays;
    await judgeDatabases(ctx, (db) => {
      if (db.readReplicaOf) {
        return { status: 'notApplicable', message: `Read replica of ${db.readReplicaOf}: automated backups are taken on the source.` };
      }
      const days = db.backupRetentionPeriod;
      if (days === undefined) return missing('BackupRetentionPeriod', db);
      if (days === 0) return { status: 'fail', message: 'Automated backups are off (retention period 0 days).' };
      if (days < minimum) {
        return { status: 'fail', message: `Automated backups are kept ${days} day(s); at least ${minimum} are required.` };
      }
      return { status: 'pass', message: `Automated backups are kept ${days} days (at least ${minimum} required).` };
    });
  },
});
