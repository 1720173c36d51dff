import { topicAttributes, topics } from '../../../../src/aws/loaders/sns.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, judgeEach, pass, topicResource } from '../common.js';

export default defineCheck({
  id: 'sns-topic-kms-encrypted',
  title: 'SNS topics are encrypted at rest with KMS',
  risk: 'Messages of an unencrypted topic are stored in clear until delivered. (Security Hub SNS.1.)',
  category: 'abstracted',
  responsibility: 'encryption-at-rest',
  service: 'sns',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    'Set the topic’s KmsMasterKeyId to a KMS key (alias/aws/sns or a customer-managed key whose policy lets the publishers and SNS use it).',
  loaders: { topics, topicAttributes },
  async run({ region, load, result }) {
    await judgeEach(result, await load.topics(region), topicResource, async (topicArn) => {
      const a = await load.topicAttributes(region, topicArn);
      return a.KmsMasterKeyId
        ? pass(`Encrypted with KMS key ${a.KmsMasterKeyId}.`)
        : fail('Server-side encryption is off: the topic has no KmsMasterKeyId.');
    });
  },
});
