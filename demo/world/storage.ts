/** Glacier vaults, Secrets Manager secrets and EFS file systems of the demo account. */
import type { DescribeVaultOutput } from '@aws-sdk/client-glacier';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { AccessPointDescription, FileSystemDescription } from '@aws-sdk/client-efs';
import { doc, PARTNER_ACCOUNT, STRANGER_ACCOUNT } from './policies.js';
import { awsError, byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

const vaultArn = (region: string, name: string) => `arn:aws:glacier:${region}:${DEMO_ACCOUNT}:vaults/${name}`;

interface DemoVault {
  vault: DescribeVaultOutput;
  policy?: string;
  lock?: { State: string; Policy: string };
}

const vault = (region: string, name: string, extra: Omit<DemoVault, 'vault'> = {}): DemoVault => ({
  vault: {
    VaultName: name,
    VaultARN: vaultArn(region, name),
    CreationDate: '2025-02-01T10:00:00.000Z',
    NumberOfArchives: 1200,
    SizeInBytes: 5_000_000_000,
  },
  ...extra,
});

const vaults: Partial<Record<string, DemoVault[]>> = {
  'us-east-1': [
    vault('us-east-1', 'audit-archive', {
      lock: {
        State: 'Locked',
        Policy: doc({
          Sid: 'deny-early-delete',
          Effect: 'Deny',
          Principal: '*',
          Action: 'glacier:DeleteArchive',
          Resource: vaultArn('us-east-1', 'audit-archive'),
          Condition: { NumericLessThan: { 'glacier:ArchiveAgeInDays': '2555' } },
        }),
      },
      policy: doc({
        Sid: 'PartnerRetrieve',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
        Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
        Resource: vaultArn('us-east-1', 'audit-archive'),
      }),
    }),
  ],
  'eu-west-1': [
    vault('eu-west-1', 'eu-backups', {
      lock: {
        State: 'InProgress',
        Policy: doc({
          Sid: 'draft',
          Effect: 'Deny',
          Principal: '*',
          Action: 'glacier:DeleteArchive',
          Resource: vaultArn('eu-west-1', 'eu-backups'),
        }),
      },
      policy: doc({
        Sid: 'AnyoneUpload',
        Effect: 'Allow',
        Principal: '*',
        Action: 'glacier:UploadArchive',
        Resource: vaultArn('eu-west-1', 'eu-backups'),
      }),
    }),
    vault('eu-west-1', 'eu-scratch'),
  ],
};

const secretArn = (region: string, name: string) => `arn:aws:secretsmanager:${region}:${DEMO_ACCOUNT}:secret:${name}-AbCdEf`;

interface DemoSecret {
  entry: SecretListEntry;
  policy?: string;
}

const secret = (region: string, name: string, entry: Partial<SecretListEntry>, policy?: string): DemoSecret => ({
  entry: { ARN: secretArn(region, name), Name: name, CreatedDate: daysAgo(500), ...entry },
  policy,
});

const secrets: Partial<Record<string, DemoSecret[]>> = {
  'us-east-1': [
    secret('us-east-1', 'prod/orders/db', {
      RotationEnabled: true,
      RotationLambdaARN: `arn:aws:lambda:us-east-1:${DEMO_ACCOUNT}:function:rotate-orders-db`,
      RotationRules: { AutomaticallyAfterDays: 30 },
      LastRotatedDate: daysAgo(12),
      NextRotationDate: daysAgo(-18),
      LastAccessedDate: daysAgo(1),
    }),
    secret(
      'us-east-1',
      'legacy/ftp-password',
      { LastAccessedDate: daysAgo(200) },
      doc({
        Sid: 'VendorRead',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${STRANGER_ACCOUNT}:root` },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
      }),
    ),
  ],
  'eu-west-1': [
    secret(
      'eu-west-1',
      'eu/crm/api-key',
      {
        // Rotation is on but keeps failing: it was due weeks ago.
        RotationEnabled: true,
        RotationLambdaARN: `arn:aws:lambda:eu-west-1:${DEMO_ACCOUNT}:function:rotate-crm-key`,
        RotationRules: { AutomaticallyAfterDays: 60 },
        LastRotatedDate: daysAgo(95),
        NextRotationDate: daysAgo(35),
        LastAccessedDate: daysAgo(3),
      },
      doc({ Sid: 'AnyoneRead', Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
    ),
  ],
};

const fsArn = (region: string, id: string) => `arn:aws:elasticfilesystem:${region}:${DEMO_ACCOUNT}:file-system/${id}`;

interface DemoFileSystem {
  fs: FileSystemDescription;
  backup?: 'ENABLED' | 'DISABLED';
  policy?: string;
}

const fileSystem = (
  region: string,
  id: string,
  name: string,
  encrypted: boolean,
  extra: Omit<DemoFileSystem, 'fs'> = {},
): DemoFileSystem => ({
  fs: {
    FileSystemId: id,
    FileSystemArn: fsArn(region, id),
    Name: name,
    OwnerId: DEMO_ACCOUNT,
    CreationToken: name,
    CreationTime: daysAgo(300),
    LifeCycleState: 'available',
    NumberOfMountTargets: 2,
    SizeInBytes: { Value: 1_000_000 },
    PerformanceMode: 'generalPurpose',
    Encrypted: encrypted,
    ...(encrypted ? { KmsKeyId: `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee` } : {}),
    Tags: [{ Key: 'Name', Value: name }],
  },
  ...extra,
});

const fileSystems: Partial<Record<string, DemoFileSystem[]>> = {
  'us-east-1': [
    fileSystem('us-east-1', 'fs-0a1b2c3d4e5f60001', 'shared-home', true, {
      backup: 'ENABLED',
      policy: doc({
        Sid: 'OwnAccountOnly',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: fsArn('us-east-1', 'fs-0a1b2c3d4e5f60001'),
        Condition: { StringEquals: { 'aws:PrincipalAccount': DEMO_ACCOUNT } },
      }),
    }),
    fileSystem('us-east-1', 'fs-0a1b2c3d4e5f60002', 'media-cache', false, { backup: 'DISABLED' }),
  ],
  'eu-west-1': [
    // Backed up by a plan of its own (AWS Backup holds recovery points), not by automatic backups.
    fileSystem('eu-west-1', 'fs-0e1e2e3e4e5e60003', 'eu-exports', true, {
      policy: doc({
        Sid: 'AnyoneMount',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'elasticfilesystem:ClientMount',
        Resource: fsArn('eu-west-1', 'fs-0e1e2e3e4e5e60003'),
      }),
    }),
  ],
};

const accessPoints: Partial<Record<string, AccessPointDescription[]>> = {
  'us-east-1': [
    {
      AccessPointId: 'fsap-0a1b2c3d4e5f00001',
      AccessPointArn: `arn:aws:elasticfilesystem:us-east-1:${DEMO_ACCOUNT}:access-point/fsap-0a1b2c3d4e5f00001`,
      FileSystemId: 'fs-0a1b2c3d4e5f60001',
      Name: 'app-uploads',
      PosixUser: { Uid: 1000, Gid: 1000 },
      RootDirectory: { Path: '/uploads', CreationInfo: { OwnerUid: 1000, OwnerGid: 1000, Permissions: '750' } },
      LifeCycleState: 'available',
    },
  ],
  'eu-west-1': [
    {
      AccessPointId: 'fsap-0e1e2e3e4e5e00002',
      AccessPointArn: `arn:aws:elasticfilesystem:eu-west-1:${DEMO_ACCOUNT}:access-point/fsap-0e1e2e3e4e5e00002`,
      FileSystemId: 'fs-0e1e2e3e4e5e60003',
      Name: 'eu-batch',
      RootDirectory: { Path: '/' },
      LifeCycleState: 'available',
    },
  ],
};

function find<T>(list: T[], match: (t: T) => boolean, code: string, what: string): T {
  const found = list.find(match);
  if (!found) throw awsError(code, `${what} does not exist`, 404);
  return found;
}

export const glacierHandlers: Handlers = {
  ListVaults: (region) => ({ VaultList: byRegion(vaults, region).map((v) => v.vault) }),
  GetVaultAccessPolicy: (region, input) => {
    const v = find(byRegion(vaults, region), (x) => x.vault.VaultName === input.vaultName, 'ResourceNotFoundException', 'vault');
    if (!v.policy) throw awsError('ResourceNotFoundException', `No vault access policy is set for: ${v.vault.VaultARN}`, 404);
    return { policy: { Policy: v.policy } };
  },
  GetVaultLock: (region, input) => {
    const v = find(byRegion(vaults, region), (x) => x.vault.VaultName === input.vaultName, 'ResourceNotFoundException', 'vault');
    if (!v.lock) throw awsError('ResourceNotFoundException', `No vault lock policy is set for: ${v.vault.VaultARN}`, 404);
    return { ...v.lock, CreationDate: '2025-03-01T10:00:00.000Z' };
  },
};

export const secretsmanagerHandlers: Handlers = {
  ListSecrets: (region) => ({ SecretList: byRegion(secrets, region).map((s) => s.entry) }),
  GetResourcePolicy: (region, input) => {
    const s = find(byRegion(secrets, region), (x) => x.entry.ARN === input.SecretId, 'ResourceNotFoundException', 'secret');
    return { ARN: s.entry.ARN, Name: s.entry.Name, ...(s.policy ? { ResourcePolicy: s.policy } : {}) };
  },
};

export const efsHandlers: Handlers = {
  DescribeFileSystems: (region) => ({ FileSystems: byRegion(fileSystems, region).map((f) => f.fs) }),
  DescribeAccessPoints: (region) => ({ AccessPoints: byRegion(accessPoints, region) }),
  DescribeFileSystemPolicy: (region, input) => {
    const f = find(byRegion(fileSystems, region), (x) => x.fs.FileSystemId === input.FileSystemId, 'FileSystemNotFound', 'file system');
    if (!f.policy) throw awsError('PolicyNotFound', 'None', 404);
    return { FileSystemId: f.fs.FileSystemId, Policy: f.policy };
  },
  DescribeBackupPolicy: (region, input) => {
    const f = find(byRegion(fileSystems, region), (x) => x.fs.FileSystemId === input.FileSystemId, 'FileSystemNotFound', 'file system');
    if (!f.backup) throw awsError('PolicyNotFound', 'None', 404);
    return { BackupPolicy: { Status: f.backup } };
  },
};

export const backupHandlers: Handlers = {
  ListProtectedResources: (region) => ({
    Results:
      region === 'eu-west-1'
        ? [{ ResourceArn: fsArn('eu-west-1', 'fs-0e1e2e3e4e5e60003'), ResourceType: 'EFS', LastBackupTime: daysAgo(1) }]
        : [],
  }),
};
