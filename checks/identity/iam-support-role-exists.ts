import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { isAwsManagedPolicy, rootResource } from './common.js';

export default defineCheck({
  id: 'iam-support-role-exists',
  title: 'A role with AWSSupportAccess exists to manage incidents with AWS Support',
  risk: 'Without a support role, opening a case during an incident needs broader credentials, often root or an admin.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['1.17'], 'cis-aws-5.0': ['1.16'], 'aws-fsbp': ['IAM.18'] },
  remediation: 'Create a role that trusted people can assume and attach the AWS managed policy AWSSupportAccess to it.',
  loaders: { authorizationDetails },
  async run({ accountId, partition, load, result }) {
    const account = { ...rootResource(accountId, partition), name: `account ${accountId}` };
    const roles = (await load.authorizationDetails()).roles.filter((r) =>
      (r.AttachedManagedPolicies ?? []).some((p) => isAwsManagedPolicy(p, 'AWSSupportAccess')),
    );
    if (roles.length) result.pass(account, `AWSSupportAccess is attached to role(s) ${roles.map((r) => r.RoleName).join(', ')}.`);
    else result.fail(account, 'No role has the AWSSupportAccess policy attached.');
  },
});
