import { dbInstances } from '../../src/aws/loaders/rds.js';
import { defineCheck } from '../../src/engine/check.js';
import { dbInstanceResource } from './support/resources.js';

export default defineCheck({
  id: 'rds-storage-encrypted',
  title: 'RDS DB instances encrypt their storage at rest',
  risk: 'Unencrypted storage, snapshots and backups expose the data to anyone who obtains a copy; encryption cannot be turned on later in place.',
  category: 'container',
  responsibility: 'encryption-at-rest',
  service: 'rds',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['2.3.1'], 'cis-aws-5.0': ['2.2.1'], 'aws-fsbp': ['RDS.3'] },
  remediation:
    'Encryption is set at creation: take a snapshot, copy it with encryption (a KMS key), restore from the encrypted copy and switch over.',
  loaders: { dbInstances },
  async run({ region, load, result }) {
    for (const db of await load.dbInstances(region)) {
      const resource = dbInstanceResource(db);
      if (db.StorageEncrypted === true) {
        result.pass(resource, `Storage is encrypted${db.KmsKeyId ? ` with KMS key ${db.KmsKeyId}` : ''}.`);
      } else if (db.StorageEncrypted === false) {
        result.fail(resource, 'Storage, automated backups and snapshots of this instance are not encrypted.');
      } else {
        result.error(resource, new Error('rds:DescribeDBInstances did not report StorageEncrypted for this instance'));
      }
    }
  },
});
