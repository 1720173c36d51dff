import { BackupClient, ListProtectedResourcesCommand } from '@aws-sdk/client-backup';
import {
  DescribeAccessPointsCommand,
  DescribeBackupPolicyCommand,
  DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand,
  EFSClient,
} from '@aws-sdk/client-efs';
import { GetVaultAccessPolicyCommand, GetVaultLockCommand, GlacierClient, ListVaultsCommand } from '@aws-sdk/client-glacier';
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetResourcePolicyCommand, ListSecretsCommand, SecretsManagerClient, type SecretListEntry } from '@aws-sdk/client-secrets-manager';
import {
  GetIdentityDkimAttributesCommand,
  GetIdentityPoliciesCommand,
  GetIdentityVerificationAttributesCommand,
  ListIdentitiesCommand,
  ListIdentityPoliciesCommand,
  SESClient,
} from '@aws-sdk/client-ses';
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import rootDir from '../../../../checks/abstracted/services/efs/efs-access-point-root-directory.js';
import userIdentity from '../../../../checks/abstracted/services/efs/efs-access-point-user-identity.js';
import efsResidency from '../../../../checks/abstracted/services/efs/efs-data-residency.js';
import efsEncrypted from '../../../../checks/abstracted/services/efs/efs-encrypted.js';
import efsPublic from '../../../../checks/abstracted/services/efs/efs-file-system-not-public.js';
import efsBackup from '../../../../checks/abstracted/services/efs/efs-in-backup-plan.js';
import vaultExternal from '../../../../checks/abstracted/services/glacier/glacier-vault-external-access.js';
import vaultLock from '../../../../checks/abstracted/services/glacier/glacier-vault-lock.js';
import vaultPublic from '../../../../checks/abstracted/services/glacier/glacier-vault-not-public.js';
import keyExternal from '../../../../checks/abstracted/services/kms/kms-key-external-access.js';
import keyFull from '../../../../checks/abstracted/services/kms/kms-key-no-full-access-untrusted.js';
import keyPublic from '../../../../checks/abstracted/services/kms/kms-key-not-public.js';
import rotatedRecently from '../../../../checks/abstracted/services/secretsmanager/secretsmanager-rotated-recently.js';
import rotationEnabled from '../../../../checks/abstracted/services/secretsmanager/secretsmanager-rotation-enabled.js';
import rotationSucceeding from '../../../../checks/abstracted/services/secretsmanager/secretsmanager-rotation-succeeding.js';
import secretPublic from '../../../../checks/abstracted/services/secretsmanager/secretsmanager-secret-not-public.js';
import unused from '../../../../checks/abstracted/services/secretsmanager/secretsmanager-unused-secrets.js';
import dkim from '../../../../checks/abstracted/services/ses/ses-domain-dkim-enabled.js';
import sesPublic from '../../../../checks/abstracted/services/ses/ses-identity-not-public.js';
import topicEncrypted from '../../../../checks/abstracted/services/sns/sns-topic-kms-encrypted.js';
import topicExternal from '../../../../checks/abstracted/services/sns/sns-topic-external-access.js';
import topicPublic from '../../../../checks/abstracted/services/sns/sns-topic-not-public.js';
import queueResidency from '../../../../checks/abstracted/services/sqs/sqs-data-residency.js';
import queueEncrypted from '../../../../checks/abstracted/services/sqs/sqs-queue-encrypted.js';
import queueExternal from '../../../../checks/abstracted/services/sqs/sqs-queue-external-access.js';
import queuePublic from '../../../../checks/abstracted/services/sqs/sqs-queue-not-public.js';
import { ACCOUNT, awsError, findingFor, runAll, runCheck, verdicts } from '../../../helpers/check-tester.js';

const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const ses = mockClient(SESClient);
const glacier = mockClient(GlacierClient);
const kms = mockClient(KMSClient);
const secrets = mockClient(SecretsManagerClient);
const efs = mockClient(EFSClient);
const backup = mockClient(BackupClient);
const orgs = mockClient(OrganizationsClient);

beforeEach(() => {
  for (const m of [sqs, sns, ses, glacier, kms, secrets, efs, backup, orgs]) m.reset();
  orgs.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'not in an organization'));
});

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const STRANGER = '999988887777';
const PARTNER = '111122223333';

describe('SQS', () => {
  const url = (name: string) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
  const arn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

  it('a region without queues answers without QueueUrls: no queues when SQS sent it, an ERROR for a bare 200', async () => {
    sqs.on(ListQueuesCommand).resolves({ $metadata: { requestId: 'c1d2e3' } });
    expect(await runCheck(queueEncrypted)).toEqual([]);
    sqs.on(ListQueuesCommand).resolves({});
    expect((await runCheck(queueEncrypted)).map((f) => f.status)).toEqual(['ERROR']);
  });

  it('SQS.1: SSE-SQS or SSE-KMS passes, neither fails; a queue whose attributes cannot be read is an ERROR alone', async () => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('sse'), url('kms'), url('plain'), url('denied')] });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: url('sse') })
      .resolves({ Attributes: { QueueArn: arn('sse'), SqsManagedSseEnabled: 'true' } });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: url('kms') })
      .resolves({ Attributes: { QueueArn: arn('kms'), KmsMasterKeyId: 'alias/aws/sqs' } });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: url('plain') })
      .resolves({ Attributes: { QueueArn: arn('plain'), SqsManagedSseEnabled: 'false' } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('denied') }).rejects(awsError('AccessDenied', 'no', 403));
    expect(verdicts(await runCheck(queueEncrypted))).toEqual({ sse: 'PASS', kms: 'PASS', plain: 'FAIL', denied: 'ERROR' });
  });

  it('SQS.3 and external access: SNS of another account by aws:SourceArn is external, not public; "*" is both', async () => {
    const fromTopic = (name: string, account: string) =>
      doc({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: arn(name),
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${account}:topic` } },
      });
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('own'), url('vendor'), url('open'), url('nopolicy')] });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: url('own') })
      .resolves({ Attributes: { QueueArn: arn('own'), Policy: fromTopic('own', ACCOUNT) } });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: url('vendor') })
      .resolves({ Attributes: { QueueArn: arn('vendor'), Policy: fromTopic('vendor', STRANGER) } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('open') }).resolves({
      Attributes: {
        QueueArn: arn('open'),
        Policy: doc({ Sid: 'Any', Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: arn('open') }),
      },
    });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('nopolicy') }).resolves({ Attributes: { QueueArn: arn('nopolicy') } });
    expect(verdicts(await runCheck(queuePublic))).toEqual({ own: 'PASS', vendor: 'PASS', open: 'FAIL', nopolicy: 'PASS' });
    const external = await runCheck(queueExternal);
    expect(verdicts(external)).toEqual({ own: 'PASS', vendor: 'FAIL', open: 'FAIL', nopolicy: 'PASS' });
    expect(findingFor(external, 'vendor').message).toContain(STRANGER);
    // Public write is critical; another account's write high.
    expect(findingFor(external, 'open').severity).toBe('critical');
    expect(findingFor(external, 'vendor').severity).toBe('high');
    expect(findingFor(external, 'vendor').evidence?.zoneOfTrust).toEqual({ accountId: ACCOUNT, trustedAccountIds: [] });
  });

  it('residency: each queue is judged in its own region', async () => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('q')] });
    expect(verdicts(await runCheck(queueResidency, { options: { allowedRegions: ['eu-west-1'] } }))).toEqual({ q: 'FAIL' });
    expect(verdicts(await runCheck(queueResidency, { options: { allowedRegions: ['us-east-1'] } }))).toEqual({ q: 'PASS' });
  });
});

describe('SNS', () => {
  const arn = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;
  const defaultPolicy = (name: string) =>
    doc({
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:Publish', 'SNS:Subscribe', 'SNS:SetTopicAttributes'],
      Resource: arn(name),
      Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    });

  it('SNS.4: the default policy ("AWS":"*" with aws:SourceOwner) passes; "*" without a condition fails; SNS.1 needs a KMS key', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: arn('default') }, { TopicArn: arn('open') }] });
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('default') }).resolves({
      Attributes: { TopicArn: arn('default'), Policy: defaultPolicy('default'), KmsMasterKeyId: 'alias/aws/sns' },
    });
    sns.on(GetTopicAttributesCommand, { TopicArn: arn('open') }).resolves({
      Attributes: {
        TopicArn: arn('open'),
        Policy: doc({ Sid: 'Any', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Subscribe', Resource: arn('open') }),
      },
    });
    expect(verdicts(await runCheck(topicPublic))).toEqual({ default: 'PASS', open: 'FAIL' });
    expect(verdicts(await runCheck(topicExternal))).toEqual({ default: 'PASS', open: 'FAIL' });
    expect(verdicts(await runCheck(topicEncrypted))).toEqual({ default: 'PASS', open: 'FAIL' });
  });

  it('an answer without Attributes is an ERROR, never "no policy"', async () => {
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: arn('t') }] });
    sns.on(GetTopicAttributesCommand).resolves({});
    expect(verdicts(await runCheck(topicPublic))).toEqual({ t: 'ERROR' });
  });
});

describe('SES', () => {
  it('sending-authorization policies: "*" fails naming the policy; DKIM on verified domains only', async () => {
    ses.on(ListIdentitiesCommand).resolves({ Identities: ['example.com', 'old.example', 'me@example.com', 'pending.example'] });
    ses.on(GetIdentityVerificationAttributesCommand).resolves({
      VerificationAttributes: {
        'example.com': { VerificationStatus: 'Success' },
        'old.example': { VerificationStatus: 'Success' },
        'me@example.com': { VerificationStatus: 'Success' },
        'pending.example': { VerificationStatus: 'Pending' },
      },
    });
    ses.on(GetIdentityDkimAttributesCommand).resolves({
      DkimAttributes: {
        'example.com': { DkimEnabled: true, DkimVerificationStatus: 'Success' },
        'old.example': { DkimEnabled: false, DkimVerificationStatus: 'NotStarted' },
        'me@example.com': { DkimEnabled: false, DkimVerificationStatus: 'NotStarted' },
        'pending.example': { DkimEnabled: false, DkimVerificationStatus: 'NotStarted' },
      },
    });
    expect(verdicts(await runCheck(dkim))).toEqual({
      'example.com': 'PASS',
      'old.example': 'FAIL',
      'me@example.com': 'NOT_APPLICABLE',
      'pending.example': 'NOT_APPLICABLE',
    });
    ses.on(ListIdentityPoliciesCommand).resolves({ PolicyNames: [] });
    ses.on(ListIdentityPoliciesCommand, { Identity: 'example.com' }).resolves({ PolicyNames: ['relay'] });
    ses.on(GetIdentityPoliciesCommand, { Identity: 'example.com' }).resolves({
      Policies: { relay: doc({ Sid: 'AnyoneSends', Effect: 'Allow', Principal: '*', Action: 'ses:SendEmail', Resource: '*' }) },
    });
    const findings = await runCheck(sesPublic);
    expect(verdicts(findings)).toEqual({
      'example.com': 'FAIL',
      'old.example': 'PASS',
      'me@example.com': 'PASS',
      'pending.example': 'PASS',
    });
    expect(findingFor(findings, 'example.com').message).toContain('policy "relay"');
    expect(ses.commandCalls(GetIdentityPoliciesCommand)).toHaveLength(1);
  });
});

describe('Glacier', () => {
  const arn = (name: string) => `arn:aws:glacier:us-east-1:${ACCOUNT}:vaults/${name}`;
  beforeEach(() =>
    glacier.on(ListVaultsCommand).resolves({
      VaultList: ['locked', 'open', 'bare'].map((n) => ({ VaultName: n, VaultARN: arn(n) })),
    }),
  );

  it('ResourceNotFoundException is "no policy" and "no lock"; other errors are ERRORs', async () => {
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'locked' }).resolves({
      policy: {
        Policy: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
          Action: 'glacier:InitiateJob',
          Resource: arn('locked'),
        }),
      },
    });
    glacier.on(GetVaultAccessPolicyCommand, { vaultName: 'open' }).resolves({
      policy: { Policy: doc({ Sid: 'Up', Effect: 'Allow', Principal: '*', Action: 'glacier:UploadArchive', Resource: arn('open') }) },
    });
    glacier
      .on(GetVaultAccessPolicyCommand, { vaultName: 'bare' })
      .rejects(awsError('ResourceNotFoundException', 'No vault access policy is set', 404));
    expect(verdicts(await runCheck(vaultPublic))).toEqual({ locked: 'PASS', open: 'FAIL', bare: 'PASS' });
    // The partner is outside the zone unless trusted.
    expect(verdicts(await runCheck(vaultExternal))).toEqual({ locked: 'FAIL', open: 'FAIL', bare: 'PASS' });
    expect(verdicts(await runCheck(vaultExternal, { options: { trustedAccountIds: [PARTNER] } }))).toEqual({
      locked: 'PASS',
      open: 'FAIL',
      bare: 'PASS',
    });

    glacier.on(GetVaultLockCommand, { vaultName: 'locked' }).resolves({ State: 'Locked', Policy: '{}' });
    glacier.on(GetVaultLockCommand, { vaultName: 'open' }).resolves({ State: 'InProgress', Policy: '{}' });
    glacier.on(GetVaultLockCommand, { vaultName: 'bare' }).rejects(awsError('AccessDeniedException', 'no', 403));
    expect(verdicts(await runCheck(vaultLock, { options: { glacierRequireVaultLock: true } }))).toEqual({
      locked: 'PASS',
      open: 'FAIL',
      bare: 'ERROR',
    });
    expect((await runCheck(vaultLock)).map((f) => f.status)).toEqual(['NOT_APPLICABLE']);
  });
});

describe('KMS', () => {
  const arn = (id: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`;
  const admin = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

  it('KMS.5, external access and kms:* to an untrusted account; AWS managed keys are not judged', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: ['own', 'vendor', 'partner', 'open', 'aws'].map((KeyId) => ({ KeyId })), Truncated: false });
    for (const id of ['own', 'vendor', 'partner', 'open', 'aws'])
      kms
        .on(DescribeKeyCommand, { KeyId: id })
        .resolves({ KeyMetadata: { KeyId: id, Arn: arn(id), KeyManager: id === 'aws' ? 'AWS' : 'CUSTOMER' } });
    kms.on(GetKeyPolicyCommand, { KeyId: 'own' }).resolves({ Policy: doc(admin) });
    kms.on(GetKeyPolicyCommand, { KeyId: 'vendor' }).resolves({
      Policy: doc(admin, {
        Sid: 'Vendor',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${STRANGER}:root` },
        Action: 'kms:*',
        Resource: '*',
      }),
    });
    kms.on(GetKeyPolicyCommand, { KeyId: 'partner' }).resolves({
      Policy: doc(admin, {
        Sid: 'Partner',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
        Action: 'kms:*',
        Resource: '*',
      }),
    });
    kms.on(GetKeyPolicyCommand, { KeyId: 'open' }).resolves({
      Policy: doc(admin, { Sid: 'Any', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }),
    });
    const options = { trustedAccountIds: [PARTNER] };
    expect(verdicts(await runCheck(keyPublic, { options }))).toEqual({ own: 'PASS', vendor: 'PASS', partner: 'PASS', open: 'FAIL' });
    expect(verdicts(await runCheck(keyExternal, { options }))).toEqual({ own: 'PASS', vendor: 'FAIL', partner: 'PASS', open: 'FAIL' });
    const full = await runCheck(keyFull, { options });
    expect(verdicts(full)).toEqual({ own: 'PASS', vendor: 'FAIL', partner: 'PASS', open: 'PASS' });
    expect(findingFor(full, 'vendor').message).toContain('"Vendor"');
    expect(kms.commandCalls(GetKeyPolicyCommand).some((c) => c.args[0].input.KeyId === 'aws')).toBe(false);
  });

  it('a malformed key policy is an ERROR naming the parse failure, never a PASS', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'k' }], Truncated: false });
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: arn('k'), KeyManager: 'CUSTOMER' } });
    kms.on(GetKeyPolicyCommand).resolves({ Policy: '{"Statement": 7' });
    expect(verdicts(await runCheck(keyPublic))).toEqual({ k: 'ERROR' });
  });
});

describe('Secrets Manager', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const secret = (name: string, fields: Partial<SecretListEntry>): SecretListEntry => ({
    Name: name,
    ARN: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-AbCdEf`,
    CreatedDate: ago(400),
    ...fields,
  });

  it('SecretsManager.1-4 from ListSecrets alone', async () => {
    secrets.on(ListSecretsCommand).resolves({
      SecretList: [
        secret('healthy', {
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: ago(10),
          NextRotationDate: ago(-20),
          LastAccessedDate: ago(1),
        }),
        secret('failing', {
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: ago(100),
          LastAccessedDate: ago(2),
        }),
        secret('static', { LastAccessedDate: ago(120) }),
        secret('never-read', { CreatedDate: ago(10) }),
      ],
    });
    expect(verdicts(await runCheck(rotationEnabled, { now }))).toEqual({
      healthy: 'PASS',
      failing: 'PASS',
      static: 'FAIL',
      'never-read': 'FAIL',
    });
    expect(verdicts(await runCheck(rotationSucceeding, { now }))).toEqual({
      healthy: 'PASS',
      failing: 'FAIL',
      static: 'NOT_APPLICABLE',
      'never-read': 'NOT_APPLICABLE',
    });
    expect(verdicts(await runCheck(unused, { now }))).toEqual({ healthy: 'PASS', failing: 'PASS', static: 'FAIL', 'never-read': 'PASS' });
    expect(verdicts(await runCheck(rotatedRecently, { now }))).toEqual({
      healthy: 'PASS',
      failing: 'FAIL',
      static: 'FAIL',
      'never-read': 'PASS',
    });
    expect(verdicts(await runCheck(unused, { now, options: { secretsUnusedDays: 150 } })).static).toBe('PASS');
    // The four checks in one scan share one listing.
    secrets.resetHistory();
    await runAll([rotationEnabled, rotationSucceeding, unused, rotatedRecently], { now });
    expect(secrets.commandCalls(ListSecretsCommand)).toHaveLength(1);
  });

  it('no ResourcePolicy in a 200 naming the secret is "no policy"; an answer without the ARN is an ERROR', async () => {
    const a = secret('a', {});
    const b = secret('b', {});
    const c = secret('c', {});
    secrets.on(ListSecretsCommand).resolves({ SecretList: [a, b, c] });
    secrets.on(GetResourcePolicyCommand, { SecretId: a.ARN }).resolves({ ARN: a.ARN, Name: 'a' });
    secrets.on(GetResourcePolicyCommand, { SecretId: b.ARN }).resolves({});
    secrets.on(GetResourcePolicyCommand, { SecretId: c.ARN }).resolves({
      ARN: c.ARN,
      Name: 'c',
      ResourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
    });
    expect(verdicts(await runCheck(secretPublic))).toEqual({ a: 'PASS', b: 'ERROR', c: 'FAIL' });
  });
});

describe('EFS', () => {
  const arn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${id}`;
  beforeEach(() =>
    efs.on(DescribeFileSystemsCommand).resolves({
      FileSystems: [
        { FileSystemId: 'fs-auto', FileSystemArn: arn('fs-auto'), Encrypted: true } as never,
        { FileSystemId: 'fs-plan', FileSystemArn: arn('fs-plan'), Encrypted: false } as never,
        { FileSystemId: 'fs-none', FileSystemArn: arn('fs-none') } as never,
      ],
    }),
  );

  it('EFS.1 (CIS 2.4.1 / 2.3.1): a missing Encrypted is an ERROR', async () => {
    expect(verdicts(await runCheck(efsEncrypted))).toEqual({ 'fs-auto': 'PASS', 'fs-plan': 'FAIL', 'fs-none': 'ERROR' });
    expect(efsEncrypted.compliance).toEqual({ 'cis-aws-3.0': ['2.4.1'], 'cis-aws-5.0': ['2.3.1'], 'aws-fsbp': ['EFS.1'] });
  });

  it('EFS.2: automatic backups, or recovery points in AWS Backup; PolicyNotFound means automatic backups are off', async () => {
    efs.on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-auto' }).resolves({ BackupPolicy: { Status: 'ENABLED' } });
    efs.on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-plan' }).resolves({ BackupPolicy: { Status: 'DISABLED' } });
    efs.on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-none' }).rejects(awsError('PolicyNotFound', 'None', 404));
    backup.on(ListProtectedResourcesCommand).resolves({ Results: [{ ResourceArn: arn('fs-plan'), ResourceType: 'EFS' }] });
    expect(verdicts(await runCheck(efsBackup))).toEqual({ 'fs-auto': 'PASS', 'fs-plan': 'PASS', 'fs-none': 'FAIL' });
  });

  it('file-system policies: PolicyNotFound is the default policy (PASS); "*" without a condition fails', async () => {
    efs.on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-auto' }).rejects(awsError('PolicyNotFound', 'None', 404));
    efs.on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-plan' }).resolves({
      Policy: doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'elasticfilesystem:ClientMount', Resource: arn('fs-plan') }),
    });
    efs.on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-none' }).rejects(awsError('FileSystemNotFound', 'gone', 404));
    expect(verdicts(await runCheck(efsPublic))).toEqual({ 'fs-auto': 'PASS', 'fs-plan': 'FAIL', 'fs-none': 'ERROR' });
  });

  it('EFS.3 and EFS.4 read every access point of the region in one listing', async () => {
    efs.on(DescribeAccessPointsCommand).resolves({
      AccessPoints: [
        { AccessPointId: 'fsap-good', RootDirectory: { Path: '/app' }, PosixUser: { Uid: 1000, Gid: 1000 } },
        { AccessPointId: 'fsap-root', RootDirectory: { Path: '/' } },
      ],
    });
    expect(verdicts(await runCheck(rootDir))).toEqual({ 'fsap-good': 'PASS', 'fsap-root': 'FAIL' });
    expect(verdicts(await runCheck(userIdentity))).toEqual({ 'fsap-good': 'PASS', 'fsap-root': 'FAIL' });
    expect(efs.commandCalls(DescribeAccessPointsCommand)[0]!.args[0].input.FileSystemId).toBeUndefined();
  });

  it('residency is not applicable without allowed regions', async () => {
    expect((await runCheck(efsResidency)).map((f) => f.status)).toEqual(['NOT_APPLICABLE']);
  });
});
