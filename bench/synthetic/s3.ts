/** S3 of the synthetic account: buckets across regions, each with its own configuration, read through its own region. */
import { awsError } from '../../demo/world/types.js';
import { ACCOUNT_ID, page, pages, type Account, type SyntheticService } from './model.js';

const ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

interface SyntheticBucket {
  name: string;
  region: string;
  bpa: boolean;
  policy?: string;
  enforced: boolean;
  versioning: boolean;
  kms: boolean;
  logging: boolean;
}

function policyFor(name: string, kind: number): string | undefined {
  const arn = `arn:aws:s3:::${name}`;
  if (kind === 0) return undefined;
  const statement =
    kind === 1
      ? { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/*` }
      : {
          Sid: 'TlsOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

export function s3(account: Account): SyntheticService {
  const perRegion = account.spread(account.spec.buckets);
  const buckets: SyntheticBucket[] = account.regions.flatMap((region) =>
    Array.from({ length: perRegion[region]! }, (_, i) => {
      const name = `bench-${region}-${i}`;
      return {
        name,
        region,
        bpa: account.random() < 0.6,
        policy: policyFor(name, Math.floor(account.random() * 3)),
        enforced: account.random() < 0.5,
        versioning: account.random() < 0.5,
        kms: account.random() < 0.4,
        logging: account.random() < 0.3,
      };
    }),
  );
  const byName = new Map(buckets.map((b) => [b.name, b]));
  const get = (region: string, input: Record<string, unknown>): SyntheticBucket => {
    const bucket = byName.get(String(input.Bucket));
    if (!bucket) throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
    if (bucket.region !== region) throw awsError('PermanentRedirect', 'The bucket is in another region', 301);
    return bucket;
  };
  // GetBucketPolicyStatus only for buckets with a policy; GetBucketAcl only while ACLs can grant access.
  const withPolicy = buckets.filter((b) => b.policy).length;
  // The ACL is read wherever ACLs are not disabled: grants to other accounts (s3-bucket-external-access) survive IgnorePublicAcls.
  const aclRead = buckets.filter((b) => !b.enforced).length;
  return {
    service: 's3',
    handlers: {
      ListBuckets: (_region, input) => {
        const { items, next } = page(buckets, input, {
          limitKey: 'MaxBuckets',
          tokenKey: 'ContinuationToken',
          max: 10000,
          defaultSize: 10000,
        });
        return { Buckets: items.map((b) => ({ Name: b.name, BucketRegion: b.region })), ...next };
      },
      GetPublicAccessBlock: (region, input) => {
        if (!get(region, input).bpa) throw awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404);
        return { PublicAccessBlockConfiguration: ON };
      },
      GetBucketPolicy: (region, input) => {
        const policy = get(region, input).policy;
        if (!policy) throw awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
        return { Policy: policy };
      },
      GetBucketPolicyStatus: (region, input) => ({
        PolicyStatus: { IsPublic: get(region, input).policy?.includes('PublicRead') === true },
      }),
      GetBucketAcl: (region, input) => {
        get(region, input);
        return { Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] };
      },
      GetBucketOwnershipControls: (region, input) => {
        if (!get(region, input).enforced) throw awsError('OwnershipControlsNotFoundError', 'none', 404);
        return { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
      },
      GetBucketVersioning: (region, input) => (get(region, input).versioning ? { Status: 'Enabled', MFADelete: 'Disabled' } : {}),
      GetBucketEncryption: (region, input) => ({
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: get(region, input).kms
                ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:key' }
                : { SSEAlgorithm: 'AES256' },
            },
          ],
        },
      }),
      GetBucketLogging: (region, input) =>
        get(region, input).logging ? { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: `${String(input.Bucket)}/` } } : {},
    },
    minimalCalls: {
      's3:ListAllMyBuckets': pages(buckets.length, 10000),
      's3:GetBucketPublicAccessBlock': buckets.length,
      's3:GetBucketPolicy': buckets.length,
      's3:GetBucketPolicyStatus': withPolicy,
      's3:GetBucketAcl': aclRead,
      's3:GetBucketOwnershipControls': buckets.length,
      's3:GetBucketVersioning': buckets.length,
      's3:GetEncryptionConfiguration': buckets.length,
      's3:GetBucketLogging': buckets.length,
    },
    // List the buckets, read a bucket's configuration, then its policy status or ACL.
    criticalPath: pages(buckets.length, 10000) + 2,
  };
}

export function s3control(): SyntheticService {
  return {
    service: 's3control',
    handlers: {
      GetPublicAccessBlock: (_region, input) => {
        if (input.AccountId !== ACCOUNT_ID) throw awsError('AccessDenied', 'wrong account', 403);
        throw awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      },
    },
    minimalCalls: { 's3:GetAccountPublicAccessBlock': 1 },
    criticalPath: 1,
  };
}
