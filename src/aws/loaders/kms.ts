import { KMSClient, DescribeKeyCommand, GetKeyPolicyCommand, paginateListKeys, type KeyMetadata } from '@aws-sdk/client-kms';
import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';

registerClient('kms', KMSClient);

/** Every key of the region with its metadata: ListKeys (1000 per page), then DescribeKey per key. */
export const kmsKeys = defineLoader({
  id: 'kms.keys',
  actions: ['kms:ListKeys', 'kms:DescribeKey'],
  async fetch({ aws }, region: string): Promise<KeyMetadata[]> {
    const client = aws.client('kms', region);
    const keys = await listAll('kms:ListKeys', 'Keys', 'NextMarker', paginateListKeys({ client, pageSize: 1000 }, {}), (p) => p.Keys);
    return Promise.all(
      keys.map(async (k) => {
        const out = await client.send(new DescribeKeyCommand({ KeyId: requireField(k.KeyId, 'KeyId', 'kms:ListKeys') }));
        return requireField(out?.KeyMetadata, 'KeyMetadata', 'kms:DescribeKey');
      }),
    );
  },
});

/** The key policy ("default" is the only name a key policy has). Every key has one. */
export const keyPolicy = defineLoader({
  id: 'kms.keyPolicy',
  actions: ['kms:GetKeyPolicy'],
  async fetch({ aws }, region: string, keyId: string): Promise<string> {
    const { Policy } = await aws.client('kms', region).send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
    if (typeof Policy !== 'string' || !Policy.trim())
      throw new MalformedResponse('it held no Policy (every KMS key has one)', 'kms:GetKeyPolicy');
    return Policy;
  },
});
