import { securityConfiguration, securityConfigurations } from '../../src/aws/loaders/emr.js';
import { defineCheck } from '../../src/engine/check.js';
import { encryptionOf, securityConfigurationResource } from './emr-common.js';

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
  loaders: { securityConfigurations, securityConfiguration },
  async run(ctx) {
    for (const summary of await ctx.load.securityConfigurations(ctx.region)) {
      const name = summary.Name ?? 'unknown';
      const resource = securityConfigurationResource(name, ctx);
      try {
        const enabled = encryptionOf(await ctx.load.securityConfiguration(ctx.region, name)).EnableInTransitEncryption;
        // An absent flag is the console's "off": the document records only what was chosen.
        if (enabled === true) ctx.result.pass(resource, 'Encryption in transit is enabled (EnableInTransitEncryption).');
        else
          ctx.result.fail(
            resource,
            `Encryption in transit is not enabled (${enabled === undefined ? 'EnableInTransitEncryption is not set' : `EnableInTransitEncryption is ${String(enabled)}`}).`,
          );
      } catch (error) {
        ctx.result.error(resource, error);
      }
    }
  },
});
