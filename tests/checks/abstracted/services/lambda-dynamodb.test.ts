import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetResourcePolicyCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { DAXClient, DescribeClustersCommand } from '@aws-sdk/client-dax';
import { DescribeKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import {
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import daxAtRest from '../../../../checks/abstracted/services/dynamodb/dax-cluster-encrypted-at-rest.js';
import daxInTransit from '../../../../checks/abstracted/services/dynamodb/dax-cluster-encrypted-in-transit.js';
import cmk from '../../../../checks/abstracted/services/dynamodb/dynamodb-table-cmk-encryption.js';
import deletion from '../../../../checks/abstracted/services/dynamodb/dynamodb-table-deletion-protection.js';
import tableExternal from '../../../../checks/abstracted/services/dynamodb/dynamodb-table-external-access.js';
import tablePublic from '../../../../checks/abstracted/services/dynamodb/dynamodb-table-not-public.js';
import pitr from '../../../../checks/abstracted/services/dynamodb/dynamodb-table-pitr.js';
import lambdaExternal from '../../../../checks/abstracted/services/lambda/lambda-function-external-access.js';
import inVpc from '../../../../checks/abstracted/services/lambda/lambda-function-in-vpc.js';
import multiAz from '../../../../checks/abstracted/services/lambda/lambda-function-multi-az.js';
import lambdaPublic from '../../../../checks/abstracted/services/lambda/lambda-function-not-public.js';
import runtime from '../../../../checks/abstracted/services/lambda/lambda-function-supported-runtime.js';
import functionUrl from '../../../../checks/abstracted/services/lambda/lambda-function-url-public.js';
import { ACCOUNT, awsError, findingFor, runCheck, verdicts } from '../../../helpers/check-tester.js';

const lambda = mockClient(LambdaClient);
const ec2 = mockClient(EC2Client);
const ddb = mockClient(DynamoDBClient);
const dax = mockClient(DAXClient);
const kms = mockClient(KMSClient);
const orgs = mockClient(OrganizationsClient);

beforeEach(() => {
  for (const m of [lambda, ec2, ddb, dax, kms, orgs]) m.reset();
  orgs.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'not in an organization'));
});

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const fn = (name: string, fields: Partial<FunctionConfiguration> = {}): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: fnArn(name),
  PackageType: 'Zip',
  Runtime: 'nodejs22.x',
  ...fields,
});
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('Lambda', () => {
  it('Lambda.2: a deprecated runtime fails with its date; an image is not applicable; an unknown runtime is an ERROR, never a PASS', async () => {
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        fn('new'),
        fn('old', { Runtime: 'python3.8' }),
        fn('img', { PackageType: 'Image', Runtime: undefined }),
        fn('odd', { Runtime: 'cobol85' as never }),
      ],
    });
    const findings = await runCheck(runtime);
    expect(verdicts(findings)).toEqual({ new: 'PASS', old: 'FAIL', img: 'NOT_APPLICABLE', odd: 'ERROR' });
    expect(findingFor(findings, 'old').message).toContain('deprecated on 2024-10-14');
    expect(findingFor(findings, 'odd').message).toContain('cobol85');
  });

  it('ListFunctions is read page by page (50 at a time) and a page without Functions is an ERROR', async () => {
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [fn('a')], NextMarker: 'm1' })
      .resolvesOnce({ Functions: [fn('b')] });
    expect(Object.keys(verdicts(await runCheck(runtime)))).toEqual(['a', 'b']);
    const calls = lambda.commandCalls(ListFunctionsCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ MaxItems: 50, Marker: 'm1' });
    lambda.reset();
    lambda.on(ListFunctionsCommand).resolves({});
    const [finding] = await runCheck(runtime);
    expect([finding?.status, finding?.resource.type]).toEqual(['ERROR', 'AWS::::Region']);
  });

  it('Lambda.1: ResourceNotFoundException from GetPolicy is "no policy" (PASS); AccessDenied is an ERROR for that function', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [fn('none'), fn('denied')] });
    lambda
      .on(GetPolicyCommand, { FunctionName: 'none' })
      .rejects(awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404));
    lambda.on(GetPolicyCommand, { FunctionName: 'denied' }).rejects(awsError('AccessDeniedException', 'no', 403));
    const findings = await runCheck(lambdaPublic);
    expect(verdicts(findings)).toEqual({ none: 'PASS', denied: 'ERROR' });
    expect(findingFor(findings, 'denied').message).toContain('lambda:GetPolicy');
  });

  it('Lambda.1: a public statement fails naming the statement and actions, with the statement as evidence; S3 without aws:SourceAccount fails too', async () => {
    const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: fnArn('open') };
    const s3 = {
      Sid: 'S3',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: fnArn('s3'),
    };
    const pinned = { ...s3, Sid: 'Pinned', Resource: fnArn('pinned'), Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT } } };
    lambda.on(ListFunctionsCommand).resolves({ Functions: [fn('open'), fn('s3'), fn('pinned')] });
    lambda.on(GetPolicyCommand, { FunctionName: 'open' }).resolves({ Policy: doc(open) });
    lambda.on(GetPolicyCommand, { FunctionName: 's3' }).resolves({ Policy: doc(s3) });
    lambda.on(GetPolicyCommand, { FunctionName: 'pinned' }).resolves({ Policy: doc(pinned) });
    const findings = await runCheck(lambdaPublic);
    expect(verdicts(findings)).toEqual({ open: 'FAIL', s3: 'FAIL', pinned: 'PASS' });
    const openFinding = findingFor(findings, 'open');
    expect(openFinding.message).toContain('statement "Open" lets anyone');
    expect(openFinding.message).toContain('lambda:InvokeFunction');
    expect(openFinding.evidence?.statements).toEqual([open]);
    expect(findingFor(findings, 's3').message).toContain('aws:SourceAccount');
  });

  it('external access: the S3 deputy and another account are external; write is high severity; a 200 without Policy is an ERROR', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [fn('deputy'), fn('mine'), fn('blank')] });
    lambda.on(GetPolicyCommand, { FunctionName: 'deputy' }).resolves({
      Policy: doc({
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn('deputy'),
      }),
    });
    lambda.on(GetPolicyCommand, { FunctionName: 'mine' }).resolves({
      Policy: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/caller` },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn('mine'),
      }),
    });
    lambda.on(GetPolicyCommand, { FunctionName: 'blank' }).resolves({});
    const findings = await runCheck(lambdaExternal);
    expect(verdicts(findings)).toEqual({ deputy: 'FAIL', mine: 'PASS', blank: 'ERROR' });
    expect(findingFor(findings, 'deputy').severity).toBe('high');
    expect(findingFor(findings, 'deputy').message).toContain('s3.amazonaws.com');
  });

  it('function URLs: AuthType NONE fails as a public endpoint, AWS_IAM and none pass', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [fn('open'), fn('iam'), fn('none')] });
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: fnArn('open') }).resolves({
      FunctionUrlConfigs: [
        {
          AuthType: 'NONE',
          FunctionUrl: 'https://x.lambda-url.us-east-1.on.aws/',
          FunctionArn: fnArn('open'),
          CreationTime: '',
          LastModifiedTime: '',
        },
      ],
    });
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: fnArn('iam') }).resolves({
      FunctionUrlConfigs: [
        { AuthType: 'AWS_IAM', FunctionUrl: 'https://y', FunctionArn: fnArn('iam'), CreationTime: '', LastModifiedTime: '' },
      ],
    });
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: fnArn('none') }).resolves({ FunctionUrlConfigs: [] });
    const findings = await runCheck(functionUrl);
    expect(verdicts(findings)).toEqual({ open: 'FAIL', iam: 'PASS', none: 'PASS' });
    expect(findingFor(findings, 'open').message).toContain('https://x.lambda-url.us-east-1.on.aws/');
  });

  it('Lambda.3 only where the option asks; Lambda.5 counts the zones of the subnets (read only when a function is in a VPC)', async () => {
    const inTwo = fn('two', { VpcConfig: { VpcId: 'vpc-1', SubnetIds: ['subnet-a', 'subnet-b'] } });
    const inOne = fn('one', { VpcConfig: { VpcId: 'vpc-1', SubnetIds: ['subnet-a', 'subnet-c'] } });
    const outside = fn('out', { VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } });
    lambda.on(ListFunctionsCommand).resolves({ Functions: [inTwo, inOne, outside] });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: 'subnet-a', AvailabilityZone: 'us-east-1a' },
        { SubnetId: 'subnet-b', AvailabilityZone: 'us-east-1b' },
        { SubnetId: 'subnet-c', AvailabilityZone: 'us-east-1a' },
      ],
    });
    expect((await runCheck(inVpc)).map((f) => f.status)).toEqual(['NOT_APPLICABLE']);
    expect(verdicts(await runCheck(inVpc, { options: { lambdaRequireVpc: true } }))).toEqual({ two: 'PASS', one: 'PASS', out: 'FAIL' });
    expect(verdicts(await runCheck(multiAz))).toEqual({ two: 'PASS', one: 'FAIL', out: 'NOT_APPLICABLE' });
    ec2.reset();
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-a', AvailabilityZone: 'us-east-1a' }] });
    expect(verdicts(await runCheck(multiAz)).two).toBe('ERROR');
    lambda.reset();
    ec2.reset();
    lambda.on(ListFunctionsCommand).resolves({ Functions: [outside] });
    await runCheck(multiAz);
    expect(ec2.commandCalls(DescribeSubnetsCommand)).toHaveLength(0);
  });
});

const tableArn = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;

describe('DynamoDB and DAX', () => {
  beforeEach(() => ddb.on(ListTablesCommand).resolves({ TableNames: ['good', 'bad'] }));

  it('DynamoDB.2 and DynamoDB.6: on passes, off fails, a missing field is an ERROR', async () => {
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'good' }).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' },
      },
    });
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'bad' }).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    });
    ddb.on(DescribeTableCommand, { TableName: 'good' }).resolves({ Table: { TableName: 'good', DeletionProtectionEnabled: true } });
    ddb.on(DescribeTableCommand, { TableName: 'bad' }).resolves({ Table: { TableName: 'bad' } });
    expect(verdicts(await runCheck(pitr))).toEqual({ good: 'PASS', bad: 'FAIL' });
    expect(verdicts(await runCheck(deletion))).toEqual({ good: 'PASS', bad: 'ERROR' });
  });

  it('customer-managed key only where the option asks: the AWS owned and AWS managed keys fail', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['cmk', 'managed', 'owned'] });
    const key = (id: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`;
    ddb
      .on(DescribeTableCommand, { TableName: 'cmk' })
      .resolves({ Table: { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: key('c') } } });
    ddb
      .on(DescribeTableCommand, { TableName: 'managed' })
      .resolves({ Table: { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: key('m') } } });
    ddb.on(DescribeTableCommand, { TableName: 'owned' }).resolves({ Table: {} });
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'c' }, { KeyId: 'm' }], Truncated: false });
    kms.on(DescribeKeyCommand, { KeyId: 'c' }).resolves({ KeyMetadata: { KeyId: 'c', Arn: key('c'), KeyManager: 'CUSTOMER' } });
    kms.on(DescribeKeyCommand, { KeyId: 'm' }).resolves({ KeyMetadata: { KeyId: 'm', Arn: key('m'), KeyManager: 'AWS' } });
    expect((await runCheck(cmk)).map((f) => f.status)).toEqual(['NOT_APPLICABLE']);
    expect(verdicts(await runCheck(cmk, { options: { dynamodbRequireCmk: true } }))).toEqual({
      cmk: 'PASS',
      managed: 'FAIL',
      owned: 'FAIL',
    });
  });

  it('table policies: PolicyNotFoundException is "no policy"; ResourceNotFoundException is an ERROR; "*" fails public and external', async () => {
    ddb.on(ListTablesCommand).resolves({ TableNames: ['none', 'gone', 'open'] });
    ddb.on(GetResourcePolicyCommand, { ResourceArn: tableArn('none') }).rejects(awsError('PolicyNotFoundException', 'no policy'));
    ddb.on(GetResourcePolicyCommand, { ResourceArn: tableArn('gone') }).rejects(awsError('ResourceNotFoundException', 'no table'));
    ddb.on(GetResourcePolicyCommand, { ResourceArn: tableArn('open') }).resolves({
      Policy: doc({ Sid: 'Read', Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: tableArn('open') }),
    });
    expect(verdicts(await runCheck(tablePublic))).toEqual({ none: 'PASS', gone: 'ERROR', open: 'FAIL' });
    const external = await runCheck(tableExternal);
    expect(verdicts(external)).toEqual({ none: 'PASS', gone: 'ERROR', open: 'FAIL' });
    // Public read: high (public write would be critical, a named outsider's read medium).
    expect(findingFor(external, 'open').severity).toBe('high');
  });

  it('DAX: encryption at rest (DynamoDB.3) and TLS endpoints (DynamoDB.7)', async () => {
    dax.on(DescribeClustersCommand).resolves({
      Clusters: [
        { ClusterName: 'safe', SSEDescription: { Status: 'ENABLED' }, ClusterEndpointEncryptionType: 'TLS' },
        { ClusterName: 'plain', SSEDescription: { Status: 'DISABLED' }, ClusterEndpointEncryptionType: 'NONE' },
        { ClusterName: 'odd' },
      ],
    });
    expect(verdicts(await runCheck(daxAtRest))).toEqual({ safe: 'PASS', plain: 'FAIL', odd: 'FAIL' });
    expect(verdicts(await runCheck(daxInTransit))).toEqual({ safe: 'PASS', plain: 'FAIL', odd: 'ERROR' });
  });
});
