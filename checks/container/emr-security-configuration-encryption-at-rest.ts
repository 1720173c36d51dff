import { securityConfiguration, securityConfigurations } from '../../src/aws/loaders/emr.js';
import { defineCheck } from '../../src/engine/check.js';
import { encryptionOf, securityConfigurationResource } from './emr-common.js';

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
  loaders: { securityConfigurations, securityConfiguration },
  async run(ctx) {
    for (const summary of await ctx.load.securityConfigurations(ctx.region)) {
      const name = summary.Name ?? 'unknown';
      const resource = securityConfigurationResource(name, ctx);
      try {
        const enabled = encryptionOf(await ctx.load.securityConfiguration(ctx.region, name)).EnableAtRestEncryption;
        // An absent flag is the console's "off": the document records only what was chosen.
        if (enabled === true) ctx.result.pass(resource, 'Encryption at rest is enabled (EnableAtRestEncryption).');
        else
          ctx.result.fail(
            resource,
            `Encryption at rest is not enabled (${enabled === undefined ? 'EnableAtRestEncryption is not set' : `EnableAtRestEncryption is ${String(enabled)}`}).`,
          );
      } catch (error) {
        ctx.result.error(resource, error);
      }
    }
  },
});
