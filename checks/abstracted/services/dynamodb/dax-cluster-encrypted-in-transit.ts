import { daxClusters } from '../../../../src/aws/loaders/dynamodb.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { daxResource, fail, judgeEach, missing, pass } from '../common.js';

export default defineCheck({
  id: 'dax-cluster-encrypted-in-transit',
  title: 'DynamoDB Accelerator (DAX) cluster endpoints use TLS',
  risk: 'Without endpoint encryption, requests and cached items travel between clients and the cluster in clear text.',
  category: 'abstracted',
  responsibility: 'encryption-in-transit',
  service: 'dax',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['DynamoDB.7'] },
  remediation:
    'Endpoint encryption is chosen at creation: create a new cluster with ClusterEndpointEncryptionType TLS, move clients to it and delete this one.',
  loaders: { daxClusters },
  async run({ region, load, result }) {
    await judgeEach(result, await load.daxClusters(region), daxResource, (c) => {
      if (c.ClusterEndpointEncryptionType === 'TLS') return pass('The cluster endpoint requires TLS.');
      if (c.ClusterEndpointEncryptionType === 'NONE')
        return fail('The cluster endpoint is not encrypted (ClusterEndpointEncryptionType NONE).');
      return missing('ClusterEndpointEncryptionType', 'dax:DescribeClusters', 'cluster');
    });
  },
});
