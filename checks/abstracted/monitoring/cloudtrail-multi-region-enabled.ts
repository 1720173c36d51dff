import { defineCheck, scopeResource } from '../../../src/engine/check.js';
import { managementShortfall, multiRegionTrailStates, trailLabel, trailLoaders } from './common.js';

export default defineCheck({
  id: 'cloudtrail-multi-region-enabled',
  title: 'A multi-region CloudTrail trail is logging read and write management events',
  risk: 'Without a trail recording every region’s management events, API activity in an unwatched region (or of one kind) leaves no record.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 'cloudtrail',
  scope: 'global',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['3.1'], 'cis-aws-5.0': ['3.1'], 'aws-fsbp': ['CloudTrail.1'] },
  remediation:
    'aws cloudtrail create-trail --name management --s3-bucket-name <bucket> --is-multi-region-trail && aws cloudtrail start-logging --name management (a new trail records all read and write management events).',
  loaders: trailLoaders,
  async run(ctx) {
    const resource = scopeResource('global', ctx.accountId, ctx.partition);
    const states = await multiRegionTrailStates(ctx);
    const qualifying = states.filter((s) => s.ok && !managementShortfall(s));
    if (qualifying.length) {
      ctx.result.pass(
        resource,
        `${qualifying.map((s) => trailLabel(s.trail, ctx.accountId)).join(', ')} is multi-region, logging, and records read and write management events.`,
      );
      return;
    }
    const unreadable = states.find((s) => !s.ok);
    if (unreadable && !unreadable.ok) {
      ctx.result.error(resource, unreadable.error);
      return;
    }
    const why = states.flatMap((s) => (s.ok ? [`${trailLabel(s.trail, ctx.accountId)} ${managementShortfall(s)}`] : []));
    ctx.result.fail(
      resource,
      why.length
        ? `No multi-region trail qualifies: ${why.join('; ')}.`
        : 'No multi-region trail exists (in the trails the scanned regions see).',
    );
  },
});
