import pLimit from 'p-limit';
import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { authorizationDetailsPages, serviceLastAccessed } from '../../src/aws/loaders/iam.js';
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
  loaders: { authorizationDetailsPages, serviceLastAccessed },
  async run({ accountId, partition, load, result, options, now }) {
    if (!options.accessAdvisor) {
      result.notApplicable(
        accountResource(accountId, partition, 'Access Advisor'),
        'Turned off by the accessAdvisor option (one job per user and role is too many for this account).',
      );
      return;
    }
    const limit = options.accessAdvisorUnusedDays;
    // One Access Advisor job per principal: a bounded number run at once, each polled politely by
    // the loader. The jobs of a page's principals start as the page arrives: on a large account
    // the jobs are the scan's longest chain, and the later pages come in behind other checks' work.
    const limiter = pLimit(Math.max(1, options.accessAdvisorConcurrency));
    const jobs: Array<Promise<void>> = [];
    try {
      for await (const page of await load.authorizationDetailsPages()) {
        // Service-linked roles' permissions are AWS's to define: nothing in them is the customer's to trim.
        const principals = [
          ...page.users.map((u) => ({ kind: 'user' as const, name: u.UserName, arn: u.Arn, created: u.CreateDate })),
          ...page.roles
            .filter((r) => !isServiceLinkedRole(r))
            .map((r) => ({ kind: 'role' as const, name: r.RoleName, arn: r.Arn, created: r.CreateDate })),
        ];
        for (const p of principals) jobs.push(limiter(() => judge(p)));
      }
    } finally {
      // A later page that could not be read ends the check with that error (the run's ERROR), but
      // only once the principals already listed are judged: nothing is reported after the check ends.
      await Promise.allSettled(jobs);
    }

    async function judge(p: { kind: 'user' | 'role'; name?: string; arn?: string; created?: Date }): Promise<void> {
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
    }
  },
});
