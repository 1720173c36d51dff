import { describeAdminStatements, fullAdminStatements } from '../../src/analysis/iam-policy.js';
import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { defaultPolicyDocument, policyResource } from './common.js';

export default defineCheck({
  id: 'iam-customer-policy-no-full-admin',
  title: 'No customer managed IAM policy allows full "*" administrative privileges',
  risk: 'A home-made admin policy hands out unlimited power under a name that does not say so, to whoever it is attached to next.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'high',
  compliance: { 'aws-fsbp': ['IAM.1'] },
  remediation: 'Create a new default version of the policy without the Allow * on * statement, granting only what its users need.',
  loaders: { authorizationDetails },
  async run({ load, result }) {
    // FSBP IAM.1 evaluates the customer managed policies only (not AWS managed, not inline), attached or not,
    // and excludes those used as permissions boundaries (its rule parameter excludePermissionBoundaryPolicy: true).
    const customer = (await load.authorizationDetails()).policies.filter((p) => !/^arn:[^:]+:iam::aws:policy\//.test(p.Arn ?? ''));
    for (const policy of customer) {
      const resource = policyResource(policy);
      const boundaries = policy.PermissionsBoundaryUsageCount ?? 0;
      if (boundaries > 0) {
        result.notApplicable(
          resource,
          `The policy is used as a permissions boundary (${boundaries} time(s)), which IAM.1 does not evaluate${
            policy.AttachmentCount
              ? ` (it is also attached ${policy.AttachmentCount} time(s): iam-no-full-admin-policy-attached judges that)`
              : ''
          }.`,
        );
        continue;
      }
      try {
        const admin = fullAdminStatements(defaultPolicyDocument(policy));
        const attached = `attached ${policy.AttachmentCount ?? 0} time(s)`;
        if (admin.length)
          result.fail(
            resource,
            `The default version ${policy.DefaultVersionId ?? ''} grants Allow * on * in ${describeAdminStatements(admin)} (${attached}).`,
          );
        else result.pass(resource, `No statement of the default version allows every action on every resource (${attached}).`);
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});
