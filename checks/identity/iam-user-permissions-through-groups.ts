import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { userResource } from './common.js';

export default defineCheck({
  id: 'iam-user-permissions-through-groups',
  title: 'IAM users receive permissions only through groups',
  risk: 'Policies attached to individual users are hard to review and tend to outlive the reason they were granted.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['1.15'], 'cis-aws-5.0': ['1.14'], 'aws-fsbp': ['IAM.2'] },
  remediation:
    'Put the user in a group that carries the permissions, then detach the managed policies from the user and delete its inline policies.',
  loaders: { authorizationDetails },
  async run({ load, result }) {
    for (const user of (await load.authorizationDetails()).users) {
      const attached = (user.AttachedManagedPolicies ?? []).map((p) => `managed policy ${p.PolicyName ?? p.PolicyArn}`);
      const inline = (user.UserPolicyList ?? []).map((p) => `inline policy ${p.PolicyName}`);
      const direct = [...attached, ...inline];
      if (direct.length) result.fail(userResource(user), `Permissions are granted to the user directly: ${direct.join(', ')}.`);
      else result.pass(userResource(user), 'The user has no attached or inline policies of its own.');
    }
  },
});
