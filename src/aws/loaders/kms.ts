import type { KeyMetadata } from '@aws-sdk/client-kms';
import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { forEachInTurn } from '../../engine/parallel.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, paginateListKeys } =
  sdk<typeof import('@aws-sdk/client-kms')>('@aws-sdk/client-kms');

registerClient('kms', KMSClient);

/** Keys described at once in one region: DescribeKey shares KMS's per-account request quota. */
const DESCRIBE_IN_FLIGHT = 8;

/** Every key of a region (ListKeys, 1000 a page), each with its DescribeKey metadata. */
export const kmsKeys = defineLoader({
  id: 'kms.keys',
  actions: ['kms:ListKeys', 'kms:DescribeKey'],
  async fetch({ aws }, region: string): Promise<KeyMetadata[]> {
    const client = aws.client('kms', region);
    const listed = await listAll('kms:ListKeys', 'Keys', 'NextMarker', paginateListKeys({ client, pageSize: 1000 }, {}), (p) => p.Keys);
    const ids = listed.map((k) => requireField(k.KeyId, 'KeyId', 'kms:ListKeys'));
    const out: KeyMetadata[] = new Array<KeyMetadata>(ids.length);
    await forEachInTurn(ids, DESCRIBE_IN_FLIGHT, async (id, i) => {
      const described = await client.send(new DescribeKeyCommand({ KeyId: id }));
      const meta = requireField(described?.KeyMetadata, 'KeyMetadata', 'kms:DescribeKey');
      if (!meta.KeyId || !meta.Arn) throw new MalformedResponse('its KeyMetadata held no KeyId or Arn', 'kms:DescribeKey');
      out[i] = meta;
    });
    return out;
  },
});

/** Whether automatic rotation is on; asked only for keys in scope (customer-managed symmetric keys). */
export const keyRotation = defineLoader({
  id: 'kms.rotation',
  actions: ['kms:GetKeyRotationStatus'],
  async fetch({ aws }, region: string, keyId: string): Promise<boolean> {
    const out = await aws.client('kms', region).send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    return requireField(out?.KeyRotationEnabled, 'KeyRotationEnabled', 'kms:GetKeyRotationStatus');
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
