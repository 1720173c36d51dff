import { queueAttributes, queueUrls } from '../../../../src/aws/loaders/sqs.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, judgeEach, pass, queueResource } from '../common.js';

export default defineCheck({
  id: 'sqs-queue-encrypted',
  title: 'SQS queues are encrypted at rest',
  risk: 'Messages in an unencrypted queue are stored in clear: whoever reaches the storage reads them.',
  category: 'abstracted',
  responsibility: 'encryption-at-rest',
  service: 'sqs',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['SQS.1'] },
  remediation: 'Turn on server-side encryption for the queue: SSE-SQS (SqsManagedSseEnabled) or SSE-KMS with a KMS key (KmsMasterKeyId).',
  loaders: { queueUrls, queueAttributes },
  async run({ region, accountId, partition, load, result }) {
    await judgeEach(
      result,
      await load.queueUrls(region),
      (url) => queueResource(url, { region, accountId, partition }),
      async (url) => {
        const a = await load.queueAttributes(region, url);
        if (a.KmsMasterKeyId) return pass(`Encrypted with SSE-KMS (key ${a.KmsMasterKeyId}).`);
        if (a.SqsManagedSseEnabled === 'true') return pass('Encrypted with SSE-SQS (SQS-managed keys).');
        return fail('Server-side encryption is off: neither SSE-SQS nor SSE-KMS is set.');
      },
    );
  },
});
