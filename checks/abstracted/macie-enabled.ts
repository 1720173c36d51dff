import { macieSession } from '../../src/aws/loaders/macie2.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';

export default defineCheck({
  id: 'macie-enabled',
  title: 'Amazon Macie is enabled in every region to discover sensitive data in S3',
  risk: 'Without discovery nobody knows which buckets hold personal or secret data, so nobody knows which exposures matter most.',
  category: 'abstracted',
  responsibility: 'threat-detection',
  service: 'macie2',
  scope: 'regional',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['2.1.3'], 'cis-aws-5.0': ['2.1.3'], 'aws-fsbp': ['Macie.1'] },
  remediation:
    'Enable Macie in each region (EnableMacie, or for the organization from the delegated administrator) and turn on automated sensitive data discovery.',
  loaders: { macieSession },
  async run({ region, accountId, partition, load, result }) {
    const resource = { ...scopeResource(region, accountId, partition), name: `Macie in ${region}` };
    const session = await load.macieSession(region);
    if (!session.enabled) result.fail(resource, `Macie is not enabled in ${region}.`);
    else if (session.status === 'ENABLED') result.pass(resource, `Macie is enabled in ${region}.`);
    else result.fail(resource, `Macie is ${session.status} in ${region}: it is not discovering sensitive data.`);
  },
});
