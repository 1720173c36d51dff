import { daysBetween, describeReportValue, isoDay } from '../../src/analysis/credential-report.js';
import { credentialReport } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { rootResource, rootRow, slotHasNoKey } from './common.js';

export default defineCheck({
  id: 'iam-root-not-used-recently',
  title: 'The root user has not been used recently',
  risk: 'Everyday use of the root user exposes credentials that bypass every IAM permission and most guardrails.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['1.7'], 'cis-aws-5.0': ['1.6'] },
  remediation: 'Use IAM roles or IAM Identity Center for administration; keep the root user for the few tasks that require it.',
  loaders: { credentialReport },
  async run({ accountId, partition, load, result, options, now }) {
    const root = rootResource(accountId, partition);
    const row = rootRow(await load.credentialReport());
    const uses = [
      { what: 'password', column: 'password_last_used', cell: row.passwordLastUsed, exists: true },
      ...row.accessKeys.map((k) => ({
        what: `access key ${k.slot}`,
        column: `access_key_${k.slot}_last_used_date`,
        cell: k.lastUsed,
        exists: !slotHasNoKey(k),
      })),
    ];
    // N/A (never), no_information (before October 2014) and not_supported are not recent uses;
    // a blank or unreadable cell is a doubt to report, not a "not used".
    const unreadable = uses.filter((u) => u.exists && (u.cell.kind === 'missing' || u.cell.kind === 'invalid'));
    if (unreadable.length) {
      result.error(
        root,
        new Error(
          `the credential report's root row does not say: ${unreadable.map((u) => describeReportValue(u.column, u.cell)).join('; ')}`,
        ),
      );
      return;
    }
    const dated = uses.flatMap((u) => (u.cell.kind === 'date' ? [{ what: u.what, date: u.cell.date }] : []));
    const recent = dated.filter((u) => daysBetween(u.date, now) < options.rootUnusedDays);
    if (recent.length) {
      result.fail(
        root,
        `The root user was used within the last ${options.rootUnusedDays} days: ${recent.map((u) => `${u.what} on ${isoDay(u.date)}`).join(', ')}.`,
      );
    } else {
      const last = dated.sort((a, b) => b.date.getTime() - a.date.getTime())[0];
      result.pass(
        root,
        last
          ? `The root user was last used on ${isoDay(last.date)} (${last.what}), more than ${options.rootUnusedDays} days ago.`
          : 'The credential report shows no use of the root password or keys.',
      );
    }
  },
});
