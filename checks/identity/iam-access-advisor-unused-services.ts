import pLimit from 'p-limit';
import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { authorizationDetails, serviceLastAccessed } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { accountResource, isServiceLinkedRole } from './common.js';

const SHOWN = 12;

export default defineCheck({
  id: 'iam-access-advisor-unused-services',
  title: 'Users and roles have no permissions to services they have not used in 90 days',
  risk: 'Permissions nobody uses are pure risk: a stolen credential or a confused deputy can use them, and nobody would miss them if removed.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'low',
  compliance: {},
  remediation:
    "Remove the unused services from the principal's policies (IAM console > Access Advisor tab, or IAM Access Analyzer's unused-access findings and policy generation).",
  loaders: { authorizationDetails, serviceLastAccessed },
  async run({ accountId, partition, load, result, options, now }) {
    if (!options.accessAdvisor) {
      result.notApplicable(
        accountResource(accountId, partition, 'Access Advisor'),
        'Turned off by the accessAdvisor option (one job per user and role is too many for this account).',
      );
      return;
    }
    const limit = options.accessAdvisorUnusedDays;
    const details = await load.authorizationDetails();
    // Service-linked roles' permissions are AWS's to define: nothing in them is the customer's to trim.
    const principals = [
      ...details.users.map((u) => ({ kind: 'user' as const, name: u.UserName, arn: u.Arn, created: u.CreateDate })),
      ...details.roles
        .filter((r) => !isServiceLinkedRole(r))
        .map((r) => ({ kind: 'role' as const, name: r.RoleName, arn: r.Arn, created: r.CreateDate })),
    ];
    // One Access Advisor job per principal: a bounded number run at once, each polled politely by the loader.
    const limiter = pLimit(Math.max(1, options.accessAdvisorConcurrency));
    await Promise.all(
      principals.map((p) =>
        limiter(async () => {
          const resource = {
            id: `${p.kind}/${p.name ?? '?'}`,
            type: p.kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Role',
            arn: p.arn,
            name: p.name,
          };
          try {
            if (!p.arn) throw new Error(`the ${p.kind} has no ARN in GetAccountAuthorizationDetails`);
            const created = p.created ? new Date(p.created) : undefined;
            if (created && daysBetween(created, now) < limit) {
              result.pass(resource, `Created ${isoDay(created)}, less than ${limit} days ago: too recent to call any permission unused.`);
              return;
            }
            const services = await load.serviceLastAccessed(p.arn);
            const unused = services
              .filter((s) => !s.lastAuthenticated || daysBetween(s.lastAuthenticated, now) >= limit)
              .map((s) => `${s.namespace} (${s.lastAuthenticated ? `last used ${isoDay(s.lastAuthenticated)}` : 'never used'})`);
            const evidence = { window: `${limit} days`, granted: services.length, unused };
            if (unused.length) {
              const shown = unused.slice(0, SHOWN).join(', ') + (unused.length > SHOWN ? ` and ${unused.length - SHOWN} more` : '');
              result.fail(
                resource,
                `May use ${unused.length} of ${services.length} service(s) it has not used in ${dayCount(limit)}: ${shown}.`,
                { evidence },
              );
            } else if (services.length) {
              result.pass(resource, `Used every one of the ${services.length} service(s) its policies grant within ${dayCount(limit)}.`, {
                evidence,
              });
            } else {
              result.pass(resource, 'Its policies grant no service.', { evidence });
            }
          } catch (error) {
            result.error(resource, error);
          }
        }),
      ),
    );
  },
});
