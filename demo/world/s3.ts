import type { Grant, LoggingEnabled, PublicAccessBlockConfiguration, ServerSideEncryption } from '@aws-sdk/client-s3';
import { awsError, daysAgo, DEMO_ACCOUNT, DEMO_ORGANIZATION_ID, type Handlers } from './types.js';

interface DemoBucket {
  name: string;
  region: string;
  /** Some endpoints leave BucketRegion out of ListBuckets: the loader falls back to GetBucketLocation. */
  listedWithRegion: boolean;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  policy?: object[];
  /** What S3's GetBucketPolicyStatus says about the policy. */
  policyIsPublic?: boolean;
  /** Grants beyond the owner's FULL_CONTROL. */
  aclGrants?: Grant[];
  ownership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
  versioning?: { Status?: 'Enabled' | 'Suspended'; MFADelete?: 'Enabled' | 'Disabled' };
  encryption?: { algorithm: ServerSideEncryption; key?: string };
  logging?: LoggingEnabled;
}

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const arn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const kmsKey = (region: string) => `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee`;
const group = (name: string, Permission: Grant['Permission']): Grant => ({
  Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${name}` },
  Permission,
});
const tlsOnly = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn(bucket), `${arn(bucket)}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** Account-level BPA: only the two flags that refuse new public grants; existing ones still count. */
export const accountPublicAccessBlock: PublicAccessBlockConfiguration = {
  BlockPublicAcls: true,
  IgnorePublicAcls: false,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: false,
};

export const buckets: DemoBucket[] = [
  {
    name: 'demo-public-assets',
    region: 'us-east-1',
    listedWithRegion: true,
    policy: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn('demo-public-assets')}/*` }],
    policyIsPublic: true,
    ownership: 'BucketOwnerPreferred',
    encryption: { algorithm: 'AES256' },
  },
  {
    name: 'demo-central-logs',
    region: 'us-east-1',
    listedWithRegion: true,
    publicAccessBlock: ALL_ON,
    policy: [
      tlsOnly('demo-central-logs'),
      {
        Sid: 'S3ServerAccessLogs',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn('demo-central-logs')}/*`,
        Condition: { StringEquals: { 'aws:SourceAccount': DEMO_ACCOUNT } },
      },
    ],
    policyIsPublic: false,
    ownership: 'BucketOwnerEnforced',
    versioning: { Status: 'Enabled', MFADelete: 'Enabled' },
    encryption: { algorithm: 'aws:kms', key: kmsKey('us-east-1') },
  },
  {
    // Public write by policy, closed by the bucket's RestrictPublicBuckets.
    name: 'demo-us-web-uploads',
    region: 'us-east-1',
    listedWithRegion: true,
    publicAccessBlock: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
    policy: [
      {
        Sid: 'AnonymousUploads',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:PutObject',
        Resource: `${arn('demo-us-web-uploads')}/uploads/*`,
      },
    ],
    policyIsPublic: true,
    ownership: 'BucketOwnerEnforced',
    versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
    encryption: { algorithm: 'aws:kms:dsse', key: kmsKey('us-east-1') },
    logging: { TargetBucket: 'demo-central-logs', TargetPrefix: 'demo-us-web-uploads/' },
  },
  {
    // ACL grants to AllUsers/AuthenticatedUsers: BlockPublicAcls alone does not neutralise them.
    name: 'demo-eu-customer-data',
    region: 'eu-west-1',
    listedWithRegion: true,
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false },
    policy: [
      {
        Sid: 'PartnerAccess',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: ['s3:GetObject', 's3:PutObjectAcl'],
        Resource: `${arn('demo-eu-customer-data')}/*`,
      },
    ],
    policyIsPublic: false,
    aclGrants: [group('AuthenticatedUsers', 'READ'), group('AllUsers', 'WRITE')],
    ownership: 'ObjectWriter',
    versioning: { Status: 'Suspended', MFADelete: 'Disabled' },
    encryption: { algorithm: 'aws:kms', key: kmsKey('eu-west-1') },
    logging: { TargetBucket: 'demo-eu-archive', TargetPrefix: 'access/' },
  },
  {
    // Allows "*", but a Deny for everyone not coming through one VPC endpoint closes it.
    name: 'demo-eu-archive',
    region: 'eu-west-1',
    listedWithRegion: false,
    publicAccessBlock: ALL_ON,
    policy: [
      {
        Sid: 'ReadForEveryoneInTheVpc',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [arn('demo-eu-archive'), `${arn('demo-eu-archive')}/*`],
      },
      {
        Sid: 'OnlyThroughTheEndpoint',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn('demo-eu-archive'), `${arn('demo-eu-archive')}/*`],
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
      },
      tlsOnly('demo-eu-archive'),
    ],
    policyIsPublic: false,
    versioning: { Status: 'Enabled' },
  },
  {
    // Shared with the whole organization through aws:PrincipalOrgID: inside the zone of trust, not public.
    name: 'demo-eu-shared-reports',
    region: 'eu-west-1',
    listedWithRegion: true,
    publicAccessBlock: ALL_ON,
    policy: [
      tlsOnly('demo-eu-shared-reports'),
      {
        Sid: 'OrganizationRead',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [arn('demo-eu-shared-reports'), `${arn('demo-eu-shared-reports')}/*`],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': DEMO_ORGANIZATION_ID } },
      },
    ],
    policyIsPublic: false,
    ownership: 'BucketOwnerEnforced',
    versioning: { Status: 'Enabled' },
    encryption: { algorithm: 'aws:kms', key: kmsKey('eu-west-1') },
    logging: { TargetBucket: 'demo-eu-archive', TargetPrefix: 'shared-reports/' },
  },
  // Outside the scanned regions: listed, but not evaluated.
  { name: 'demo-ap-backups', region: 'ap-southeast-2', listedWithRegion: true, publicAccessBlock: ALL_ON },
];

const find = (name: unknown): DemoBucket => {
  const bucket = buckets.find((b) => b.name === name);
  if (!bucket) throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
  return bucket;
};

/** S3 answers in the bucket's own region only; a call through another region's client is a bug. */
const inRegion = (region: string, input: Record<string, unknown>): DemoBucket => {
  const bucket = find(input.Bucket);
  if (bucket.region !== region) {
    throw awsError('PermanentRedirect', `The bucket ${bucket.name} is in ${bucket.region}, not ${region}`, 301);
  }
  return bucket;
};

export const s3Handlers: Handlers = {
  ListBuckets: () => ({
    Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: daysAgo(400), BucketRegion: b.listedWithRegion ? b.region : undefined })),
    Owner: { ID: 'demo-canonical-id', DisplayName: 'demo' },
  }),
  // eu-west-1 answers with the legacy "EU" constraint.
  GetBucketLocation: (_region, input) => ({
    LocationConstraint: find(input.Bucket).region === 'eu-west-1' ? 'EU' : find(input.Bucket).region,
  }),
  GetPublicAccessBlock: (region, input) => {
    const bucket = inRegion(region, input);
    if (!bucket.publicAccessBlock)
      throw awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
    return { PublicAccessBlockConfiguration: bucket.publicAccessBlock };
  },
  GetBucketPolicy: (region, input) => {
    const bucket = inRegion(region, input);
    if (!bucket.policy) throw awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    return { Policy: JSON.stringify({ Version: '2012-10-17', Statement: bucket.policy }) };
  },
  GetBucketPolicyStatus: (region, input) => {
    const bucket = inRegion(region, input);
    if (!bucket.policy) throw awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    return { PolicyStatus: { IsPublic: bucket.policyIsPublic } };
  },
  GetBucketAcl: (region, input) => {
    const bucket = inRegion(region, input);
    const owner = { ID: 'demo-canonical-id', DisplayName: 'demo' };
    return {
      Owner: owner,
      Grants: [{ Grantee: { Type: 'CanonicalUser', ...owner }, Permission: 'FULL_CONTROL' }, ...(bucket.aclGrants ?? [])],
    };
  },
  GetBucketOwnershipControls: (region, input) => {
    const bucket = inRegion(region, input);
    if (!bucket.ownership) throw awsError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404);
    return { OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ownership }] } };
  },
  GetBucketVersioning: (region, input) => ({ ...inRegion(region, input).versioning }),
  GetBucketEncryption: (region, input) => {
    const bucket = inRegion(region, input);
    if (!bucket.encryption) {
      throw awsError('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404);
    }
    const { algorithm, key } = bucket.encryption;
    return {
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, KMSMasterKeyID: key }, BucketKeyEnabled: !!key }],
      },
    };
  },
  GetBucketLogging: (region, input) => {
    const bucket = inRegion(region, input);
    return bucket.logging ? { LoggingEnabled: bucket.logging } : {};
  },
};

export const s3controlHandlers: Handlers = {
  GetPublicAccessBlock: (_region, input) => {
    if (input.AccountId !== DEMO_ACCOUNT) throw awsError('AccessDenied', 'Access Denied', 403);
    return { PublicAccessBlockConfiguration: accountPublicAccessBlock };
  },
};
