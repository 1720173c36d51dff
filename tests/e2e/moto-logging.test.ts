/**
 * End to end against moto (5.2): the logging and monitoring checks read CloudTrail, Config,
 * CloudWatch Logs, CloudWatch, SNS, KMS, Security Hub and GuardDuty from a seeded emulator on
 * loopback, through the real binary. Every call these checks make is implemented by moto 5.2;
 * where its answer lacks what AWS always sends, the check must say so (an ERROR naming the
 * call), never invent a verdict. Skipped where moto is not installed.
 */
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GuardDutyClient, CreateDetectorCommand } from '@aws-sdk/client-guardduty';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONITORED_EVENTS } from '../../src/analysis/monitoring-corpus.js';
import type { ReportDocument } from '../../src/report/model.js';
import { MOTO_AVAILABLE, scanMoto, startMoto, type MotoServer } from '../helpers/moto.js';

const CHECKS = [
  'cloudtrail-multi-region-enabled',
  'cloudtrail-log-file-validation',
  'cloudtrail-kms-encryption',
  's3-object-level-logging-write',
  'config-recorder-enabled',
  'kms-key-rotation',
  'kms-key-pending-deletion',
  'securityhub-enabled',
  'guardduty-enabled',
  'cloudwatch-alarm-root-usage',
  'cloudwatch-alarm-cloudtrail-changes',
];

describe.skipIf(!MOTO_AVAILABLE)('logging and monitoring against a moto server', () => {
  let moto: MotoServer | undefined;
  let report: ReportDocument;
  const keyIds: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    const config = moto.config;
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'trail-bucket' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'data-bucket' }));

    const logs = new CloudWatchLogsClient(config);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'trail-logs' }));
    const root = MONITORED_EVENTS.find((c) => c.key === 'root-usage')!;
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'trail-logs',
        filterName: 'root',
        filterPattern: root.recommended,
        metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }],
      }),
    );
    // Subtly wrong: StopLogging is missing.
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'trail-logs',
        filterName: 'trail-changes',
        filterPattern:
          '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }',
        metricTransformations: [{ metricName: 'TrailChanges', metricNamespace: 'CIS', metricValue: '1' }],
      }),
    );

    const sns = new SNSClient(config);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'security-alerts' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:alerts' }));
    const cw = new CloudWatchClient(config);
    for (const metric of ['RootUsage', 'TrailChanges']) {
      await cw.send(
        new PutMetricAlarmCommand({
          AlarmName: metric,
          MetricName: metric,
          Namespace: 'CIS',
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [TopicArn!],
        }),
      );
    }

    const ct = new CloudTrailClient(config);
    await ct.send(
      new CreateTrailCommand({
        Name: 'management',
        S3BucketName: 'trail-bucket',
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*`,
        CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/cloudtrail-logs',
      }),
    );
    await ct.send(new StartLoggingCommand({ Name: 'management' }));
    await ct.send(
      new PutEventSelectorsCommand({
        TrailName: 'management',
        EventSelectors: [
          {
            ReadWriteType: 'All',
            IncludeManagementEvents: true,
            DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::data-bucket/'] }],
          },
        ],
      }),
    );

    const kms = new KMSClient(config);
    for (const name of ['rotating', 'still']) {
      const key = await kms.send(new CreateKeyCommand({ Description: name }));
      keyIds[name] = key.KeyMetadata!.KeyId!;
    }
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyIds.rotating }));

    await new GuardDutyClient(config).send(new CreateDetectorCommand({ Enable: true }));
    await new SecurityHubClient(config).send(new EnableSecurityHubCommand({}));

    report = scanMoto(moto, ['--regions', 'us-east-1', '--checks', CHECKS.join(',')]).report;
  }, 120_000);

  afterAll(() => moto?.stop());

  const finding = (checkId: string, resourceId?: string) =>
    report.findings.find(
      (f) => f.checkId === checkId && (resourceId === undefined || f.resource.id === resourceId || f.resource.name === resourceId),
    );

  it('finds the multi-region trail logging management events, with validation on and no KMS key', () => {
    expect(finding('cloudtrail-multi-region-enabled')?.status).toBe('PASS');
    expect(finding('cloudtrail-log-file-validation', 'management')?.status).toBe('PASS');
    expect(finding('cloudtrail-kms-encryption', 'management')?.status).toBe('FAIL');
  });

  it('judges object-level logging per bucket from the basic data-event selector', () => {
    expect(finding('s3-object-level-logging-write', 'data-bucket')?.status).toBe('PASS');
    expect(finding('s3-object-level-logging-write', 'trail-bucket')?.status).toBe('FAIL');
  });

  it('follows the monitoring chain: the right root filter passes, the filter missing StopLogging fails at link 3', () => {
    const rootUsage = finding('cloudwatch-alarm-root-usage');
    expect(rootUsage?.status, rootUsage?.message).toBe('PASS');
    const changes = finding('cloudwatch-alarm-cloudtrail-changes');
    expect(changes?.status).toBe('FAIL');
    expect(changes?.message).toContain('Link 3 of 6');
    expect(changes?.message).toContain('StopLogging');
  });

  it('asks the rotation of customer keys, and finds GuardDuty and Security Hub on', () => {
    expect(finding('kms-key-rotation', keyIds.rotating)?.status).toBe('PASS');
    expect(finding('kms-key-rotation', keyIds.still)?.status).toBe('FAIL');
    expect(finding('kms-key-pending-deletion', keyIds.still)?.status).toBe('PASS');
    expect(finding('guardduty-enabled')?.status).toBe('PASS');
    expect(finding('securityhub-enabled')?.status).toBe('PASS');
  });

  it('without a Config recorder, AWS Config FAILs (moto answers the three reads)', () => {
    expect(finding('config-recorder-enabled')?.status).toBe('FAIL');
    expect(finding('config-recorder-enabled')?.message).toContain('no configuration recorder');
  });

  it('gives every check a verdict, and no ERROR is an internal error', () => {
    for (const id of CHECKS)
      expect(
        report.findings.some((f) => f.checkId === id),
        id,
      ).toBe(true);
    for (const f of report.findings.filter((x) => x.status === 'ERROR')) expect(f.message).not.toMatch(/internal error/);
  });
});
