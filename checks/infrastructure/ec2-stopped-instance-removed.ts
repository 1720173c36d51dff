import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { defineCheck } from '../../src/engine/check.js';
import { instanceLoaders, liveInstances } from './support/instances.js';

/**
 * When a stopped instance stopped: DescribeInstances gives it only inside StateTransitionReason,
 * e.g. "User initiated (2024-01-31 10:00:00 GMT)".
 */
export function stoppedSince(reason: string | undefined): Date | undefined {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? '');
  if (!m) return undefined;
  const date = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export default defineCheck({
  id: 'ec2-stopped-instance-removed',
  title: 'Instances are not left stopped for more than 30 days',
  risk: 'A long-stopped instance misses every patch; started again, it runs an unpatched system with its old role and addresses.',
  category: 'infrastructure',
  responsibility: 'patching',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EC2.4'] },
  remediation: 'Terminate instances nobody needs (keep an AMI or snapshot if in doubt); patch any you start again before use.',
  loaders: instanceLoaders,
  async run(ctx) {
    const limit = ctx.options.stoppedInstanceMaxDays;
    for (const { instance, resource } of await liveInstances(ctx)) {
      const state = instance.State?.Name;
      if (state !== 'stopped') {
        ctx.result.pass(resource, `Not stopped (${state ?? 'state unknown'}).`);
        continue;
      }
      const since = stoppedSince(instance.StateTransitionReason);
      // The Config rule behind EC2.4 (ec2-stopped-instance) is NON_COMPLIANT when the time stopped cannot be determined.
      if (!since) {
        ctx.result.fail(
          resource,
          `Stopped since an unknown date (state reason: "${instance.StateTransitionReason ?? ''}"), so not provably within ${limit} days.`,
        );
        continue;
      }
      const days = daysBetween(since, ctx.now);
      if (days > limit) ctx.result.fail(resource, `Stopped since ${isoDay(since)}, ${dayCount(days)} ago (limit ${limit}).`);
      else ctx.result.pass(resource, `Stopped since ${isoDay(since)}, ${dayCount(days)} ago (within ${limit}).`);
    }
  },
});
