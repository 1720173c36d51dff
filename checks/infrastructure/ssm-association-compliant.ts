import { isoDay } from '../../src/analysis/credential-report.js';
import { defineCheck } from '../../src/engine/check.js';
import { ec2Resource } from './support/resources.js';
import { nonCompliantText, ssmComplianceLoaders, summariesById } from './support/ssm.js';

export default defineCheck({
  id: 'ssm-association-compliant',
  title: 'Managed instances are compliant with their State Manager associations',
  risk: 'A failed association means the configuration the instance should hold (agent updates, hardening, inventory) is not applied.',
  category: 'infrastructure',
  responsibility: 'patching',
  service: 'ssm',
  scope: 'regional',
  severity: 'low',
  compliance: { 'aws-fsbp': ['SSM.3'] },
  remediation:
    'Open the association in State Manager, read why its last run failed on the instance, fix it and apply the association again.',
  loaders: ssmComplianceLoaders,
  async run(ctx) {
    const tags = new Map((await ctx.load.instances(ctx.region)).map((i) => [i.InstanceId, i.Tags]));
    // Association compliance exists only for instances with associations: those are what FSBP SSM.3 judges.
    for (const item of (await summariesById(ctx, 'Association')).values()) {
      const resource = ec2Resource('instance', { id: item.ResourceId, tags: tags.get(item.ResourceId) }, ctx);
      const ran = item.ExecutionSummary?.ExecutionTime ? `; last run ${isoDay(new Date(item.ExecutionSummary.ExecutionTime))}` : '';
      if (item.Status === 'COMPLIANT') ctx.result.pass(resource, `Every association is COMPLIANT${ran}.`);
      else if (item.Status === 'NON_COMPLIANT')
        ctx.result.fail(resource, `NON_COMPLIANT: ${nonCompliantText(item)} association(s) failed${ran}.`);
      else
        ctx.result.error(
          resource,
          new Error(`association compliance status is ${String(item.Status)}, neither COMPLIANT nor NON_COMPLIANT`),
        );
    }
  },
});
