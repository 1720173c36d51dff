import { MalformedResponse } from '../../src/aws/errors.js';
import { describeAdminStatements, decodePolicyDocument, fullAdminStatements } from '../../src/analysis/iam-policy.js';
import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { defaultPolicyDocument, identities, inlinePolicies, inlinePolicyResource, policyResource } from './common.js';

export default defineCheck({
  id: 'iam-no-full-admin-policy-attached',
  title: 'No attached IAM policy grants full "*:*" administrative privileges',
  risk: 'An identity with Allow * on * can do anything, including removing every other control and covering its tracks.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['1.16'], 'cis-aws-5.0': ['1.15'] },
  remediation: 'Detach the policy (or delete the inline statement) and grant only the actions and resources the identity needs.',
  loaders: { authorizationDetails },
  async run({ load, result }) {
    const details = await load.authorizationDetails();
    // Attached managed policies (AWS and customer managed), as CIS audits with list-policies --only-attached.
    const attachedTo = new Map<string, string[]>();
    for (const identity of identities(details)) {
      for (const p of identity.attached) {
        if (p.PolicyArn) attachedTo.set(p.PolicyArn, [...(attachedTo.get(p.PolicyArn) ?? []), `${identity.kind} ${identity.name}`]);
      }
    }
    const byArn = new Map(details.policies.map((p) => [p.Arn ?? '', p]));
    for (const [arn, holders] of attachedTo) {
      const policy = byArn.get(arn);
      const resource = policyResource({ Arn: arn, PolicyName: policy?.PolicyName });
      try {
        if (!policy) throw new MalformedResponse(`it did not return the attached policy ${arn}`, 'iam:GetAccountAuthorizationDetails');
        const admin = fullAdminStatements(defaultPolicyDocument(policy));
        const where = `attached to ${holders.join(', ')}`;
        if (admin.length) result.fail(resource, `Grants Allow * on * in ${describeAdminStatements(admin)}; ${where}.`);
        else result.pass(resource, `No statement allows every action on every resource (${where}).`);
      } catch (error) {
        result.error(resource, error);
      }
    }
    // Inline policies are attached to their identity by definition.
    for (const inline of inlinePolicies(details)) {
      const resource = inlinePolicyResource(inline);
      try {
        const admin = fullAdminStatements(decodePolicyDocument(inline.document));
        if (admin.length) result.fail(resource, `Grants Allow * on * in ${describeAdminStatements(admin)}.`);
        else result.pass(resource, 'No statement allows every action on every resource.');
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});
