import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { isServiceLinkedRole } from './common.js';

export default defineCheck({
  id: 'iam-role-unused',
  title: 'Roles have been used within 90 days',
  risk: 'A role nobody uses still trusts someone: whoever can assume it keeps every permission it grants, unnoticed.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'low',
  compliance: {},
  remediation: 'Delete roles nobody uses (after checking CloudTrail for AssumeRole), or narrow their trust policy.',
  loaders: { authorizationDetails },
  async run({ load, result, options, now }) {
    const limit = options.accessAdvisorUnusedDays;
    for (const role of (await load.authorizationDetails()).roles) {
      if (isServiceLinkedRole(role)) continue;
      const resource = { id: `role/${role.RoleName ?? '?'}`, type: 'AWS::IAM::Role', arn: role.Arn, name: role.RoleName };
      const created = role.CreateDate ? new Date(role.CreateDate) : undefined;
      const lastUsed = role.RoleLastUsed?.LastUsedDate ? new Date(role.RoleLastUsed.LastUsedDate) : undefined;
      if (lastUsed) {
        const days = daysBetween(lastUsed, now);
        const where = role.RoleLastUsed?.Region ? ` in ${role.RoleLastUsed.Region}` : '';
        if (days >= limit) result.fail(resource, `Last used ${isoDay(lastUsed)}${where}, ${dayCount(days)} ago (limit ${limit}).`);
        else result.pass(resource, `Last used ${isoDay(lastUsed)}${where}.`);
      } else if (created && daysBetween(created, now) < limit) {
        result.pass(resource, `Not used yet, but created ${isoDay(created)}, less than ${limit} days ago.`);
      } else {
        // IAM tracks role use for the trailing 400 days: no date means no use in that window, or ever.
        result.fail(
          resource,
          `Never used${created ? ` since it was created ${isoDay(created)}` : ''} (no RoleLastUsed date in IAM's 400-day window).`,
        );
      }
    }
  },
});
