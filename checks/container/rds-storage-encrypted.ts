import { defineCheck } from '../../src/engine/check.js';
import { databaseLoaders, flag, judgeDatabases } from './rds-common.js';

export default defineCheck({
  id: 'rds-storage-encrypted',
  title: 'RDS DB instances and clusters encrypt their storage at rest',
  risk: 'Unencrypted storage, snapshots and backups expose the data to anyone who obtains a copy; encryption cannot be turned on later in place.',
  category: 'container',
  responsibility: 'encryption-at-rest',
  service: 'rds',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['2.3.1'], 'cis-aws-5.0': ['2.2.1'], 'aws-fsbp': ['RDS.3', 'RDS.27'] },
  remediation:
    'Encryption is set at creation: take a snapshot, copy it with encryption (a KMS key), restore from the encrypted copy and switch over.',
  loaders: databaseLoaders,
  async run(ctx) {
    await judgeDatabases(ctx, (db) =>
      flag(
        db.storageEncrypted,
        'StorageEncrypted',
        db,
        `Storage is encrypted${db.kmsKeyId ? ` with KMS key ${db.kmsKeyId}` : ''}${db.kind === 'cluster' ? ' for the cluster and its instances' : ''}.`,
        `Storage, automated backups and snapshots of this ${db.kind} are not encrypted.`,
      ),
    );
  },
});
