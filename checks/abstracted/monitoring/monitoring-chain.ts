/**
 * The fifteen "a metric filter and alarm exist for …" controls (CIS 4.1–4.15, Security Hub
 * CloudWatch.1–14), each judged on the whole chain a real alert travels:
 *   1. a multi-region trail, logging, recording read and write management events,
 *   2. that sends its events to a CloudWatch Logs group,
 *   3. where a metric filter matches what the control is about (judged by meaning: the filter
 *      is parsed and run over CloudTrail events it must and must not match),
 *   4. whose metric (name + namespace) has an alarm,
 *   5. whose actions are enabled and include an SNS topic,
 *   6. that has at least one confirmed subscription.
 * PASS needs one whole chain. A FAIL names the first link missing on the chain that got
 * furthest. A link that belongs to another account and cannot be read is no FAIL: a log group
 * of another account is judged there (NOT_APPLICABLE), a read that failed is an ERROR.
 */
import type { MetricFilter, MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { FilterPatternError, parseFilterPattern } from '../../../src/analysis/filter-pattern.js';
import { judgeFilter, MONITORED_EVENTS, type MonitoredEvent } from '../../../src/analysis/monitoring-corpus.js';
import { tagErrorAction } from '../../../src/aws/errors.js';
import { metricAlarms } from '../../../src/aws/loaders/cloudwatch.js';
import { metricFilters } from '../../../src/aws/loaders/logs.js';
import { subscriptions } from '../../../src/aws/loaders/sns.js';
import { defineCheck, scopeResource, type CheckContext, type CheckDefinition } from '../../../src/engine/check.js';
import { accountOf, managementShortfall, multiRegionTrailStates, naming, regionOf, trailLabel, trailLoaders } from './common.js';

const chainLoaders = { ...trailLoaders, metricFilters, metricAlarms, subscriptions };
type Ctx = CheckContext<typeof chainLoaders>;

/** How far one chain got: a whole chain, the first missing link, or a link that could not be read. */
type Outcome =
  | { kind: 'pass'; message: string }
  | { kind: 'fail'; link: number; message: string }
  | { kind: 'notApplicable'; message: string }
  | { kind: 'error'; error: unknown };

interface FilterNote {
  logGroup: string;
  filter: string;
  pattern: string;
  verdict: string;
}

/** `arn:aws:logs:us-east-1:111122223333:log-group:Name:*` → the group's name. */
export function logGroupNameOf(arn: string): string {
  const rest = arn.split(':log-group:')[1] ?? '';
  return rest.endsWith(':*') ? rest.slice(0, -2) : rest;
}

const isSnsArn = (arn: string): boolean => /^arn:[^:]+:sns:/.test(arn);

/**
 * Whether the alarm watches the filter's metric. A metric is its name, namespace and dimensions:
 * a filter that publishes with dimensions feeds only alarms that name the same dimensions, so an
 * alarm on the bare name and namespace sees no data and never fires.
 */
function alarmWatches(alarm: MetricAlarm, t: MetricTransformation): boolean {
  const dimensions = Object.keys(t.dimensions ?? {}).sort();
  const same = (metric: { MetricName?: string; Namespace?: string; Dimensions?: Array<{ Name?: string }> } | undefined): boolean =>
    metric?.MetricName === t.metricName &&
    metric?.Namespace === t.metricNamespace &&
    JSON.stringify((metric?.Dimensions ?? []).map((d) => d.Name).sort()) === JSON.stringify(dimensions);
  // A metric-math alarm watches the metric when one of its queries reads it.
  return same(alarm) || (alarm.Metrics ?? []).some((q) => same(q.MetricStat?.Metric));
}

async function judgeChain(ctx: Ctx, control: MonitoredEvent, notes: FilterNote[]): Promise<Outcome[]> {
  const states = await multiRegionTrailStates(ctx);
  const outcomes: Outcome[] = states.flatMap((s) => (s.ok ? [] : [{ kind: 'error' as const, error: s.error }]));
  const readable = states.flatMap((s) => (s.ok ? [s] : []));
  const qualifying = readable.filter((s) => !managementShortfall(s));
  if (!qualifying.length) {
    const why = readable.map((s) => `${trailLabel(s.trail, ctx.accountId)} ${managementShortfall(s)}`);
    outcomes.push({
      kind: 'fail',
      link: 1,
      message: `no multi-region trail is logging read and write management events${why.length ? ` (${why.join('; ')})` : ''}`,
    });
    return outcomes;
  }
  const withGroup = qualifying.filter((s) => s.trail.CloudWatchLogsLogGroupArn);
  if (!withGroup.length) {
    outcomes.push({
      kind: 'fail',
      link: 2,
      message: `${qualifying.map((s) => trailLabel(s.trail, ctx.accountId)).join(', ')} does not send its events to CloudWatch Logs`,
    });
    return outcomes;
  }
  const groups = [...new Set(withGroup.map((s) => s.trail.CloudWatchLogsLogGroupArn!))];
  for (const groupArn of groups) outcomes.push(...(await judgeGroup(ctx, control, groupArn, notes)));
  return outcomes;
}

async function judgeGroup(ctx: Ctx, control: MonitoredEvent, groupArn: string, notes: FilterNote[]): Promise<Outcome[]> {
  const region = regionOf(groupArn);
  const name = logGroupNameOf(groupArn);
  const owner = accountOf(groupArn);
  if (owner !== ctx.accountId) {
    // DescribeMetricFilters reads the caller's own account: asking it here would judge a
    // same-named group of this account. The chain continues in the owner's account.
    return [
      {
        kind: 'notApplicable',
        message: `the trail sends its events to log group ${name} of account ${owner}: its metric filters and alarms are judged there`,
      },
    ];
  }
  let filters: MetricFilter[];
  try {
    filters = await ctx.load.metricFilters(region, name);
  } catch (error) {
    return [{ kind: 'error', error: naming(error, `log group ${name} (${region})`) }];
  }
  const satisfying: MetricFilter[] = [];
  const unjudged: string[] = [];
  /** Filters that catch some of the events the control is about: the ones a reviewer meant for it. */
  const near: string[] = [];
  for (const f of filters) {
    const pattern = f.filterPattern ?? '';
    let verdict: string;
    try {
      const judged = judgeFilter(parseFilterPattern(pattern), control);
      if (judged.satisfies) satisfying.push(f);
      else if (judged.missed.length < control.mustMatch.length) near.push(`filter ${f.filterName}: ${judged.reason}`);
      verdict = judged.satisfies ? 'satisfies the control' : judged.reason;
    } catch (error) {
      if (!(error instanceof FilterPatternError)) throw error;
      verdict = `cannot be judged: ${error.message}`;
      unjudged.push(`filter ${f.filterName} (${error.message})`);
    }
    notes.push({ logGroup: name, filter: f.filterName ?? '', pattern, verdict });
  }
  if (!satisfying.length) {
    if (unjudged.length) {
      const error = new FilterPatternError(
        `log group ${name} has a metric filter this tool cannot evaluate, so whether it monitors ${control.subject} is unknown: ${unjudged.join('; ')}`,
      );
      // Named after the read that returned the pattern, so the ERROR says where it came from.
      tagErrorAction(error, 'logs:DescribeMetricFilters');
      return [{ kind: 'error', error }];
    }
    const detail = near.length
      ? `: ${near.join('; ')}`
      : filters.length
        ? ` (none of its ${filters.length} metric filters matches any of them)`
        : ' (it has no metric filters)';
    return [{ kind: 'fail', link: 3, message: `log group ${name} has no metric filter that matches ${control.subject}${detail}` }];
  }
  let alarms: MetricAlarm[];
  try {
    alarms = await ctx.load.metricAlarms(region);
  } catch (error) {
    return [{ kind: 'error', error }];
  }
  const outcomes: Outcome[] = [];
  for (const f of satisfying) {
    for (const t of f.metricTransformations ?? []) {
      const metric = `${t.metricNamespace}/${t.metricName}`;
      const watching = alarms.filter((a) => alarmWatches(a, t));
      if (!watching.length) {
        const blind = alarms.find((a) => a.MetricName === t.metricName && a.Namespace === t.metricNamespace);
        const dims = Object.keys(t.dimensions ?? {}).join(', ');
        outcomes.push({
          kind: 'fail',
          link: 4,
          message: blind
            ? `alarm ${blind.AlarmName} names metric ${metric} without the dimensions filter ${f.filterName} publishes it with (${dims || 'none'}), so it sees no data`
            : `metric ${metric} of filter ${f.filterName} (log group ${name}) has no CloudWatch alarm in ${region}`,
        });
        continue;
      }
      for (const alarm of watching) outcomes.push(await judgeAlarm(ctx, alarm, `alarm ${alarm.AlarmName} on ${metric}`));
    }
  }
  return outcomes;
}

async function judgeAlarm(ctx: Ctx, alarm: MetricAlarm, label: string): Promise<Outcome> {
  const topics = (alarm.AlarmActions ?? []).filter(isSnsArn);
  if (!topics.length) return { kind: 'fail', link: 5, message: `${label} has no SNS topic among its alarm actions` };
  if (alarm.ActionsEnabled === false) return { kind: 'fail', link: 5, message: `${label} has its actions disabled, so it notifies no one` };
  const reasons: string[] = [];
  let error: unknown;
  for (const topic of topics) {
    try {
      const subs = await ctx.load.subscriptions(regionOf(topic), topic);
      const confirmed = subs.filter((s) => s.SubscriptionArn?.startsWith('arn:'));
      if (confirmed.length)
        return {
          kind: 'pass',
          message: `${label} notifies topic ${topic}, which has ${confirmed.length} confirmed subscription(s) (${confirmed.map((s) => s.Protocol).join(', ')})`,
        };
      const pending = subs.filter((s) => s.SubscriptionArn === 'PendingConfirmation').length;
      reasons.push(`topic ${topic} has no confirmed subscription${pending ? ` (${pending} pending confirmation)` : ''}`);
    } catch (e) {
      const owner = accountOf(topic);
      error ??= naming(e, `topic ${topic}${owner !== ctx.accountId ? ` of account ${owner}` : ''}`);
    }
  }
  if (error) return { kind: 'error', error };
  return { kind: 'fail', link: 6, message: `${label}: ${reasons.join('; ')}` };
}

/** The check of one monitored event; each `cloudwatch-alarm-<key>.ts` file is one call of this. */
export function monitoringCheck(key: string): CheckDefinition<typeof chainLoaders> {
  const control = MONITORED_EVENTS.find((c) => c.key === key);
  if (!control) throw new Error(`no monitored event "${key}"`);
  return defineCheck({
    id: `cloudwatch-alarm-${key}`,
    title: `A metric filter and alarm with a subscribed SNS topic exist for ${control.subject}`,
    risk: `Without an alert, ${control.subject} go unnoticed until someone happens to read the logs.`,
    category: 'abstracted',
    responsibility: 'monitoring',
    service: 'cloudwatch',
    scope: 'global',
    severity: 'low',
    compliance: {
      'cis-aws-3.0': [control.cis],
      'cis-aws-5.0': [control.cis],
      ...(control.securityHub ? { 'aws-fsbp': [control.securityHub] } : {}),
    },
    remediation: `On the log group a multi-region trail sends to: aws logs put-metric-filter --filter-pattern '${control.recommended}' …; aws cloudwatch put-metric-alarm on its metric with --alarm-actions <SNS topic>; subscribe to the topic and confirm the subscription.`,
    loaders: chainLoaders,
    async run(ctx) {
      const resource = scopeResource('global', ctx.accountId, ctx.partition);
      const notes: FilterNote[] = [];
      const outcomes = await judgeChain(ctx, control, notes);
      const evidence = {
        control: `CIS ${control.cis}${control.securityHub ? ` / ${control.securityHub}` : ''}: ${control.subject}`,
        metricFilters: notes,
        mustMatch: control.mustMatch,
        mustNotMatch: control.mustNotMatch,
      };
      const passed = outcomes.find((o) => o.kind === 'pass');
      if (passed) return ctx.result.pass(resource, `Monitored: ${passed.message}.`, { evidence });
      const error = outcomes.find((o) => o.kind === 'error');
      if (error) return ctx.result.error(resource, error.error, { evidence });
      const na = outcomes.find((o) => o.kind === 'notApplicable');
      if (na) return ctx.result.notApplicable(resource, `Not judged in this account: ${na.message}.`, { evidence });
      const fails = outcomes.flatMap((o) => (o.kind === 'fail' ? [o] : []));
      const furthest = Math.max(...fails.map((f) => f.link));
      const messages = fails.filter((f) => f.link === furthest).map((f) => f.message);
      ctx.result.fail(resource, `Link ${furthest} of 6 is missing: ${messages.join('; ')}.`, { evidence });
    },
  });
}
