import { defineCheck } from '../../src/engine/check.js';
import { judgeEncryptionFlag, securityConfigurationLoaders } from './emr-common.js';

export default defineCheck({
  id: 'emr-security-configuration-encryption-at-rest',
  title: 'EMR security configurations encrypt data at rest',
  risk: 'Cluster data on local disks and EMRFS data in S3 is stored unencrypted by clusters using the configuration.',
  category: 'container',
  responsibility: 'encryption-at-rest',
  service: 'emr',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EMR.3'] },
  remediation:
    'Create a security configuration with encryption at rest enabled (security configurations cannot be edited) and launch clusters with it.',
  loaders: securityConfigurationLoaders,
  async run(ctx) {
    await judgeEncryptionFlag(ctx, 'EnableAtRestEncryption', 'Encryption at rest');
  },
});
