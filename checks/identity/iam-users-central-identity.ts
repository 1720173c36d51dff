import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { organization } from '../../src/aws/loaders/organizations.js';
import { defineCheck } from '../../src/engine/check.js';
import { accountResource } from './common.js';

const SHOWN = 20;

export default defineCheck({
  id: 'iam-users-central-identity',
  title: 'An account in an organization manages people centrally, not as IAM users',
  risk: 'IAM users in each account of an organization are identities nobody manages in one place: leavers keep access, and each account has its own long-lived credentials.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  // CIS marks the recommendation manual: the list is for a person to judge (break-glass users are legitimate).
  severity: 'informational',
  compliance: { 'cis-aws-3.0': ['1.21'], 'cis-aws-5.0': ['1.20'] },
  remediation:
    'Give people access through IAM Identity Center (or federation with your identity provider) and remove the IAM users, keeping only documented break-glass users.',
  loaders: { authorizationDetails, organization },
  async run({ accountId, partition, load, result }) {
    const resource = accountResource(accountId, partition, 'IAM users');
    const [details, membership] = await Promise.all([load.authorizationDetails(), load.organization()]);
    const users = details.users.map((u) => u.UserName ?? '?');
    // IAM Identity Center is not read (no SSO Admin client): membership of an organization is what decides here.
    if (!membership.inOrganization) {
      if (users.length)
        result.notApplicable(
          resource,
          `The account is in no organization, so CIS's multi-account recommendation does not apply; it has ${users.length} IAM user(s).`,
        );
      else result.pass(resource, 'The account has no IAM users.');
      return;
    }
    if (!users.length) {
      result.pass(resource, `The account is in organization ${membership.id} and has no IAM users.`);
      return;
    }
    const shown = users.slice(0, SHOWN).join(', ') + (users.length > SHOWN ? ` and ${users.length - SHOWN} more` : '');
    result.fail(
      resource,
      `The account is in organization ${membership.id} and has ${users.length} IAM user(s): ${shown}. Review whether each should be a central identity instead.`,
      {
        evidence: { organization: membership.id, users },
      },
    );
  },
});
