import { detectors } from '../../../src/aws/loaders/guardduty.js';
import { defineCheck, scopeResource } from '../../../src/engine/check.js';

export default defineCheck({
  id: 'guardduty-enabled',
  title: 'Amazon GuardDuty has an enabled detector in every scanned region',
  risk: 'Without GuardDuty, credential misuse, crypto-mining and reconnaissance in that region go unnoticed.',
  category: 'abstracted',
  responsibility: 'threat-detection',
  service: 'guardduty',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['GuardDuty.1'] },
  remediation:
    'aws guardduty create-detector --enable --region <region> (or auto-enable for the organization from the delegated administrator).',
  loaders: { detectors },
  async run({ region, accountId, partition, load, result }) {
    const resource = scopeResource(region, accountId, partition);
    const all = await load.detectors(region);
    const enabled = all.filter((d) => d.status === 'ENABLED');
    if (enabled.length) result.pass(resource, `GuardDuty detector ${enabled.map((d) => d.id).join(', ')} is enabled.`);
    else if (all.length) result.fail(resource, `GuardDuty detector ${all.map((d) => `${d.id} is ${d.status}`).join(', ')}.`);
    else result.fail(resource, 'No GuardDuty detector exists in this region.');
  },
});
