import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListKeysCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { GetBucketLoggingCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import bucketLogging from '../../../checks/abstracted/monitoring/cloudtrail-bucket-access-logging.js';
import kmsEncryption from '../../../checks/abstracted/monitoring/cloudtrail-kms-encryption.js';
import validation from '../../../checks/abstracted/monitoring/cloudtrail-log-file-validation.js';
import configRecorder from '../../../checks/abstracted/monitoring/config-recorder-enabled.js';
import guardduty from '../../../checks/abstracted/monitoring/guardduty-enabled.js';
import pendingDeletion from '../../../checks/abstracted/monitoring/kms-key-pending-deletion.js';
import rotation from '../../../checks/abstracted/monitoring/kms-key-rotation.js';
import objectRead from '../../../checks/abstracted/monitoring/s3-object-level-logging-read.js';
import objectWrite from '../../../checks/abstracted/monitoring/s3-object-level-logging-write.js';
import securityhub from '../../../checks/abstracted/monitoring/securityhub-enabled.js';
import { ACCOUNT, awsError, runCheck, verdicts } from '../../helpers/check-tester.js';

const ct = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const config = mockClient(ConfigServiceClient);
const kms = mockClient(KMSClient);
const hub = mockClient(SecurityHubClient);
const gd = mockClient(GuardDutyClient);
beforeEach(() => {
  for (const m of [ct, s3, config, kms, hub, gd]) m.reset();
});

const trail = (name: string, over: Partial<Trail> = {}): Trail => ({
  Name: name,
  TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  S3BucketName: `${name}-bucket`,
  ...over,
});

describe('per-trail checks: every trail once, in its home region', () => {
  it('3.2 log file validation and 3.5 KMS encryption', async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [
        trail('good', { LogFileValidationEnabled: true, KmsKeyId: 'arn:aws:kms:us-east-1:1:key/k' }),
        trail('bad', { HomeRegion: 'eu-west-1' }),
      ],
    });
    const v = await runCheck(validation, { regions: ['us-east-1', 'eu-west-1'] });
    expect(verdicts(v)).toEqual({ good: 'PASS', bad: 'FAIL' });
    expect(v.find((f) => f.resource.id === 'bad')?.region).toBe('eu-west-1');
    expect(verdicts(await runCheck(kmsEncryption))).toEqual({ good: 'PASS', bad: 'FAIL' });
  });

  it('3.4: the trail bucket’s access logging; a bucket of another account is NOT_APPLICABLE with the reason', async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [trail('logged'), trail('unlogged'), trail('central', { S3BucketName: 'org-archive' })],
    });
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'logged-bucket', BucketRegion: 'us-east-1' },
        { Name: 'unlogged-bucket', BucketRegion: 'us-east-1' },
      ],
      Owner: { ID: 'o' },
    });
    s3.on(GetBucketLoggingCommand, { Bucket: 'logged-bucket' }).resolves({
      LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'ct/' },
    });
    s3.on(GetBucketLoggingCommand, { Bucket: 'unlogged-bucket' }).resolves({});
    const findings = await runCheck(bucketLogging);
    expect(verdicts(findings)).toEqual({ logged: 'PASS', unlogged: 'FAIL', central: 'NOT_APPLICABLE' });
    expect(findings.find((f) => f.resource.id === 'central')?.message).toContain('s3://org-archive, a bucket of another account');
  });
});

describe('config-recorder-enabled (3.3, Config.1), per scanned region', () => {
  const recorder = (includeGlobalResourceTypes: boolean, allSupported = true) => ({
    name: 'default',
    roleARN: 'arn:aws:iam::1:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
    recordingGroup: { allSupported, includeGlobalResourceTypes },
  });
  function regions(state: Record<string, { recorders: object[]; recording?: boolean; lastStatus?: string; channel?: boolean }>) {
    const at = async (getClient: () => { config: { region: () => Promise<string> } }) => state[await getClient().config.region()]!;
    config
      .on(DescribeConfigurationRecordersCommand)
      .callsFake(async (_i, getClient) => ({ ConfigurationRecorders: (await at(getClient)).recorders }));
    config.on(DescribeConfigurationRecorderStatusCommand).callsFake(async (_i, getClient) => {
      const s = await at(getClient);
      return {
        ConfigurationRecordersStatus: s.recorders.length
          ? [{ name: 'default', recording: s.recording ?? true, lastStatus: s.lastStatus ?? 'SUCCESS' }]
          : [],
      };
    });
    config
      .on(DescribeDeliveryChannelsCommand)
      .callsFake(async (_i, getClient) => ({ DeliveryChannels: (await at(getClient)).channel === false ? [] : [{ name: 'default' }] }));
  }
  it('a recorder status without `recording` is an ERROR for its region, not a stopped recorder', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [recorder(true)] });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default' }] });
    config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [{ name: 'default' }] });
    expect((await runCheck(configRecorder))[0]).toMatchObject({ status: 'ERROR', message: expect.stringContaining('recording') });
  });
  it.each<
    [
      string,
      Record<string, { recorders: object[]; recording?: boolean; lastStatus?: string; channel?: boolean }>,
      Record<string, string>,
      string,
    ]
  >([
    [
      'both recording, global types in one',
      { 'us-east-1': { recorders: [recorder(true)] }, 'eu-west-1': { recorders: [recorder(false)] } },
      { 'us-east-1': 'PASS', 'eu-west-1': 'PASS' },
      '',
    ],
    [
      'no recorder in one region',
      { 'us-east-1': { recorders: [recorder(true)] }, 'eu-west-1': { recorders: [] } },
      { 'us-east-1': 'PASS', 'eu-west-1': 'FAIL' },
      'no configuration recorder',
    ],
    [
      'stopped',
      { 'us-east-1': { recorders: [recorder(true)] }, 'eu-west-1': { recorders: [recorder(false)], recording: false } },
      { 'us-east-1': 'PASS', 'eu-west-1': 'FAIL' },
      'is not recording',
    ],
    [
      'last status failure',
      { 'us-east-1': { recorders: [recorder(true)] }, 'eu-west-1': { recorders: [recorder(false)], lastStatus: 'FAILURE' } },
      { 'us-east-1': 'PASS', 'eu-west-1': 'FAIL' },
      'last recording failed',
    ],
    [
      'selected types only',
      { 'us-east-1': { recorders: [recorder(true)] }, 'eu-west-1': { recorders: [recorder(false, false)] } },
      { 'us-east-1': 'PASS', 'eu-west-1': 'FAIL' },
      'only selected resource types',
    ],
    [
      'no delivery channel',
      { 'us-east-1': { recorders: [recorder(true)] }, 'eu-west-1': { recorders: [recorder(false)], channel: false } },
      { 'us-east-1': 'PASS', 'eu-west-1': 'FAIL' },
      'no delivery channel',
    ],
    [
      'global types nowhere',
      { 'us-east-1': { recorders: [recorder(false)] }, 'eu-west-1': { recorders: [recorder(false)] } },
      { 'us-east-1': 'FAIL', 'eu-west-1': 'FAIL' },
      'global resource types',
    ],
  ])('%s', async (_, state, expected, message) => {
    regions(state);
    const findings = await runCheck(configRecorder, { regions: ['us-east-1', 'eu-west-1'] });
    expect(Object.fromEntries(findings.map((f) => [f.region, f.status]))).toEqual(expected);
    if (message) expect(findings.find((f) => f.status === 'FAIL')?.message).toContain(message);
  });
});

describe('KMS: rotation (3.6, KMS.4) for keys in scope, pending deletion (KMS.3)', () => {
  const key = (id: string, over: Partial<KeyMetadata> = {}): KeyMetadata => ({
    KeyId: id,
    Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`,
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    Origin: 'AWS_KMS',
    KeyState: 'Enabled',
    ...over,
  });
  const keys = [
    key('rotating'),
    key('still'),
    key('aws', { KeyManager: 'AWS' }),
    key('rsa', { KeySpec: 'RSA_2048' }),
    key('hmac', { KeySpec: 'HMAC_256' }),
    key('imported', { Origin: 'EXTERNAL' }),
    key('doomed', { KeyState: 'PendingDeletion', DeletionDate: new Date('2026-12-01T00:00:00Z') }),
  ];
  beforeEach(() => {
    kms.on(ListKeysCommand).resolves({ Keys: keys.map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })), Truncated: false });
    for (const k of keys) kms.on(DescribeKeyCommand, { KeyId: k.KeyId }).resolves({ KeyMetadata: k });
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'rotating' }).resolves({ KeyRotationEnabled: true });
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'still' }).resolves({ KeyRotationEnabled: false });
  });
  it('rotation is asked only for enabled customer-managed symmetric keys; the others say why they are out of scope', async () => {
    const findings = await runCheck(rotation);
    expect(verdicts(findings)).toEqual({
      rotating: 'PASS',
      still: 'FAIL',
      aws: 'NOT_APPLICABLE',
      rsa: 'NOT_APPLICABLE',
      hmac: 'NOT_APPLICABLE',
      imported: 'NOT_APPLICABLE',
      doomed: 'NOT_APPLICABLE',
    });
    expect(
      kms
        .commandCalls(GetKeyRotationStatusCommand)
        .map((c) => c.args[0].input.KeyId)
        .sort(),
    ).toEqual(['rotating', 'still']);
    const why = Object.fromEntries(findings.map((f) => [f.resource.id, f.message]));
    expect(why.aws).toContain('AWS managed');
    expect(why.rsa).toContain('symmetric encryption keys only');
    expect(why.imported).toContain('imported key material');
    expect(why.doomed).toContain('pending deletion');
  });
  it('a key scheduled for deletion FAILs with its date; AWS managed keys are not judged', async () => {
    const findings = await runCheck(pendingDeletion);
    expect(findings.find((f) => f.resource.id === 'doomed')).toMatchObject({
      status: 'FAIL',
      message: expect.stringContaining('2026-12-01'),
    });
    expect(verdicts(findings).rotating).toBe('PASS');
    expect(verdicts(findings).aws).toBeUndefined();
  });
  it('a rotation status without KeyRotationEnabled is an ERROR for that key', async () => {
    kms.on(GetKeyRotationStatusCommand, { KeyId: 'still' }).resolves({});
    expect(verdicts(await runCheck(rotation)).still).toBe('ERROR');
  });
});

describe('S3 object-level logging (3.8 write, 3.9 read), per bucket', () => {
  beforeEach(() => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [trail('data')] });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'watched', BucketRegion: 'us-east-1' },
        { Name: 'unwatched', BucketRegion: 'us-east-1' },
      ],
      Owner: { ID: 'o' },
    });
  });
  it('a basic selector naming one bucket for writes covers that bucket’s writes only', async () => {
    ct.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [
        {
          ReadWriteType: 'WriteOnly',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::watched/'] }],
        },
      ],
    });
    expect(verdicts(await runCheck(objectWrite))).toEqual({ watched: 'PASS', unwatched: 'FAIL' });
    expect(verdicts(await runCheck(objectRead))).toEqual({ watched: 'FAIL', unwatched: 'FAIL' });
  });
  it('an advanced selector excluding one bucket covers the others, reads and writes', async () => {
    ct.on(GetEventSelectorsCommand).resolves({
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::unwatched/'] },
          ],
        },
      ],
    });
    expect(verdicts(await runCheck(objectRead))).toEqual({ watched: 'PASS', unwatched: 'FAIL' });
    const findings = await runCheck(objectWrite);
    expect(findings.find((f) => f.resource.id === 'unwatched')?.message).toContain('objects of the bucket are excluded');
  });
  it('a trail that is not logging covers nothing', async () => {
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    ct.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [
        { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
      ],
    });
    expect(verdicts(await runCheck(objectWrite))).toEqual({ watched: 'FAIL', unwatched: 'FAIL' });
  });
  it('selectors that cannot be read are an ERROR, not a FAIL', async () => {
    ct.on(GetEventSelectorsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    expect(verdicts(await runCheck(objectWrite))).toEqual({ watched: 'ERROR', unwatched: 'ERROR' });
  });
});

describe('Security Hub (4.16) and GuardDuty (GuardDuty.1), per region', () => {
  it('DescribeHub: a hub PASSes, InvalidAccessException (not subscribed) FAILs, AccessDenied is an ERROR', async () => {
    hub.on(DescribeHubCommand).resolves({ HubArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default` });
    expect((await runCheck(securityhub))[0]?.status).toBe('PASS');
    hub.on(DescribeHubCommand).rejects(awsError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`));
    expect((await runCheck(securityhub))[0]?.status).toBe('FAIL');
    hub.on(DescribeHubCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    expect((await runCheck(securityhub))[0]?.status).toBe('ERROR');
  });
  it('GuardDuty: an ENABLED detector PASSes; a suspended one or none FAILs', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r' });
    expect((await runCheck(guardduty))[0]?.status).toBe('PASS');
    gd.on(GetDetectorCommand).resolves({ Status: 'DISABLED', ServiceRole: 'r' });
    expect((await runCheck(guardduty))[0]).toMatchObject({ status: 'FAIL', message: expect.stringContaining('d1 is DISABLED') });
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    expect((await runCheck(guardduty))[0]?.message).toContain('No GuardDuty detector');
  });
});
