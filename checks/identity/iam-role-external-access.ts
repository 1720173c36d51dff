import { analyseResourcePolicy } from '../../src/analysis/resource-policy.js';
import { decodePolicyDocument } from '../../src/analysis/iam-policy.js';
import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';
import { externalAccessVerdict, grantsOfAnalysis, trustZoneLoaders, trustZoneOf } from '../trust-zone.js';
import { reportVerdict, type Verdict } from '../verdict.js';

export default defineCheck({
  id: 'iam-role-external-access',
  title: 'IAM roles can be assumed only from inside the zone of trust',
  risk: "A role another account (or anyone) can assume hands that party the role's permissions; without sts:ExternalId a vendor trusted this way can be tricked into acting for someone else (the confused deputy).",
  category: 'identity',
  responsibility: 'external-access',
  service: 'iam',
  scope: 'global',
  severity: 'high',
  compliance: {},
  remediation:
    'Remove the other account from the trust policy, or, for a vendor you rely on, require sts:ExternalId (and list the account in trustedAccountIds once reviewed); pin web identities with their :sub and :aud claims.',
  loaders: { authorizationDetails, ...trustZoneLoaders },
  async run(ctx) {
    const zone = await trustZoneOf(ctx);
    for (const role of (await ctx.load.authorizationDetails()).roles) {
      const resource: Resource = {
        id: role.RoleName ?? role.RoleId ?? 'unknown',
        type: 'AWS::IAM::Role',
        arn: role.Arn,
        name: role.RoleName,
      };
      let verdict: Verdict;
      try {
        const trust = JSON.stringify(decodePolicyDocument(role.AssumeRolePolicyDocument));
        const analysis = analyseResourcePolicy(trust, 'sts-trust', role.Arn ?? '', zone, { internetPrefix: ctx.options.internetPrefix });
        verdict = externalAccessVerdict(grantsOfAnalysis(analysis), zone, {
          none: 'Only principals inside the zone (or AWS services this account passes the role to) may assume it',
          evidence: { trustPolicyAccess: analysis.external },
        });
        // Outsiders that must all present sts:ExternalId cannot be used as a confused deputy: less severe, still external.
        const allPinned = analysis.external.every((a) => a.conditions?.startsWith('sts:ExternalId required'));
        if (verdict.status === 'fail' && allPinned) verdict.options = { ...verdict.options, severity: 'medium' };
      } catch (error) {
        verdict = { status: 'error', error };
      }
      reportVerdict(ctx.result, resource, verdict);
    }
  },
});
