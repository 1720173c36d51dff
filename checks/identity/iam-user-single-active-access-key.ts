import { describeReportValue } from '../../src/analysis/credential-report.js';
import { credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { reportUsers, slotHasNoKey, userResource } from './common.js';

export default defineCheck({
  id: 'iam-user-single-active-access-key',
  title: 'No IAM user has more than one active access key',
  risk: 'A second active key doubles what can leak and usually means an old key was never retired after rotation.',
  category: 'identity',
  responsibility: 'credential-rotation',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.13'], 'cis-aws-5.0': ['1.12'] },
  remediation: 'Move workloads to the newer key, then deactivate and delete the other one.',
  loaders: { credentialReport },
  async run({ load, result }) {
    for (const row of reportUsers(await load.credentialReport())) {
      const resource = userResource(row);
      const unknown = row.accessKeys.find((k) => typeof k.active !== 'boolean' && !slotHasNoKey(k));
      if (unknown) {
        result.error(resource, new Error(describeReportValue(`access_key_${unknown.slot}_active`, unknown.active)));
        continue;
      }
      const active = row.accessKeys.filter((k) => k.active === true).length;
      if (active > 1) result.fail(resource, `The user has ${active} active access keys.`);
      else result.pass(resource, active === 1 ? 'The user has one active access key.' : 'The user has no active access key.');
    }
  },
});
