/**
 * The demo account's logging and monitoring: trails, a Config recorder, the CloudTrail log
 * group with metric filters (some right; some subtly wrong: a missing `||` term, a catch-all,
 * and a right filter on a group no trail sends to), alarms, topics with and without a
 * confirmed subscription, KMS keys with and without rotation, Security Hub and GuardDuty.
 * us-east-1 is the well-run region; eu-west-1 is where things were left half done.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, Trail } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { Subscription } from '@aws-sdk/client-sns';
import { MONITORED_EVENTS } from '../../src/analysis/monitoring-corpus.js';
import { awsError, byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

const ORG_MANAGEMENT = '210987654321';
const LOG_GROUP = 'demo-cloudtrail';
const logGroupArn = (name: string) => `arn:aws:logs:us-east-1:${DEMO_ACCOUNT}:log-group:${name}:*`;
const topicArn = (name: string) => `arn:aws:sns:us-east-1:${DEMO_ACCOUNT}:${name}`;
const keyArn = (region: string, id: string) => `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/${id}`;

const management = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
const s3Objects = (name: string, ...fields: AdvancedFieldSelector[]): AdvancedEventSelector => ({
  Name: name,
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...fields],
});

interface DemoTrail {
  trail: Trail;
  logging: boolean;
  selectors: { EventSelectors?: object[]; AdvancedEventSelectors?: object[] };
}

const trails: DemoTrail[] = [
  {
    // The account's own multi-region trail: everything right, and object-level logging for two buckets.
    trail: {
      Name: 'demo-management',
      TrailARN: `arn:aws:cloudtrail:us-east-1:${DEMO_ACCOUNT}:trail/demo-management`,
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      IsOrganizationTrail: false,
      IncludeGlobalServiceEvents: true,
      LogFileValidationEnabled: true,
      KmsKeyId: keyArn('us-east-1', 'demo-app-key'),
      S3BucketName: 'demo-us-web-uploads',
      S3KeyPrefix: 'cloudtrail',
      CloudWatchLogsLogGroupArn: logGroupArn(LOG_GROUP),
      CloudWatchLogsRoleArn: `arn:aws:iam::${DEMO_ACCOUNT}:role/cloudtrail-to-logs`,
    },
    logging: true,
    selectors: {
      AdvancedEventSelectors: [
        { Name: 'management', ...management },
        s3Objects('customer data, all object events', { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::demo-eu-customer-data/'] }),
        s3Objects(
          'central logs, reads',
          { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::demo-central-logs/'] },
          { Field: 'readOnly', Equals: ['true'] },
        ),
      ],
    },
  },
  {
    // A team's single-region trail: no validation, no KMS key, a bucket without access logs.
    trail: {
      Name: 'demo-eu-app',
      TrailARN: `arn:aws:cloudtrail:eu-west-1:${DEMO_ACCOUNT}:trail/demo-eu-app`,
      HomeRegion: 'eu-west-1',
      IsMultiRegionTrail: false,
      IsOrganizationTrail: false,
      LogFileValidationEnabled: false,
      S3BucketName: 'demo-eu-archive',
    },
    logging: true,
    selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] }] },
  },
  {
    // The organization's trail, seen from this member account (a shadow trail in every region).
    trail: {
      Name: 'org-audit',
      TrailARN: `arn:aws:cloudtrail:us-east-1:${ORG_MANAGEMENT}:trail/org-audit`,
      HomeRegion: 'us-east-1',
      IsMultiRegionTrail: true,
      IsOrganizationTrail: true,
      LogFileValidationEnabled: true,
      KmsKeyId: `arn:aws:kms:us-east-1:${ORG_MANAGEMENT}:key/org-trail-key`,
      S3BucketName: 'org-central-audit-archive',
    },
    logging: true,
    selectors: { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] },
  },
];

const trailByArn = (region: string, arn: unknown): DemoTrail => {
  const found = trails.find((t) => t.trail.TrailARN === arn || t.trail.Name === arn);
  if (!found) throw awsError('TrailNotFoundException', `Unknown trail: ${String(arn)}`);
  // CloudTrail answers for a trail only in its home region.
  if (found.trail.HomeRegion !== region) throw awsError('TrailNotFoundException', `Unknown trail: ${String(arn)} for the region ${region}`);
  return found;
};

export const cloudtrailHandlers: Handlers = {
  DescribeTrails: (region) => ({
    // A region sees its own trails and every multi-region trail (shadow trails).
    trailList: trails.map((t) => t.trail).filter((t) => t.HomeRegion === region || t.IsMultiRegionTrail),
  }),
  GetTrailStatus: (region, input) => ({ IsLogging: trailByArn(region, input.Name).logging, LatestDeliveryTime: daysAgo(0) }),
  GetEventSelectors: (region, input) => {
    const t = trailByArn(region, input.TrailName);
    return { TrailARN: t.trail.TrailARN, ...t.selectors };
  },
};

// ----- AWS Config: recording everything in us-east-1; stopped in eu-west-1.

const recorders: Partial<Record<string, { recording: boolean; global: boolean }>> = {
  'us-east-1': { recording: true, global: true },
  'eu-west-1': { recording: false, global: false },
};

export const configHandlers: Handlers = {
  DescribeConfigurationRecorders: (region) => {
    const r = recorders[region];
    return {
      ConfigurationRecorders: r
        ? [
            {
              name: 'default',
              roleARN: `arn:aws:iam::${DEMO_ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
              recordingGroup: { allSupported: true, includeGlobalResourceTypes: r.global, resourceTypes: [] },
            },
          ]
        : [],
    };
  },
  DescribeConfigurationRecorderStatus: (region) => {
    const r = recorders[region];
    return {
      ConfigurationRecordersStatus: r
        ? [{ name: 'default', recording: r.recording, lastStatus: r.recording ? 'SUCCESS' : 'PENDING', lastStartTime: daysAgo(200) }]
        : [],
    };
  },
  DescribeDeliveryChannels: (region) => ({
    DeliveryChannels: recorders[region] ? [{ name: 'default', s3BucketName: 'demo-central-logs' }] : [],
  }),
};

// ----- CloudWatch Logs: the metric filters of the trail's log group, and of a group no trail sends to.

const recommended = (cis: string): string => MONITORED_EVENTS.find((c) => c.cis === cis)!.recommended;
const metricFilter = (group: string, metric: string, filterPattern: string): MetricFilter => ({
  filterName: metric,
  filterPattern,
  logGroupName: group,
  creationTime: daysAgo(300).getTime(),
  metricTransformations: [{ metricName: metric, metricNamespace: 'CISBenchmark', metricValue: '1' }],
});

const metricFilters: Record<string, MetricFilter[]> = {
  [LOG_GROUP]: [
    // Right, and alarmed to a topic with a confirmed subscription: 4.1, 4.3, 4.10 pass.
    metricFilter(LOG_GROUP, 'UnauthorizedAPICalls', '{ ($.errorCode = "*UnauthorizedOperation") ||\n  ($.errorCode = "AccessDenied*") }'),
    metricFilter(LOG_GROUP, 'RootUsage', recommended('4.3')),
    metricFilter(
      LOG_GROUP,
      'SecurityGroupChanges',
      '{($.eventName=DeleteSecurityGroup)||($.eventName=CreateSecurityGroup)||($.eventName=RevokeSecurityGroupEgress)||($.eventName=RevokeSecurityGroupIngress)||($.eventName=AuthorizeSecurityGroupEgress)||($.eventName=AuthorizeSecurityGroupIngress)}',
    ),
    // Right, but its topic's only subscription was never confirmed (4.2), no alarm (4.6), an alarm with no action (4.7).
    metricFilter(LOG_GROUP, 'ConsoleSigninWithoutMFA', recommended('4.2')),
    metricFilter(LOG_GROUP, 'ConsoleAuthFailures', recommended('4.6')),
    metricFilter(LOG_GROUP, 'CMKDisableOrDeletion', recommended('4.7')),
    // Subtly wrong: StopLogging, the one change an intruder makes first, is missing (4.5).
    metricFilter(
      LOG_GROUP,
      'CloudTrailChanges',
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }',
    ),
    // A catch-all that "monitors" IAM policy changes by alarming on everything (4.4).
    metricFilter(LOG_GROUP, 'IAMPolicyChanges', '{ $.eventVersion = * }'),
  ],
  // A right filter for S3 bucket policy changes, on a group no trail sends to: it never fires (4.8).
  'demo-app-logs': [metricFilter('demo-app-logs', 'S3BucketPolicyChanges', recommended('4.8'))],
};

export const logsHandlers: Handlers = {
  DescribeMetricFilters: (region, input) => ({
    metricFilters: region === 'us-east-1' ? (metricFilters[String(input.logGroupName)] ?? []) : [],
  }),
};

// ----- CloudWatch alarms and SNS topics.

const metricAlarm = (metric: string, actions: string[]): MetricAlarm => ({
  AlarmName: `cis-${metric}`,
  AlarmArn: `arn:aws:cloudwatch:us-east-1:${DEMO_ACCOUNT}:alarm:cis-${metric}`,
  ActionsEnabled: true,
  AlarmActions: actions,
  OKActions: [],
  InsufficientDataActions: [],
  StateValue: 'OK',
  MetricName: metric,
  Namespace: 'CISBenchmark',
  Statistic: 'Sum',
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
});

const alarms: Partial<Record<string, MetricAlarm[]>> = {
  'us-east-1': [
    metricAlarm('UnauthorizedAPICalls', [topicArn('demo-security-alerts')]),
    metricAlarm('RootUsage', [topicArn('demo-security-alerts')]),
    metricAlarm('SecurityGroupChanges', [topicArn('demo-security-alerts')]),
    metricAlarm('ConsoleSigninWithoutMFA', [topicArn('demo-unconfirmed-alerts')]),
    metricAlarm('CMKDisableOrDeletion', []),
    metricAlarm('CloudTrailChanges', [topicArn('demo-security-alerts')]),
    metricAlarm('IAMPolicyChanges', [topicArn('demo-security-alerts')]),
    metricAlarm('S3BucketPolicyChanges', [topicArn('demo-security-alerts')]),
  ],
};

export const cloudwatchHandlers: Handlers = {
  DescribeAlarms: (region) => ({ MetricAlarms: byRegion(alarms, region), CompositeAlarms: [] }),
};

const subscriptionsOf: Record<string, Subscription[]> = {
  [topicArn('demo-security-alerts')]: [
    {
      SubscriptionArn: `${topicArn('demo-security-alerts')}:5f2c9d1e-0000-4000-8000-00000000aaaa`,
      Owner: DEMO_ACCOUNT,
      Protocol: 'email',
      Endpoint: 'security@example.com',
      TopicArn: topicArn('demo-security-alerts'),
    },
  ],
  [topicArn('demo-unconfirmed-alerts')]: [
    {
      SubscriptionArn: 'PendingConfirmation',
      Owner: DEMO_ACCOUNT,
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: topicArn('demo-unconfirmed-alerts'),
    },
  ],
};

export const snsSubscriptionHandlers: Handlers = {
  ListSubscriptionsByTopic: (_region, input) => {
    const subs = subscriptionsOf[String(input.TopicArn)];
    if (!subs) throw awsError('NotFound', 'Topic does not exist', 404);
    return { Subscriptions: subs };
  },
};

// ----- KMS keys.

interface DemoKey {
  meta: KeyMetadata;
  rotation?: boolean;
}
const key = (region: string, id: string, meta: Partial<KeyMetadata>, rotation?: boolean): DemoKey => ({
  meta: {
    AWSAccountId: DEMO_ACCOUNT,
    KeyId: id,
    Arn: keyArn(region, id),
    CreationDate: daysAgo(500),
    Enabled: true,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    ...meta,
  },
  rotation,
});

const keys: Partial<Record<string, DemoKey[]>> = {
  'us-east-1': [
    key('us-east-1', 'demo-app-key', { Description: 'application data' }, true),
    key('us-east-1', 'demo-legacy-key', { Description: 'legacy exports, never rotated' }, false),
    key('us-east-1', 'aws-managed-s3-key', { Description: 'Default key that protects my S3 objects', KeyManager: 'AWS' }),
  ],
  'eu-west-1': [
    key('eu-west-1', 'demo-eu-data-key', { Description: 'customer data' }, true),
    key('eu-west-1', 'demo-eu-signing', {
      KeySpec: 'RSA_2048',
      CustomerMasterKeySpec: 'RSA_2048',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['RSASSA_PSS_SHA_256'],
    }),
    key('eu-west-1', 'demo-eu-old', {
      Description: 'scheduled for deletion last week',
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: daysAgo(-23),
      PendingDeletionWindowInDays: 30,
    }),
  ],
};

const findKey = (region: string, id: unknown): DemoKey => {
  const found = byRegion(keys, region).find((k) => k.meta.KeyId === id || k.meta.Arn === id);
  if (!found) throw awsError('NotFoundException', `Key '${String(id)}' does not exist`);
  return found;
};

export const kmsKeyHandlers: Handlers = {
  ListKeys: (region) => ({ Keys: byRegion(keys, region).map((k) => ({ KeyId: k.meta.KeyId, KeyArn: k.meta.Arn })), Truncated: false }),
  DescribeKey: (region, input) => ({ KeyMetadata: findKey(region, input.KeyId).meta }),
  GetKeyRotationStatus: (region, input) => {
    const k = findKey(region, input.KeyId);
    if (k.rotation === undefined) throw awsError('UnsupportedOperationException', 'The key does not support automatic rotation');
    return { KeyRotationEnabled: k.rotation, KeyId: k.meta.Arn };
  },
};

// ----- Security Hub and GuardDuty: on in us-east-1, never turned on in eu-west-1.

export const securityhubHandlers: Handlers = {
  DescribeHub: (region) => {
    if (region !== 'us-east-1')
      throw awsError('InvalidAccessException', `Account ${DEMO_ACCOUNT} is not subscribed to AWS Security Hub`, 401);
    return {
      HubArn: `arn:aws:securityhub:us-east-1:${DEMO_ACCOUNT}:hub/default`,
      SubscribedAt: daysAgo(365).toISOString(),
      AutoEnableControls: true,
    };
  },
};

export const guarddutyHandlers: Handlers = {
  ListDetectors: (region) => ({ DetectorIds: region === 'us-east-1' ? ['6ec8a1f0d0e2b4c5demo'] : [] }),
  GetDetector: (region, input) => {
    if (region !== 'us-east-1' || input.DetectorId !== '6ec8a1f0d0e2b4c5demo')
      throw awsError('BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.');
    return {
      Status: 'ENABLED',
      ServiceRole: `arn:aws:iam::${DEMO_ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      CreatedAt: daysAgo(365).toISOString(),
    };
  },
};
