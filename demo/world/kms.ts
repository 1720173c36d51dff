import type { KeyMetadata } from '@aws-sdk/client-kms';
import { doc, own, PARTNER_ACCOUNT, STRANGER_ACCOUNT } from './policies.js';
import { kmsKeyHandlers } from './logging.js';
import { byRegion, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

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

const mine = (region: string, id: unknown): DemoKey | undefined =>
  byRegion(keys, region).find((k) => k.meta.KeyId === id || k.meta.Arn === id);

/**
 * One KMS world: the keys of the logging world (rotation, pending deletion) and these (key
 * policies). Keys of the logging world have the default key policy: the account administers them.
 */
export const kmsHandlers: Handlers = {
  ListKeys: (region, input) => ({
    Keys: [
      ...(kmsKeyHandlers.ListKeys!(region, input) as { Keys: object[] }).Keys,
      ...byRegion(keys, region).map((k) => ({ KeyId: k.meta.KeyId, KeyArn: k.meta.Arn })),
    ],
    Truncated: false,
  }),
  DescribeKey: (region, input) => {
    const k = mine(region, input.KeyId);
    return k ? { KeyMetadata: k.meta } : kmsKeyHandlers.DescribeKey!(region, input);
  },
  GetKeyRotationStatus: (region, input) => {
    const k = mine(region, input.KeyId);
    return k ? { KeyRotationEnabled: true, KeyId: k.meta.Arn } : kmsKeyHandlers.GetKeyRotationStatus!(region, input);
  },
  GetKeyPolicy: (region, input) => {
    const k = mine(region, input.KeyId);
    if (k) return { Policy: k.policy, PolicyName: 'default' };
    // Throws NotFoundException for a key neither world holds.
    kmsKeyHandlers.DescribeKey!(region, input);
    return { Policy: doc(ADMIN), PolicyName: 'default' };
  },
};
