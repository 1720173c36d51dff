import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import multiRegion from '../../../checks/abstracted/monitoring/cloudtrail-multi-region-enabled.js';
import rootUsage from '../../../checks/abstracted/monitoring/cloudwatch-alarm-root-usage.js';
import trailChanges from '../../../checks/abstracted/monitoring/cloudwatch-alarm-cloudtrail-changes.js';
import { monitoringChecks } from '../../../checks/abstracted/monitoring/index.js';
import { ACCOUNT, awsError, runAll, runCheck } from '../../helpers/check-tester.js';

const ct = mockClient(CloudTrailClient);
const logs = mockClient(CloudWatchLogsClient);
const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);

const GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail-logs:*`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;
const ROOT_PATTERN = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

const trail = (over: Partial<Trail> = {}): Trail => ({
  Name: 'main',
  TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  S3BucketName: 'trail-bucket',
  CloudWatchLogsLogGroupArn: GROUP,
  ...over,
});
const filter = (filterPattern: string, metricName = 'RootUsage'): MetricFilter => ({
  filterName: `${metricName}-filter`,
  filterPattern,
  logGroupName: 'trail-logs',
  metricTransformations: [{ metricName, metricNamespace: 'CIS', metricValue: '1' }],
});
const alarm = (over: Partial<MetricAlarm> = {}): MetricAlarm => ({
  AlarmName: 'root-usage',
  MetricName: 'RootUsage',
  Namespace: 'CIS',
  ActionsEnabled: true,
  AlarmActions: [TOPIC],
  ...over,
});
const confirmed: Subscription = { SubscriptionArn: `${TOPIC}:1111`, Protocol: 'email', TopicArn: TOPIC };
const pending: Subscription = { SubscriptionArn: 'PendingConfirmation', Protocol: 'email', TopicArn: TOPIC };

interface World {
  trails?: Trail[];
  logging?: boolean;
  selectors?: object;
  filters?: MetricFilter[];
  alarms?: MetricAlarm[];
  subs?: Subscription[];
}
function world(w: World = {}): void {
  ct.on(DescribeTrailsCommand).resolves({ trailList: w.trails ?? [trail()] });
  ct.on(GetTrailStatusCommand).resolves({ IsLogging: w.logging ?? true });
  ct.on(GetEventSelectorsCommand).resolves(w.selectors ?? { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] });
  logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: w.filters ?? [filter(ROOT_PATTERN)] });
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: w.alarms ?? [alarm()] });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: w.subs ?? [confirmed] });
}

beforeEach(() => {
  for (const m of [ct, logs, cw, sns]) m.reset();
});

describe('cloudwatch-alarm-*: the whole chain trail → log group → filter → alarm → SNS → confirmed subscription', () => {
  it('PASSes when every link holds, with the sample events in the evidence', async () => {
    world();
    const [f] = await runCheck(rootUsage);
    expect(f).toMatchObject({ status: 'PASS', region: 'global', compliance: { 'cis-aws-5.0': ['4.3'], 'aws-fsbp': ['CloudWatch.1'] } });
    expect(f!.message).toContain(`notifies topic ${TOPIC}`);
    const evidence = f!.evidence as {
      mustMatch: Array<{ label: string }>;
      mustNotMatch: Array<{ label: string; event: object }>;
      metricFilters: unknown[];
    };
    expect(evidence.mustMatch.map((e) => e.label)).toContain('root calls an API');
    expect(evidence.mustNotMatch.map((e) => e.label)).toContain("an AWS service event on root's behalf");
    expect(evidence.mustNotMatch[0]!.event).toHaveProperty('eventType', 'AwsServiceEvent');
    expect(evidence.metricFilters).toEqual([
      { logGroup: 'trail-logs', filter: 'RootUsage-filter', pattern: ROOT_PATTERN, verdict: 'satisfies the control' },
    ]);
  });

  it.each<[string, World, number, string]>([
    ['no trail', { trails: [] }, 1, 'no multi-region trail is logging'],
    ['a single-region trail only', { trails: [trail({ IsMultiRegionTrail: false })] }, 1, 'no multi-region trail'],
    ['a trail that is not logging', { logging: false }, 1, 'trail main is not logging'],
    [
      'a trail with write events only',
      { selectors: { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'WriteOnly' }] } },
      1,
      'records no read management events',
    ],
    [
      'no CloudWatch Logs group',
      { trails: [trail({ CloudWatchLogsLogGroupArn: undefined })] },
      2,
      'does not send its events to CloudWatch Logs',
    ],
    ['no metric filter', { filters: [] }, 3, 'it has no metric filters'],
    [
      'a filter that misses an API call by root',
      { filters: [filter('{ $.eventName = ConsoleLogin && $.userIdentity.type = Root }')] },
      3,
      'would not match root calls an API',
    ],
    ['a catch-all filter', { filters: [filter('{ $.eventVersion = * }')] }, 3, 'would alarm on every event'],
    [
      'a filter that also alarms on service events',
      { filters: [filter('{ $.userIdentity.type = Root }')] },
      3,
      "would also alarm on an AWS service event on root's behalf",
    ],
    [
      'no alarm on the metric',
      { alarms: [alarm({ MetricName: 'Other' })] },
      4,
      'metric CIS/RootUsage of filter RootUsage-filter (log group trail-logs) has no CloudWatch alarm',
    ],
    ['an alarm in another namespace', { alarms: [alarm({ Namespace: 'Elsewhere' })] }, 4, 'has no CloudWatch alarm'],
    [
      'an alarm without an SNS action',
      { alarms: [alarm({ AlarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] })] },
      5,
      'has no SNS topic',
    ],
    ['an alarm with its actions disabled', { alarms: [alarm({ ActionsEnabled: false })] }, 5, 'actions disabled'],
    ['a topic without subscriptions', { subs: [] }, 6, 'has no confirmed subscription'],
    ['a topic whose only subscription is pending', { subs: [pending] }, 6, '1 pending confirmation'],
  ])('%s → FAIL at link %i', async (_, w, link, message) => {
    world(w);
    const [f] = await runCheck(rootUsage);
    expect(f?.status).toBe('FAIL');
    expect(f?.message).toContain(`Link ${link} of 6 is missing`);
    expect(f?.message).toContain(message);
  });

  it('filters spelled differently but meaning the same pass: newlines, quotes, reordered || terms', async () => {
    world({
      filters: [
        filter(
          '{\n ($.eventName = StopLogging) ||\n ($.eventName = "StartLogging") || ($.eventName = DeleteTrail) || ($.eventName = "UpdateTrail") || ($.eventName = CreateTrail)\n}',
          'TrailChanges',
        ),
      ],
      alarms: [alarm({ MetricName: 'TrailChanges' })],
    });
    expect((await runCheck(trailChanges))[0]?.status).toBe('PASS');
  });

  it('a filter publishing with dimensions feeds only an alarm naming the same dimensions', async () => {
    const dimensioned = {
      ...filter(ROOT_PATTERN),
      metricTransformations: [
        { metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1', dimensions: { EventName: '$.eventName' } },
      ],
    };
    world({ filters: [dimensioned] });
    const [blind] = await runCheck(rootUsage);
    expect(blind?.status).toBe('FAIL');
    expect(blind?.message).toContain('Link 4 of 6');
    expect(blind?.message).toContain('without the dimensions filter RootUsage-filter publishes it with (EventName)');
    world({ filters: [dimensioned], alarms: [alarm({ Dimensions: [{ Name: 'EventName', Value: 'ConsoleLogin' }] })] });
    expect((await runCheck(rootUsage))[0]?.status).toBe('PASS');
  });

  it('event selectors or a status without the fields CloudTrail always sends are an ERROR, never a verdict', async () => {
    world({ selectors: { EventSelectors: [{ DataResources: [] }] } });
    expect((await runCheck(multiRegion))[0]).toMatchObject({
      status: 'ERROR',
      message: expect.stringContaining('cloudtrail:GetEventSelectors'),
    });
    world({ selectors: { AdvancedEventSelectors: [{ FieldSelectors: [{ Equals: ['Management'] }] }] } });
    expect((await runCheck(multiRegion))[0]?.status).toBe('ERROR');
    world();
    ct.on(GetTrailStatusCommand).resolves({});
    expect((await runCheck(multiRegion))[0]).toMatchObject({ status: 'ERROR', message: expect.stringContaining('IsLogging') });
  });

  it('a metric-math alarm that reads the metric counts', async () => {
    world({
      alarms: [
        alarm({
          MetricName: undefined,
          Namespace: undefined,
          Metrics: [{ Id: 'm1', MetricStat: { Metric: { MetricName: 'RootUsage', Namespace: 'CIS' }, Period: 300, Stat: 'Sum' } }],
        }),
      ],
    });
    expect((await runCheck(rootUsage))[0]?.status).toBe('PASS');
  });

  it('one complete chain among broken ones is enough', async () => {
    world({ alarms: [alarm({ AlarmName: 'broken', AlarmActions: [] }), alarm()] });
    expect((await runCheck(rootUsage))[0]?.status).toBe('PASS');
  });

  it('a log group of another account is NOT_APPLICABLE naming it, and is never read', async () => {
    world({ trails: [trail({ CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:999999999999:log-group:org-trail:*' })] });
    const [f] = await runCheck(rootUsage);
    expect(f?.status).toBe('NOT_APPLICABLE');
    expect(f?.message).toContain('log group org-trail of account 999999999999');
    expect(logs.commandCalls(DescribeMetricFiltersCommand)).toHaveLength(0);
  });

  it('a topic of another account that cannot be read is an ERROR naming it', async () => {
    const foreign = 'arn:aws:sns:us-east-1:999999999999:central-alerts';
    world({ alarms: [alarm({ AlarmActions: [foreign] })] });
    sns.on(ListSubscriptionsByTopicCommand).rejects(awsError('AuthorizationError', 'not authorized', 403));
    const [f] = await runCheck(rootUsage);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toContain(`topic ${foreign} of account 999999999999`);
    expect(f?.message).toContain('AuthorizationError');
  });

  it('a trail of another account whose status cannot be read is an ERROR naming it, unless another chain passes', async () => {
    const orgTrail = trail({ Name: 'org', TrailARN: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org', IsOrganizationTrail: true });
    world({ trails: [orgTrail] });
    ct.on(GetTrailStatusCommand, { Name: orgTrail.TrailARN }).rejects(awsError('TrailNotFoundException', 'Unknown trail', 400));
    const [f] = await runCheck(rootUsage);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toContain('trail org (an organization trail of account 999999999999)');
    world({ trails: [orgTrail, trail()] });
    ct.on(GetTrailStatusCommand, { Name: orgTrail.TrailARN }).rejects(awsError('TrailNotFoundException', 'Unknown trail', 400));
    expect((await runCheck(rootUsage))[0]?.status).toBe('PASS');
  });

  it('a filter pattern that cannot be evaluated is an ERROR, never a FAIL', async () => {
    world({ filters: [filter('[version, account, eventName = ConsoleLogin]')] });
    const [f] = await runCheck(rootUsage);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toContain('space-delimited patterns');
  });

  it('reads the minimum: DescribeTrails once per region, status and selectors once per trail, filters only for the trail’s group, alarms once per region, subscriptions only for alarm topics', async () => {
    world();
    const findings = await runAll([multiRegion, ...monitoringChecks], { regions: ['us-east-1', 'eu-west-1'] });
    expect(findings.length).toBeGreaterThan(15);
    expect(ct.commandCalls(DescribeTrailsCommand)).toHaveLength(2);
    expect(ct.commandCalls(GetTrailStatusCommand)).toHaveLength(1);
    expect(ct.commandCalls(GetEventSelectorsCommand)).toHaveLength(1);
    expect(logs.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input.logGroupName)).toEqual(['trail-logs']);
    expect(cw.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
    expect(sns.commandCalls(ListSubscriptionsByTopicCommand).map((c) => c.args[0].input.TopicArn)).toEqual([TOPIC]);
  });
});

describe('cloudtrail-multi-region-enabled', () => {
  it.each<[string, World, string, string]>([
    ['a multi-region logging trail with all management events', {}, 'PASS', 'trail main is multi-region'],
    [
      'advanced selectors on Management, no readOnly filter',
      { selectors: { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] } },
      'PASS',
      'trail main',
    ],
    [
      'advanced selectors, readOnly = true',
      {
        selectors: {
          AdvancedEventSelectors: [
            {
              FieldSelectors: [
                { Field: 'eventCategory', Equals: ['Management'] },
                { Field: 'readOnly', Equals: ['true'] },
              ],
            },
          ],
        },
      },
      'FAIL',
      'records no write management events',
    ],
    ['not logging', { logging: false }, 'FAIL', 'is not logging'],
    ['single-region only', { trails: [trail({ IsMultiRegionTrail: false })] }, 'FAIL', 'No multi-region trail exists'],
    [
      'an organization trail seen from a member account',
      { trails: [trail({ Name: 'org', TrailARN: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org', IsOrganizationTrail: true })] },
      'PASS',
      'trail org (an organization trail of account 999999999999)',
    ],
  ])('%s → %s', async (_, w, status, message) => {
    world(w);
    const [f] = await runCheck(multiRegion);
    expect(f?.status).toBe(status);
    expect(f?.message).toContain(message);
  });
});
