import { analyzers } from '../../src/aws/loaders/accessanalyzer.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';

/** External access analyzers; the unused-access and internal-access kinds do not find outside access. */
const EXTERNAL = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck({
  id: 'iam-access-analyzer-enabled',
  title: 'IAM Access Analyzer (external access) is active in every scanned region',
  risk: 'Without an analyzer nobody is told when a bucket, key, role or queue becomes reachable from outside the account.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'access-analyzer',
  scope: 'regional',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['1.20'], 'cis-aws-5.0': ['1.19'], 'aws-fsbp': ['IAM.28'] },
  remediation:
    'aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region <region> (or ORGANIZATION from the delegated administrator).',
  loaders: { analyzers },
  async run({ region, accountId, partition, load, result }) {
    const resource = scopeResource(region, accountId, partition);
    const all = await load.analyzers(region);
    const external = all.filter((a) => EXTERNAL.has(String(a.type)));
    const active = external.filter((a) => a.status === 'ACTIVE');
    if (active.length) {
      result.pass(resource, `Active external access analyzer(s): ${active.map((a) => `${a.name} (${a.type})`).join(', ')}.`);
    } else if (external.length) {
      result.fail(
        resource,
        `No external access analyzer is ACTIVE: ${external.map((a) => `${a.name} is ${a.status ?? 'in an unknown state'}`).join(', ')}.`,
      );
    } else if (all.length) {
      result.fail(
        resource,
        `Only analyzers that do not look for external access exist: ${all.map((a) => `${a.name} (${a.type ?? 'type not reported'})`).join(', ')}.`,
      );
    } else {
      result.fail(resource, 'No IAM Access Analyzer analyzer exists in this region.');
    }
  },
});
