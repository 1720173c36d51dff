import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { defineCheck } from '../../src/engine/check.js';
import { nonCompliantText, runningWithSsm, ssmComplianceLoaders, summariesById } from './support/ssm.js';

export default defineCheck({
  id: 'ssm-patch-compliant',
  title: 'Managed instances are patch compliant, from a recent patch scan',
  risk: 'Missing operating-system patches are the known, published way in; a patch scan that stopped running hides them.',
  category: 'infrastructure',
  responsibility: 'patching',
  service: 'ssm',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['SSM.2'] },
  remediation:
    'Install the missing patches (Patch Manager, AWS-RunPatchBaseline with Install) and keep a scheduled scan (Quick Setup patch policy) so compliance stays current.',
  loaders: ssmComplianceLoaders,
  async run(ctx) {
    const maxAge = ctx.options.patchScanMaxAgeDays;
    const summaries = await summariesById(ctx, 'Patch');
    for (const { instance, resource, managed } of await runningWithSsm(ctx)) {
      if (!managed) {
        // ssm-instance-managed fails it; here there is no patch compliance to judge.
        ctx.result.notApplicable(
          resource,
          'Not managed by Systems Manager, so it has no patch compliance (ssm-instance-managed reports it).',
        );
        continue;
      }
      const item = summaries.get(instance.InstanceId ?? '');
      if (!item) {
        ctx.result.fail(
          resource,
          'Managed, but Patch Manager has no patch compliance for it: it has never been scanned, so its patch state is unknown.',
        );
        continue;
      }
      const scanned = item.ExecutionSummary?.ExecutionTime ? new Date(item.ExecutionSummary.ExecutionTime) : undefined;
      const age = scanned ? daysBetween(scanned, ctx.now) : undefined;
      const when = scanned ? `last patch scan ${isoDay(scanned)}` : 'last patch scan date not given';
      const evidence = {
        status: item.Status,
        lastScan: scanned?.toISOString(),
        nonCompliant: item.NonCompliantSummary?.NonCompliantCount ?? 0,
      };
      if (item.Status === 'NON_COMPLIANT') {
        ctx.result.fail(resource, `NON_COMPLIANT: missing patches ${nonCompliantText(item)}; ${when}.`, { evidence });
      } else if (item.Status !== 'COMPLIANT') {
        ctx.result.error(resource, new Error(`patch compliance status is ${String(item.Status)}, neither COMPLIANT nor NON_COMPLIANT`));
      } else if (age === undefined || age > maxAge) {
        ctx.result.fail(
          resource,
          `Stale: COMPLIANT at a scan ${age === undefined ? 'of unknown date' : `${dayCount(age)} ago (${isoDay(scanned!)})`}, older than ${maxAge} days, so today's patch state is unknown.`,
          { evidence },
        );
      } else {
        ctx.result.pass(resource, `COMPLIANT: no missing patches; ${when}.`, { evidence });
      }
    }
  },
});
