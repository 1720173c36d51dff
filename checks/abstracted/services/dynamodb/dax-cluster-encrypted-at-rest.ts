import { daxClusters } from '../../../../src/aws/loaders/dynamodb.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { daxResource, fail, judgeEach, missing, pass } from '../common.js';

export default defineCheck({
  id: 'dax-cluster-encrypted-at-rest',
  title: 'DynamoDB Accelerator (DAX) clusters are encrypted at rest',
  risk: 'An unencrypted DAX cluster keeps cached table data, logs and configuration in clear on its nodes’ storage.',
  category: 'abstracted',
  responsibility: 'encryption-at-rest',
  service: 'dax',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['DynamoDB.3'] },
  remediation:
    'Encryption at rest is chosen at creation: create a new cluster with server-side encryption on, move clients to it and delete this one.',
  loaders: { daxClusters },
  async run({ region, load, result }) {
    await judgeEach(result, await load.daxClusters(region), daxResource, (c) => {
      const status = c.SSEDescription?.Status;
      if (status === 'ENABLED' || status === 'ENABLING') return pass(`Server-side encryption is ${status}.`);
      if (status === 'DISABLED' || status === 'DISABLING' || !c.SSEDescription)
        return fail('Server-side encryption is off: cached data is stored unencrypted.');
      return missing('SSEDescription.Status', 'dax:DescribeClusters', 'cluster');
    });
  },
});
