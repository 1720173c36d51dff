import type { AccessPointDescription, FileSystemDescription } from '@aws-sdk/client-efs';
import type { ProtectedResource } from '@aws-sdk/client-backup';
import { isErrorNamed, MalformedResponse } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  EFSClient,
  DescribeBackupPolicyCommand,
  DescribeFileSystemPolicyCommand,
  paginateDescribeAccessPoints,
  paginateDescribeFileSystems,
} = sdk<typeof import('@aws-sdk/client-efs')>('@aws-sdk/client-efs');
const { BackupClient, paginateListProtectedResources } = sdk<typeof import('@aws-sdk/client-backup')>('@aws-sdk/client-backup');

registerClient('efs', EFSClient);
registerClient('backup', BackupClient);

/** Every file system of the region, with its encryption setting (DescribeFileSystems, up to 100 per page). */
export const fileSystems = defineLoader({
  id: 'efs.fileSystems',
  actions: ['elasticfilesystem:DescribeFileSystems'],
  async fetch({ aws }, region: string): Promise<FileSystemDescription[]> {
    return listAll(
      'elasticfilesystem:DescribeFileSystems',
      'FileSystems',
      'NextMarker',
      paginateDescribeFileSystems({ client: aws.client('efs', region), pageSize: 100 }, {}),
      (p) => p.FileSystems,
    );
  },
});

/** Every access point of the region: without a FileSystemId, DescribeAccessPoints lists them all (up to 1000 per page). */
export const accessPoints = defineLoader({
  id: 'efs.accessPoints',
  actions: ['elasticfilesystem:DescribeAccessPoints'],
  async fetch({ aws }, region: string): Promise<AccessPointDescription[]> {
    return listAll(
      'elasticfilesystem:DescribeAccessPoints',
      'AccessPoints',
      'NextToken',
      paginateDescribeAccessPoints({ client: aws.client('efs', region), pageSize: 1000 }, {}),
      (p) => p.AccessPoints,
    );
  },
});

/** The file-system policy; null when the default policy is in effect (EFS answers PolicyNotFound). */
export const fileSystemPolicy = defineLoader({
  id: 'efs.fileSystemPolicy',
  actions: ['elasticfilesystem:DescribeFileSystemPolicy'],
  async fetch({ aws }, region: string, fileSystemId: string): Promise<string | null> {
    try {
      const { Policy } = await aws.client('efs', region).send(new DescribeFileSystemPolicyCommand({ FileSystemId: fileSystemId }));
      if (typeof Policy !== 'string' || !Policy.trim())
        throw new MalformedResponse(
          'it held no Policy (the default policy answers PolicyNotFound)',
          'elasticfilesystem:DescribeFileSystemPolicy',
        );
      return Policy;
    } catch (error) {
      if (isErrorNamed(error, 'PolicyNotFound')) return null;
      throw error;
    }
  },
});

/**
 * The file system's automatic-backup status (ENABLED puts it in the aws/efs/automatic-backup-plan);
 * null when no backup policy was ever set (PolicyNotFound), which means automatic backups are off.
 */
export const backupPolicy = defineLoader({
  id: 'efs.backupPolicy',
  actions: ['elasticfilesystem:DescribeBackupPolicy'],
  async fetch({ aws }, region: string, fileSystemId: string): Promise<string | null> {
    try {
      const out = await aws.client('efs', region).send(new DescribeBackupPolicyCommand({ FileSystemId: fileSystemId }));
      if (!out?.BackupPolicy?.Status)
        throw new MalformedResponse('it held no BackupPolicy Status', 'elasticfilesystem:DescribeBackupPolicy');
      return out.BackupPolicy.Status;
    } catch (error) {
      if (isErrorNamed(error, 'PolicyNotFound')) return null;
      throw error;
    }
  },
});

/** Resources AWS Backup has backed up in the region (any plan): one paginated read instead of one per resource. */
export const protectedResources = defineLoader({
  id: 'backup.protectedResources',
  actions: ['backup:ListProtectedResources'],
  async fetch({ aws }, region: string): Promise<ProtectedResource[]> {
    return listAll(
      'backup:ListProtectedResources',
      'Results',
      'NextToken',
      paginateListProtectedResources({ client: aws.client('backup', region), pageSize: 1000 }, {}),
      (p) => p.Results,
    );
  },
});
