/**
 * The abstracted services of the synthetic account (issue 15): Lambda, DynamoDB and DAX, SQS,
 * SNS, SES, Glacier, KMS, Secrets Manager and EFS (with AWS Backup). Their sizes
 * follow the account's other counts (no random draws, so the other services' accounts stay as
 * they were). What each costs, per region and per resource, with the default options:
 *
 * | service | per region | per resource |
 * |---|---|---|
 * | Lambda | ListFunctions (50 a page); DescribeSubnets once where a function is in a VPC | GetPolicy, ListFunctionUrlConfigs |
 * | DynamoDB / DAX | ListTables (100 a page), DAX DescribeClusters (100 a page) | DescribeTable, DescribeContinuousBackups, GetResourcePolicy |
 * | SQS | ListQueues (1000 a page) | GetQueueAttributes |
 * | SNS | ListTopics (100 a page) | GetTopicAttributes |
 * | SES | ListIdentities (1000 a page); verification and DKIM attributes per 100 identities | ListIdentityPolicies; GetIdentityPolicies where it has policies |
 * | Glacier | ListVaults (1000 a page) | GetVaultAccessPolicy; GetVaultLock when glacierRequireVaultLock is on (the benchmark's options turn it on) |
 * | KMS | ListKeys (1000 a page), shared with the rotation check | DescribeKey; GetKeyPolicy per customer-managed key |
 * | Secrets Manager | ListSecrets (100 a page) | GetResourcePolicy |
 * | EFS | DescribeFileSystems (100 a page), DescribeAccessPoints (1000 a page); Backup ListProtectedResources where a file system has no automatic backups | DescribeFileSystemPolicy, DescribeBackupPolicy |
 */
import { awsError } from '../../demo/world/types.js';
import { loggingService } from './logging.js';
import { ACCOUNT_ID, page, pages, type Account, type SyntheticService } from './model.js';

/** n spread evenly over the regions, the first taking the remainder. */
function evenly(account: Account, n: number): Record<string, number> {
  const base = Math.floor(n / account.regions.length);
  return Object.fromEntries(account.regions.map((r, i) => [r, base + (i === 0 ? n - base * account.regions.length : 0)]));
}

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const count = (per: Record<string, number>) => Object.values(per).reduce((a, b) => a + b, 0);
const pagesPer = (per: Record<string, number>, max: number) => Object.values(per).reduce((a, n) => a + pages(n, max), 0);
const longest = (per: Record<string, number>, max: number) => Math.max(...Object.values(per).map((n) => pages(n, max)));
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** Lambda functions: as many as EC2 instances; every third in a VPC. */
export const lambdaFunctionsPerRegion = (account: Account) => evenly(account, account.spec.instances);
/** Regions where some function is in a VPC (function 0 of a region is): Lambda.5 reads their subnets. */
export const regionsWithVpcFunctions = (account: Account) => Object.values(lambdaFunctionsPerRegion(account)).filter((n) => n > 0).length;

export function lambda(account: Account): SyntheticService {
  const per = lambdaFunctionsPerRegion(account);
  const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${name}`;
  const functions = (region: string) =>
    names(per[region]!, 'fn').map((name, i) => ({
      FunctionName: name,
      FunctionArn: fnArn(region, name),
      PackageType: 'Zip',
      Runtime: ['nodejs22.x', 'python3.12', 'python3.8', 'java21'][i % 4],
      VpcConfig:
        i % 3 === 0 ? { VpcId: `vpc-${region}-0`, SubnetIds: [`subnet-${region}-0`, `subnet-${region}-${i % 2}`] } : { SubnetIds: [] },
    }));
  return {
    service: 'lambda',
    handlers: {
      ListFunctions: (region, input) => {
        const { items, next } = page(functions(region), input, {
          limitKey: 'MaxItems',
          tokenKey: 'Marker',
          nextKey: 'NextMarker',
          max: 50,
        });
        return { Functions: items, ...next };
      },
      GetPolicy: (region, input) => {
        const i = Number(String(input.FunctionName).split('-').pop());
        if (i % 4 !== 1) throw awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
        const name = String(input.FunctionName);
        return {
          Policy: doc({
            Sid: 'S3',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Resource: fnArn(region, name),
          }),
        };
      },
      ListFunctionUrlConfigs: (region, input) => {
        const i = Number(String(input.FunctionName).split('-').pop());
        return {
          FunctionUrlConfigs:
            i % 10 === 0 ? [{ AuthType: 'NONE', FunctionArn: String(input.FunctionName), FunctionUrl: 'https://x.on.aws/' }] : [],
        };
      },
    },
    minimalCalls: {
      'lambda:ListFunctions': pagesPer(per, 50),
      'lambda:GetPolicy': count(per),
      'lambda:ListFunctionUrlConfigs': count(per),
    },
    criticalPath: longest(per, 50) + 1,
  };
}

export function dynamodb(account: Account): SyntheticService {
  const per = evenly(account, account.spec.rdsInstances);
  const tableArn = (region: string, name: string) => `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/${name}`;
  const index = (name: unknown) => Number(String(name).split('-').pop());
  return {
    service: 'dynamodb',
    handlers: {
      ListTables: (region, input) => {
        const all = names(per[region]!, 'table');
        const start = input.ExclusiveStartTableName ? all.indexOf(String(input.ExclusiveStartTableName)) + 1 : 0;
        const items = all.slice(start, start + Math.min(Number(input.Limit ?? 100), 100));
        const last = start + items.length < all.length ? { LastEvaluatedTableName: items[items.length - 1] } : {};
        return { TableNames: items, ...last };
      },
      DescribeTable: (region, input) => ({
        Table: {
          TableName: input.TableName,
          TableArn: tableArn(region, String(input.TableName)),
          DeletionProtectionEnabled: index(input.TableName) % 2 === 0,
        },
      }),
      DescribeContinuousBackups: (_r, input) => ({
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: index(input.TableName) % 3 === 0 ? 'DISABLED' : 'ENABLED' },
        },
      }),
      GetResourcePolicy: (_r, input) => {
        if (index(String(input.ResourceArn)) % 5 !== 0) throw awsError('PolicyNotFoundException', 'no policy');
        return {
          Policy: doc({
            Effect: 'Allow',
            Principal: { AWS: '999988887777' },
            Action: 'dynamodb:GetItem',
            Resource: String(input.ResourceArn),
          }),
        };
      },
    },
    minimalCalls: {
      'dynamodb:ListTables': pagesPer(per, 100),
      'dynamodb:DescribeTable': count(per),
      'dynamodb:DescribeContinuousBackups': count(per),
      'dynamodb:GetResourcePolicy': count(per),
    },
    criticalPath: longest(per, 100) + 1,
  };
}

export function dax(account: Account): SyntheticService {
  return {
    service: 'dax',
    handlers: {
      DescribeClusters: (region) => ({
        Clusters: [{ ClusterName: `cache-${region}`, SSEDescription: { Status: 'ENABLED' }, ClusterEndpointEncryptionType: 'TLS' }],
      }),
    },
    minimalCalls: { 'dax:DescribeClusters': account.regions.length },
    criticalPath: 1,
  };
}

export function sqs(account: Account): SyntheticService {
  const per = evenly(account, Math.ceil(account.spec.buckets / 2));
  const url = (region: string, name: string) => `https://sqs.${region}.amazonaws.com/${ACCOUNT_ID}/${name}`;
  return {
    service: 'sqs',
    handlers: {
      ListQueues: (region, input) => {
        const { items, next } = page(
          names(per[region]!, 'queue').map((n) => url(region, n)),
          input,
          { limitKey: 'MaxResults', tokenKey: 'NextToken', max: 1000 },
        );
        return items.length ? { QueueUrls: items, ...next } : {};
      },
      GetQueueAttributes: (region, input) => {
        const name = String(input.QueueUrl).split('/').pop()!;
        return {
          Attributes: {
            QueueArn: `arn:aws:sqs:${region}:${ACCOUNT_ID}:${name}`,
            SqsManagedSseEnabled: name.endsWith('3') ? 'false' : 'true',
          },
        };
      },
    },
    minimalCalls: { 'sqs:ListQueues': pagesPer(per, 1000), 'sqs:GetQueueAttributes': count(per) },
    criticalPath: longest(per, 1000) + 1,
  };
}

export function sns(account: Account): SyntheticService {
  const per = evenly(account, Math.ceil(account.spec.buckets / 2));
  const arn = (region: string, name: string) => `arn:aws:sns:${region}:${ACCOUNT_ID}:${name}`;
  return {
    service: 'sns',
    handlers: {
      ListTopics: (region, input) => {
        const { items, next } = page(
          names(per[region]!, 'topic').map((n) => ({ TopicArn: arn(region, n) })),
          input,
          { limitKey: 'None', tokenKey: 'NextToken', max: 100 },
        );
        return { Topics: items, ...next };
      },
      GetTopicAttributes: (_r, input) => ({
        Attributes: {
          TopicArn: String(input.TopicArn),
          Policy: doc({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'SNS:Publish',
            Resource: String(input.TopicArn),
            Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT_ID } },
          }),
        },
      }),
    },
    minimalCalls: { 'sns:ListTopics': pagesPer(per, 100), 'sns:GetTopicAttributes': count(per) },
    criticalPath: longest(per, 100) + 1,
  };
}

export function ses(account: Account): SyntheticService {
  const per = evenly(account, Math.ceil(account.spec.users / 10));
  const list = (region: string) => names(per[region]!, 'domain').map((n) => `${n}.example`);
  const batches = Object.values(per).reduce((a, n) => a + Math.ceil(n / 100), 0);
  const withPolicies = Object.values(per).reduce((a, n) => a + Math.ceil(n / 2), 0);
  return {
    service: 'ses',
    handlers: {
      ListIdentities: (region, input) => {
        const { items, next } = page(list(region), input, { limitKey: 'MaxItems', tokenKey: 'NextToken', max: 1000 });
        return { Identities: items, ...next };
      },
      GetIdentityVerificationAttributes: (_r, input) => ({
        VerificationAttributes: Object.fromEntries((input.Identities as string[]).map((i) => [i, { VerificationStatus: 'Success' }])),
      }),
      GetIdentityDkimAttributes: (_r, input) => ({
        DkimAttributes: Object.fromEntries(
          (input.Identities as string[]).map((i, n) => [i, { DkimEnabled: n % 2 === 0, DkimVerificationStatus: 'Success' }]),
        ),
      }),
      // Every other identity (domain-0, domain-2, …) holds one sending-authorization policy.
      ListIdentityPolicies: (_r, input) => ({
        PolicyNames: Number(String(input.Identity).split('-')[1]!.split('.')[0]) % 2 === 0 ? ['delegate'] : [],
      }),
      GetIdentityPolicies: () => ({
        Policies: { delegate: doc({ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'ses:SendEmail', Resource: '*' }) },
      }),
    },
    minimalCalls: {
      'ses:ListIdentities': pagesPer(per, 1000),
      'ses:GetIdentityVerificationAttributes': batches,
      'ses:GetIdentityDkimAttributes': batches,
      'ses:ListIdentityPolicies': count(per),
      'ses:GetIdentityPolicies': withPolicies,
    },
    criticalPath: longest(per, 1000) + 2,
  };
}

export function glacier(account: Account): SyntheticService {
  const per = evenly(account, Math.ceil(account.spec.buckets / 10));
  return {
    service: 'glacier',
    handlers: {
      ListVaults: (region, input) => {
        const vaults = names(per[region]!, 'vault').map((n) => ({
          VaultName: n,
          VaultARN: `arn:aws:glacier:${region}:${ACCOUNT_ID}:vaults/${n}`,
        }));
        const { items, next } = page(vaults, input, { limitKey: 'limit', tokenKey: 'marker', nextKey: 'Marker', max: 1000 });
        return { VaultList: items, ...next };
      },
      GetVaultAccessPolicy: () => {
        throw awsError('ResourceNotFoundException', 'No vault access policy is set', 404);
      },
      GetVaultLock: (_r, input) => {
        if (String(input.vaultName).endsWith('0')) throw awsError('ResourceNotFoundException', 'No vault lock policy is set', 404);
        return { State: 'Locked', Policy: '{}' };
      },
    },
    // The benchmark scans with the demo organisation's options, which ask for vault locks.
    minimalCalls: {
      'glacier:ListVaults': pagesPer(per, 1000),
      'glacier:GetVaultAccessPolicy': count(per),
      'glacier:GetVaultLock': count(per),
    },
    criticalPath: longest(per, 1000) + 1,
  };
}

/**
 * KMS keys are issue 14's model (bench/synthetic/logging.ts): this adds their key policies. Its
 * customer-managed keys are all symmetric, so the keys whose rotation it asks about are exactly
 * the keys whose policy the key-policy checks read.
 */
export function kms(account: Account): SyntheticService {
  const keys = loggingService('kms')(account);
  return {
    service: 'kms',
    handlers: {
      GetKeyPolicy: () => ({
        Policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' }),
      }),
    },
    minimalCalls: { 'kms:GetKeyPolicy': keys.minimalCalls['kms:GetKeyRotationStatus'] ?? 0 },
    criticalPath: keys.criticalPath + 1,
  };
}

export function secretsmanager(account: Account): SyntheticService {
  const per = evenly(account, account.spec.users);
  const created = new Date('2026-01-01T00:00:00Z');
  return {
    service: 'secretsmanager',
    handlers: {
      ListSecrets: (region, input) => {
        const list = names(per[region]!, 'secret').map((Name, i) => ({
          Name,
          ARN: `arn:aws:secretsmanager:${region}:${ACCOUNT_ID}:secret:${Name}-AbCdEf`,
          CreatedDate: created,
          ...(i % 2 === 0 ? { RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: created } : {}),
        }));
        const { items, next } = page(list, input, { limitKey: 'MaxResults', tokenKey: 'NextToken', max: 100 });
        return { SecretList: items, ...next };
      },
      GetResourcePolicy: (_r, input) => ({ ARN: input.SecretId, Name: String(input.SecretId).split(':').pop() }),
    },
    minimalCalls: { 'secretsmanager:ListSecrets': pagesPer(per, 100), 'secretsmanager:GetResourcePolicy': count(per) },
    criticalPath: longest(per, 100) + 1,
  };
}

export function efs(account: Account): SyntheticService {
  const per = evenly(account, Math.ceil(account.spec.instances / 5));
  const arn = (region: string, id: string) => `arn:aws:elasticfilesystem:${region}:${ACCOUNT_ID}:file-system/${id}`;
  const index = (id: unknown) => Number(String(id).split('-').pop());
  return {
    service: 'efs',
    handlers: {
      DescribeFileSystems: (region, input) => {
        const list = names(per[region]!, 'fs').map((id, i) => ({
          FileSystemId: id,
          FileSystemArn: arn(region, id),
          Encrypted: i % 4 !== 0,
        }));
        const { items, next } = page(list, input, { limitKey: 'MaxItems', tokenKey: 'Marker', nextKey: 'NextMarker', max: 100 });
        return { FileSystems: items, ...next };
      },
      DescribeAccessPoints: () => ({ AccessPoints: [] }),
      DescribeFileSystemPolicy: () => {
        throw awsError('PolicyNotFound', 'None', 404);
      },
      // Every file system has automatic backups except fs-0 of each region.
      DescribeBackupPolicy: (_r, input) => ({ BackupPolicy: { Status: index(input.FileSystemId) === 0 ? 'DISABLED' : 'ENABLED' } }),
    },
    minimalCalls: {
      'elasticfilesystem:DescribeFileSystems': pagesPer(per, 100),
      'elasticfilesystem:DescribeAccessPoints': account.regions.length,
      'elasticfilesystem:DescribeFileSystemPolicy': count(per),
      'elasticfilesystem:DescribeBackupPolicy': count(per),
    },
    criticalPath: longest(per, 100) + 1,
  };
}

export function backup(account: Account): SyntheticService {
  const fileSystemsPer = evenly(account, Math.ceil(account.spec.instances / 5));
  return {
    service: 'backup',
    handlers: { ListProtectedResources: () => ({ Results: [] }) },
    // Read only in regions where some file system lacks automatic backups (fs-0 does).
    minimalCalls: { 'backup:ListProtectedResources': Object.values(fileSystemsPer).filter((n) => n > 0).length },
    criticalPath: 1,
  };
}

export const ABSTRACTED_SERVICES = [lambda, dynamodb, dax, sqs, sns, ses, glacier, kms, secretsmanager, efs, backup];
