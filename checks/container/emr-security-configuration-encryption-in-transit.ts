import { defineCheck } from '../../src/engine/check.js';
import { judgeEncryptionFlag, securityConfigurationLoaders } from './emr-common.js';

export default defineCheck({
  id: 'emr-security-configuration-encryption-in-transit',
  title: 'EMR security configurations encrypt data in transit',
  risk: "Data moving between the cluster's nodes and services travels unencrypted for clusters using the configuration.",
  category: 'container',
  responsibility: 'encryption-in-transit',
  service: 'emr',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EMR.4'] },
  remediation:
    'Create a security configuration with encryption in transit enabled (security configurations cannot be edited) and launch clusters with it.',
  loaders: securityConfigurationLoaders,
  async run(ctx) {
    await judgeEncryptionFlag(ctx, 'EnableInTransitEncryption', 'Encryption in transit');
  },
});
