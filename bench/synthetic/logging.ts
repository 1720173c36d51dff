/**
 * Logging and monitoring of the synthetic account (issue 14): one multi-region trail sending to
 * a log group with the fifteen CIS metric filters and their alarms on one subscribed topic, a
 * Config recorder, Security Hub and GuardDuty in every region, and KMS keys spread over the regions.
 */
import { MONITORED_EVENTS } from '../../src/analysis/monitoring-corpus.js';
import { awsError } from '../../demo/world/types.js';
import { ACCOUNT_ID, page, pages, type Account, type SyntheticService } from './model.js';

const DESCRIBE_KEYS_IN_FLIGHT = 8;

export function logging(account: Account): SyntheticService[] {
  const home = account.regions[0]!;
  const regions = account.regions.length;
  const trailArn = `arn:aws:cloudtrail:${home}:${ACCOUNT_ID}:trail/management`;
  const group = 'cloudtrail-management';
  const topic = `arn:aws:sns:${home}:${ACCOUNT_ID}:security-alerts`;
  const trail = {
    Name: 'management',
    TrailARN: trailArn,
    HomeRegion: home,
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    S3BucketName: `bench-${home}-0`,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:${home}:${ACCOUNT_ID}:log-group:${group}:*`,
  };
  const filters = MONITORED_EVENTS.map((c) => ({
    filterName: c.key,
    filterPattern: c.recommended,
    logGroupName: group,
    metricTransformations: [{ metricName: c.key, metricNamespace: 'CIS', metricValue: '1' }],
  }));
  const alarms = MONITORED_EVENTS.map((c) => ({
    AlarmName: c.key,
    MetricName: c.key,
    Namespace: 'CIS',
    ActionsEnabled: true,
    AlarmActions: [topic],
  }));

  const keysPer = account.spread(Math.max(regions, Math.ceil(account.spec.buckets / 10)));
  const keys: Record<
    string,
    Array<{ KeyId: string; Arn: string; KeyManager: string; KeySpec: string; Origin: string; KeyState: string }>
  > = {};
  for (const region of account.regions) {
    keys[region] = Array.from({ length: keysPer[region]! }, (_, i) => ({
      KeyId: `key-${region}-${i}`,
      Arn: `arn:aws:kms:${region}:${ACCOUNT_ID}:key/key-${region}-${i}`,
      // One key in four is AWS managed: out of the rotation check's scope, so never asked.
      KeyManager: i % 4 === 3 ? 'AWS' : 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS',
      KeyState: 'Enabled',
    }));
  }
  const find = (region: string, id: unknown) => {
    const key = keys[region]?.find((k) => k.KeyId === id);
    if (!key) throw awsError('NotFoundException', `no key ${String(id)}`);
    return key;
  };
  const customer = Object.values(keys).reduce((n, list) => n + list.filter((k) => k.KeyManager === 'CUSTOMER').length, 0);
  const allKeys = Object.values(keys).reduce((n, list) => n + list.length, 0);
  const keyChain = Math.max(
    ...Object.values(keys).map((list) => pages(list.length, 1000) + Math.ceil(list.length / DESCRIBE_KEYS_IN_FLIGHT) + 1),
  );

  return [
    {
      service: 'cloudtrail',
      handlers: {
        DescribeTrails: () => ({ trailList: [trail] }),
        GetTrailStatus: () => ({ IsLogging: true }),
        GetEventSelectors: () => ({
          TrailARN: trailArn,
          EventSelectors: [
            { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
          ],
        }),
      },
      minimalCalls: { 'cloudtrail:DescribeTrails': regions, 'cloudtrail:GetTrailStatus': 1, 'cloudtrail:GetEventSelectors': 1 },
      // DescribeTrails, then the trail's status, its log group's filters, the region's alarms, the topic's subscriptions.
      criticalPath: 5,
    },
    {
      service: 'logs',
      handlers: {
        DescribeMetricFilters: (_region, input) => {
          const { items, next } = page(filters, input, { limitKey: 'limit', tokenKey: 'nextToken', max: 50 });
          return { metricFilters: items, ...next };
        },
      },
      minimalCalls: { 'logs:DescribeMetricFilters': pages(filters.length, 50) },
      criticalPath: pages(filters.length, 50),
    },
    {
      service: 'cloudwatch',
      handlers: {
        DescribeAlarms: (region, input) => {
          const { items, next } = page(region === home ? alarms : [], input, { limitKey: 'MaxRecords', tokenKey: 'NextToken', max: 100 });
          return { MetricAlarms: items, CompositeAlarms: [], ...next };
        },
      },
      // Only the log group's region holds alarms the chain needs.
      minimalCalls: { 'cloudwatch:DescribeAlarms': pages(alarms.length, 100) },
      criticalPath: pages(alarms.length, 100),
    },
    {
      service: 'sns',
      handlers: {
        ListSubscriptionsByTopic: () => ({ Subscriptions: [{ SubscriptionArn: `${topic}:1`, Protocol: 'email', TopicArn: topic }] }),
      },
      minimalCalls: { 'sns:ListSubscriptionsByTopic': 1 },
      criticalPath: 1,
    },
    {
      service: 'config',
      handlers: {
        DescribeConfigurationRecorders: (region) => ({
          ConfigurationRecorders: [
            { name: 'default', recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === home } },
          ],
        }),
        DescribeConfigurationRecorderStatus: () => ({
          ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }],
        }),
        DescribeDeliveryChannels: () => ({ DeliveryChannels: [{ name: 'default' }] }),
      },
      minimalCalls: {
        'config:DescribeConfigurationRecorders': regions,
        'config:DescribeConfigurationRecorderStatus': regions,
        'config:DescribeDeliveryChannels': regions,
      },
      criticalPath: 1,
    },
    {
      service: 'kms',
      handlers: {
        ListKeys: (region, input) => {
          const { items, next } = page(keys[region] ?? [], input, {
            limitKey: 'Limit',
            tokenKey: 'Marker',
            nextKey: 'NextMarker',
            max: 1000,
          });
          return { Keys: items.map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })), Truncated: 'NextMarker' in next, ...next };
        },
        DescribeKey: (region, input) => ({ KeyMetadata: find(region, input.KeyId) }),
        GetKeyRotationStatus: (region, input) => ({ KeyRotationEnabled: find(region, input.KeyId).KeyId.endsWith('0') }),
      },
      minimalCalls: {
        'kms:ListKeys': Object.values(keys).reduce((n, list) => n + pages(list.length, 1000), 0),
        'kms:DescribeKey': allKeys,
        'kms:GetKeyRotationStatus': customer,
      },
      criticalPath: keyChain,
    },
    {
      service: 'securityhub',
      handlers: { DescribeHub: (region) => ({ HubArn: `arn:aws:securityhub:${region}:${ACCOUNT_ID}:hub/default` }) },
      minimalCalls: { 'securityhub:DescribeHub': regions },
      criticalPath: 1,
    },
    {
      service: 'guardduty',
      handlers: {
        ListDetectors: (region) => ({ DetectorIds: [`det${region.replace(/-/g, '')}`] }),
        GetDetector: () => ({ Status: 'ENABLED', ServiceRole: 'role' }),
      },
      minimalCalls: { 'guardduty:ListDetectors': regions, 'guardduty:GetDetector': regions },
      criticalPath: 2,
    },
  ];
}

const built = new WeakMap<Account, SyntheticService[]>();

/** One service of the logging model, built once per account (its keys draw on the account's random numbers). */
export const loggingService =
  (service: string) =>
  (account: Account): SyntheticService => {
    if (!built.has(account)) built.set(account, logging(account));
    return built.get(account)!.find((s) => s.service === service)!;
  };
