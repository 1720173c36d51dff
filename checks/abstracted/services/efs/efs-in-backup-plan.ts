import { backupPolicy, fileSystems, protectedResources } from '../../../../src/aws/loaders/efs.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, fileSystemResource, judgeEach, pass } from '../common.js';

export default defineCheck({
  id: 'efs-in-backup-plan',
  title: 'EFS file systems are backed up by AWS Backup',
  risk: 'A file system without backups cannot be recovered after deletion, corruption or ransomware.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 'efs',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EFS.2'] },
  remediation:
    'Turn on automatic backups for the file system (PutBackupPolicy Status=ENABLED) or add it to an AWS Backup plan’s resource selection.',
  loaders: { fileSystems, backupPolicy, protectedResources },
  async run({ region, load, result }) {
    const list = await load.fileSystems(region);
    let protectedArns: Set<string> | undefined;
    await judgeEach(result, list, fileSystemResource, async (fs) => {
      const status = await load.backupPolicy(region, fs.FileSystemId!);
      if (status === 'ENABLED' || status === 'ENABLING')
        return pass('Automatic backups are on: the file system is in the aws/efs/automatic-backup-plan.');
      // Otherwise another plan may select it: AWS Backup lists every resource it holds recovery points for.
      protectedArns ??= new Set((await load.protectedResources(region)).map((r) => r.ResourceArn ?? ''));
      if (fs.FileSystemArn && protectedArns.has(fs.FileSystemArn))
        return pass('AWS Backup holds recovery points of this file system (a backup plan selects it).');
      return fail(
        `Automatic backups are ${status ?? 'not configured'} and AWS Backup holds no recovery point of this file system. (A plan that selects it but has not run yet counts once its first backup completes.)`,
      );
    });
  },
});
