import type { KeyMetadata } from '@aws-sdk/client-kms';
import { doc, own, PARTNER_ACCOUNT, STRANGER_ACCOUNT } from './policies.js';
import { awsError, byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

const keyArn = (region: string, id: string) => `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/${id}`;
export const CUSTOMER_KEY = (region: string) => keyArn(region, '1111aaaa-22bb-33cc-44dd-555555eeeeee');
export const AWS_DYNAMODB_KEY = (region: string) => keyArn(region, '9999ffff-88ee-77dd-66cc-555555bbbbbb');

const ADMIN = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: own }, Action: 'kms:*', Resource: '*' };

interface DemoKey {
  meta: KeyMetadata;
  policy: string;
}

const key = (region: string, id: string, manager: 'AWS' | 'CUSTOMER', description: string, policy: string): DemoKey => ({
  meta: {
    KeyId: id,
    Arn: keyArn(region, id),
    AWSAccountId: DEMO_ACCOUNT,
    KeyManager: manager,
    KeyState: 'Enabled',
    Enabled: true,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    Origin: 'AWS_KMS',
    Description: description,
    CreationDate: daysAgo(400),
  },
  policy,
});

const keys: Partial<Record<string, DemoKey[]>> = {
  'us-east-1': [
    key(
      'us-east-1',
      '1111aaaa-22bb-33cc-44dd-555555eeeeee',
      'CUSTOMER',
      'orders data key',
      doc(ADMIN, {
        Sid: 'PartnerDecrypt',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: '*',
      }),
    ),
    key(
      'us-east-1',
      '2222bbbb-33cc-44dd-55ee-666666ffffff',
      'CUSTOMER',
      'shared with a vendor',
      doc(ADMIN, {
        Sid: 'VendorFullAccess',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${STRANGER_ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      }),
    ),
  ],
  'eu-west-1': [
    key('eu-west-1', '1111aaaa-22bb-33cc-44dd-555555eeeeee', 'CUSTOMER', 'eu data key', doc(ADMIN)),
    key(
      'eu-west-1',
      '3333cccc-44dd-55ee-66ff-777777aaaaaa',
      'CUSTOMER',
      'signing key (left open)',
      doc(ADMIN, {
        Sid: 'AnyoneVerify',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Verify', 'kms:GetPublicKey'],
        Resource: '*',
      }),
    ),
    // The AWS managed key of DynamoDB: its policy allows any principal of this account, through DynamoDB only.
    key(
      'eu-west-1',
      '9999ffff-88ee-77dd-66cc-555555bbbbbb',
      'AWS',
      'Default key that protects my DynamoDB data when no other key is defined',
      doc({
        Sid: 'Allow access through Amazon DynamoDB for all principals in the account that are authorized to use Amazon DynamoDB',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': DEMO_ACCOUNT, 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' } },
      }),
    ),
  ],
};

function find(region: string, id: unknown): DemoKey {
  const found = byRegion(keys, region).find((k) => k.meta.KeyId === id || k.meta.Arn === id);
  if (!found) throw awsError('NotFoundException', `Key '${String(id)}' does not exist`);
  return found;
}

export const kmsHandlers: Handlers = {
  ListKeys: (region) => ({ Keys: byRegion(keys, region).map((k) => ({ KeyId: k.meta.KeyId, KeyArn: k.meta.Arn })), Truncated: false }),
  DescribeKey: (region, input) => ({ KeyMetadata: find(region, input.KeyId).meta }),
  GetKeyPolicy: (region, input) => ({ Policy: find(region, input.KeyId).policy, PolicyName: 'default' }),
};
