/**
 * End to end for the abstracted services (issue 15) against a moto server on loopback: seeded
 * through plain SDK clients of the test's own, scanned by the real binary. Each verdict below
 * comes from the emulator's answers; where moto lacks a call the finding is an ERROR naming it
 * (pinned here, so a moto upgrade that adds the call shows up). Skipped where moto is absent.
 */
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateVaultCommand, GlacierClient } from '@aws-sdk/client-glacier';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient, VerifyDomainIdentityCommand } from '@aws-sdk/client-ses';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceChecks } from '../../checks/abstracted/services/index.js';
import type { ReportDocument } from '../../src/report/model.js';
import { MOTO_AVAILABLE, scanMoto, startMoto, verdictOf, type MotoServer } from '../helpers/moto.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
// A minimal zip archive (an empty one): moto stores the code without running it.
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

describe.skipIf(!MOTO_AVAILABLE)('a scan of the abstracted services on a moto server', () => {
  let moto: MotoServer | undefined;
  let report: ReportDocument;
  let account = '';

  beforeAll(async () => {
    moto = await startMoto();
    const config = moto.config;

    const sqs = new SQSClient(config);
    await sqs.send(new CreateQueueCommand({ QueueName: 'sealed', Attributes: { SqsManagedSseEnabled: 'true' } }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'open-queue', Attributes: { SqsManagedSseEnabled: 'false' } }));
    const openQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'open-queue' }))).QueueUrl!;
    account = openQueue.split('/').slice(-2)[0]!;
    const { SetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: openQueue,
        Attributes: {
          Policy: doc({
            Sid: 'Anyone',
            Effect: 'Allow',
            Principal: '*',
            Action: 'sqs:SendMessage',
            Resource: `arn:aws:sqs:us-east-1:${account}:open-queue`,
          }),
        },
      }),
    );

    const sns = new SNSClient(config);
    await sns.send(new CreateTopicCommand({ Name: 'encrypted-topic', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }));
    await sns.send(
      new CreateTopicCommand({
        Name: 'open-topic',
        Attributes: {
          Policy: doc({
            Sid: 'AnyoneSubscribe',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sns:Subscribe',
            Resource: `arn:aws:sns:us-east-1:${account}:open-topic`,
          }),
        },
      }),
    );

    const ddb = new DynamoDBClient(config);
    for (const [TableName, DeletionProtectionEnabled] of [
      ['kept', true],
      ['fragile', false],
    ] as const) {
      await ddb.send(
        new CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          DeletionProtectionEnabled,
        }),
      );
    }
    await ddb.send(
      new UpdateContinuousBackupsCommand({ TableName: 'kept', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
    );

    const kms = new KMSClient(config);
    await kms.send(
      new CreateKeyCommand({
        Description: 'open key',
        Policy: doc(
          { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'AnyoneDecrypt', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
        ),
      }),
    );
    await kms.send(
      new CreateKeyCommand({
        Description: 'own key',
        Policy: doc({ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }),
      }),
    );

    const secrets = new SecretsManagerClient(config);
    await secrets.send(new CreateSecretCommand({ Name: 'plain-secret', SecretString: 'x' }));
    const shared = await secrets.send(new CreateSecretCommand({ Name: 'open-secret', SecretString: 'y' }));
    await secrets.send(
      new PutResourcePolicyCommand({
        SecretId: shared.ARN,
        ResourcePolicy: doc({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
        }),
      }),
    );

    const efs = new EFSClient(config);
    await efs.send(new CreateFileSystemCommand({ CreationToken: 'enc', Encrypted: true, Tags: [{ Key: 'Name', Value: 'encrypted-fs' }] }));
    await efs.send(new CreateFileSystemCommand({ CreationToken: 'plain', Encrypted: false, Tags: [{ Key: 'Name', Value: 'plain-fs' }] }));

    const glacier = new GlacierClient(config);
    await glacier.send(new CreateVaultCommand({ accountId: '-', vaultName: 'open-vault' }));
    await glacier.send(new CreateVaultCommand({ accountId: '-', vaultName: 'quiet-vault' }));

    const ses = new SESClient(config);
    await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.org' }));

    const iam = new IAMClient(config);
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: 'fn-role',
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      }),
    );
    const lambda = new LambdaClient(config);
    for (const [FunctionName, Runtime] of [
      ['current-fn', 'nodejs22.x'],
      ['old-fn', 'python3.8'],
    ] as const) {
      await lambda.send(
        new CreateFunctionCommand({ FunctionName, Runtime, Role: role.Role!.Arn, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP } }),
      );
    }
    await lambda.send(
      new AddPermissionCommand({ FunctionName: 'old-fn', StatementId: 'anyone', Action: 'lambda:InvokeFunction', Principal: '*' }),
    );
    for (const client of [sqs, sns, ddb, kms, secrets, efs, glacier, ses, iam, lambda]) client.destroy();

    report = scanMoto(moto, ['--regions', 'us-east-1', '--checks', serviceChecks.map((c) => c.id).join(',')]).report;
  }, 180_000);

  afterAll(() => {
    moto?.stop();
  });

  const verdict = (checkId: string, resource: string) => verdictOf(report, checkId, resource);

  it('judges what moto implements from its answers', () => {
    expect(account).toMatch(/^\d{12}$/);
    expect([verdict('sqs-queue-encrypted', 'sealed'), verdict('sqs-queue-encrypted', 'open-queue')]).toEqual(['PASS', 'FAIL']);
    expect([verdict('sqs-queue-not-public', 'sealed'), verdict('sqs-queue-not-public', 'open-queue')]).toEqual(['PASS', 'FAIL']);
    expect(verdict('sqs-queue-external-access', 'open-queue')).toBe('FAIL');
    expect([verdict('sns-topic-kms-encrypted', 'encrypted-topic'), verdict('sns-topic-kms-encrypted', 'open-topic')]).toEqual([
      'PASS',
      'FAIL',
    ]);
    // moto's default topic policy ("AWS":"*" pinned by aws:SourceOwner) is inside the zone; the open one is public.
    expect([verdict('sns-topic-not-public', 'encrypted-topic'), verdict('sns-topic-not-public', 'open-topic')]).toEqual(['PASS', 'FAIL']);
    expect([verdict('dynamodb-table-pitr', 'kept'), verdict('dynamodb-table-pitr', 'fragile')]).toEqual(['PASS', 'FAIL']);
    expect([verdict('dynamodb-table-deletion-protection', 'kept'), verdict('dynamodb-table-deletion-protection', 'fragile')]).toEqual([
      'PASS',
      'FAIL',
    ]);
    expect(verdict('dynamodb-table-not-public', 'kept')).toBe('PASS');
    expect([verdict('kms-key-not-public', 'open key'), verdict('kms-key-not-public', 'own key')]).toEqual(['FAIL', 'PASS']);
    expect([
      verdict('secretsmanager-secret-external-access', 'open-secret'),
      verdict('secretsmanager-secret-external-access', 'plain-secret'),
    ]).toEqual(['FAIL', 'PASS']);
    expect(verdict('secretsmanager-rotation-enabled', 'plain-secret')).toBe('FAIL');
    expect([verdict('efs-encrypted', 'encrypted-fs'), verdict('efs-encrypted', 'plain-fs')]).toEqual(['PASS', 'FAIL']);
    expect(verdict('efs-file-system-not-public', 'plain-fs')).toBe('PASS');
    expect([verdict('lambda-function-supported-runtime', 'current-fn'), verdict('lambda-function-supported-runtime', 'old-fn')]).toEqual([
      'PASS',
      'FAIL',
    ]);
    expect([verdict('lambda-function-not-public', 'current-fn'), verdict('lambda-function-not-public', 'old-fn')]).toEqual([
      'PASS',
      'FAIL',
    ]);
    expect(verdict('ses-domain-dkim-enabled', 'example.org')).toBeDefined();
  });

  it('calls moto 5.2 lacks are ERRORs naming the call, for the resources that needed them', () => {
    const errorOf = (checkId: string, resource: string) => {
      const f = report.findings.find((x) => x.checkId === checkId && (x.resource.id === resource || x.resource.name === resource));
      return [f?.status, f?.message.match(/[a-z0-9]+:[A-Za-z]+/)?.[0]];
    };
    expect(errorOf('lambda-function-url-public', 'current-fn')).toEqual(['ERROR', 'lambda:ListFunctionUrlConfigs']);
    expect(errorOf('glacier-vault-not-public', 'open-vault')).toEqual(['ERROR', 'glacier:GetVaultAccessPolicy']);
    expect(errorOf('ses-identity-not-public', 'example.org')).toEqual(['ERROR', 'ses:ListIdentityPolicies']);
    expect(errorOf('efs-in-backup-plan', 'plain-fs')).toEqual(['ERROR', 'backup:ListProtectedResources']);
    // Nothing else errs: every other call moto answered was judged.
    const errors = report.findings.filter((f) => f.status === 'ERROR').map((f) => f.checkId);
    expect(new Set(errors)).toEqual(
      new Set([
        'lambda-function-url-public',
        'glacier-vault-not-public',
        'glacier-vault-external-access',
        'ses-identity-not-public',
        'ses-identity-external-access',
        'efs-in-backup-plan',
      ]),
    );
  });
});
