/** S3 object-level logging (CIS 3.8 write, 3.9 read), judged per bucket against every multi-region logging trail. */
import { s3ObjectCoverage } from '../../../src/analysis/cloudtrail-selectors.js';
import { buckets } from '../../../src/aws/loaders/s3.js';
import type { CheckContext } from '../../../src/engine/check.js';
import { judgeBuckets } from '../s3-common.js';
import { fail, pass } from '../../verdict.js';
import { multiRegionTrailStates, trailLabel, trailLoaders } from './common.js';

export const objectLoggingLoaders = { ...trailLoaders, buckets };

export async function judgeObjectLogging(ctx: CheckContext<typeof objectLoggingLoaders>, kind: 'read' | 'write'): Promise<void> {
  const states = await multiRegionTrailStates(ctx);
  const logging = states.flatMap((s) => (s.ok && s.logging ? [s] : []));
  const unreadable = states.flatMap((s) => (s.ok ? [] : [s]));
  await judgeBuckets(ctx, async (bucket) => {
    const notes: string[] = [];
    for (const state of logging) {
      const coverage = s3ObjectCoverage(state.selectors, bucket.name, ctx.partition);
      if (coverage[kind]) return pass(`${trailLabel(state.trail, ctx.accountId)} logs ${kind} data events of every object.`);
      notes.push(...coverage.notes.map((n) => `${trailLabel(state.trail, ctx.accountId)}: ${n}`));
    }
    // A trail whose selectors could not be read may be the one that logs the bucket: no verdict.
    if (unreadable[0]) return { status: 'error', error: unreadable[0].error };
    const why = logging.length
      ? `no multi-region logging trail records ${kind} data events for its objects${notes.length ? ` (${notes.join('; ')})` : ''}`
      : 'no multi-region trail is logging';
    return fail(`Object-level ${kind} logging is off: ${why}.`);
  });
}
