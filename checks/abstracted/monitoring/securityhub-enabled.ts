import { hub } from '../../../src/aws/loaders/securityhub.js';
import { defineCheck, scopeResource } from '../../../src/engine/check.js';

export default defineCheck({
  id: 'securityhub-enabled',
  title: 'AWS Security Hub is enabled in every scanned region',
  risk: 'Without Security Hub, findings of GuardDuty, Inspector, Macie and the security standards are not gathered or checked continuously in that region.',
  category: 'abstracted',
  responsibility: 'threat-detection',
  service: 'securityhub',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['4.16'], 'cis-aws-5.0': ['4.16'] },
  remediation:
    'aws securityhub enable-security-hub --region <region> (or enable it for the organization from the delegated administrator).',
  loaders: { hub },
  async run({ region, accountId, partition, load, result }) {
    const resource = scopeResource(region, accountId, partition);
    const found = await load.hub(region);
    if (found)
      result.pass(
        resource,
        `Security Hub is enabled (${found.HubArn}${found.SubscribedAt ? `, since ${String(found.SubscribedAt).slice(0, 10)}` : ''}).`,
      );
    else result.fail(resource, 'Security Hub is not enabled in this region (DescribeHub: not subscribed).');
  },
});
