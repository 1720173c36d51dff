import { fileSystems } from '../../../../src/aws/loaders/efs.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fileSystemResource, flag, judgeEach } from '../common.js';

export default defineCheck({
  id: 'efs-encrypted',
  title: 'EFS file systems are encrypted at rest',
  risk: 'Files on an unencrypted file system are stored in clear on AWS storage.',
  category: 'abstracted',
  responsibility: 'encryption-at-rest',
  service: 'efs',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['2.4.1'], 'cis-aws-5.0': ['2.3.1'], 'aws-fsbp': ['EFS.1'] },
  remediation:
    'Encryption is chosen at creation: create an encrypted file system (with a KMS key), copy the data (AWS DataSync or AWS Backup restore), switch the mounts and delete this one.',
  loaders: { fileSystems },
  async run({ region, load, result }) {
    await judgeEach(result, await load.fileSystems(region), fileSystemResource, (fs) =>
      flag(
        fs.Encrypted,
        'Encrypted',
        'elasticfilesystem:DescribeFileSystems',
        'file system',
        `Encrypted at rest${fs.KmsKeyId ? ` with ${fs.KmsKeyId}` : ''}.`,
        'The file system is not encrypted at rest.',
      ),
    );
  },
});
