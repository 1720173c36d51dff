import type {
  GetBucketLocationCommandOutput,
  ListBucketsCommandOutput,
  Grant,
  LoggingEnabled,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { aclsNeutralised } from '../../analysis/s3-exposure.js';
import { answerOf } from '../answer.js';
import { describeError, errorSentence, isErrorNamed, MalformedResponse, requireField, tagErrorAction } from '../errors.js';
import { defineLoader } from '../loader.js';
import { pagesOf } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
import { forEachInTurn } from '../../engine/parallel.js';
const {
  S3Client,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} = sdk<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
const { GetPublicAccessBlockCommand: GetAccountPublicAccessBlockCommand, S3ControlClient } =
  sdk<typeof import('@aws-sdk/client-s3-control')>('@aws-sdk/client-s3-control');

registerClient('s3', S3Client);
registerClient('s3control', S3ControlClient);

export interface Bucket {
  name: string;
  /** undefined when ListBuckets gave no BucketRegion and GetBucketLocation failed: see regionError. */
  region?: string;
  regionError?: unknown;
  createdAt?: Date;
}

export type LocatedBucket = Bucket & { region: string };

/** GetBucketLocation's legacy answers: null/empty is us-east-1, EU is eu-west-1. */
export function regionFromLocationConstraint(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/**
 * The bucket's region from a GetBucketLocation answer, only when it is one: a LocationConstraint
 * document (an empty element is us-east-1) naming a region, agreeing with the x-amz-bucket-region
 * header S3 sends beside it. An HTML page, an empty body or another document would otherwise be
 * read as "no constraint", i.e. us-east-1, and judged by the residency check as such.
 */
export function bucketLocation(output: GetBucketLocationCommandOutput): string {
  const action = 's3:GetBucketLocation';
  const answer = answerOf(output);
  // Replayed and stubbed answers carry no raw facts: a recording was checked when it was made.
  if (answer && answer.root !== 'LocationConstraint') {
    throw new MalformedResponse(answer.root ? `it was a <${answer.root}> document, not a LocationConstraint` : 'it was empty', action);
  }
  const region = regionFromLocationConstraint(output.LocationConstraint);
  if (!REGION_NAME.test(region)) throw new MalformedResponse(`its LocationConstraint "${region}" is not a region name`, action);
  const header = answer?.headers['x-amz-bucket-region'];
  if (header && header !== region) {
    throw new MalformedResponse(`its LocationConstraint says ${region} but its x-amz-bucket-region header says ${header}`, action);
  }
  return region;
}

/**
 * Every bucket with its region. ListBuckets returns BucketRegion only when the request is
 * paginated (MaxBuckets set); an endpoint that leaves it out costs one GetBucketLocation
 * per such bucket. 10000 is the largest MaxBuckets S3 accepts. A bucket whose location
 * cannot be read (a bucket policy denying it) keeps the error, for that bucket alone.
 */
export const buckets = defineLoader({
  id: 's3.buckets',
  actions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
  async fetch({ aws }): Promise<Bucket[]> {
    const client = aws.s3(aws.homeRegion);
    const listed: NonNullable<ListBucketsCommandOutput['Buckets']> = [];
    for await (const page of pagesOf('s3:ListAllMyBuckets', 'ContinuationToken', paginateListBuckets({ client, pageSize: 10000 }, {}))) {
      // S3 always names the owner and sends the Buckets element (empty for no buckets): a page
      // with neither is an unusable answer, not an account without buckets.
      if (!page.Buckets && !page.Owner) throw new MalformedResponse('it held neither Buckets nor Owner', 's3:ListAllMyBuckets');
      listed.push(...(page.Buckets ?? []));
    }
    // Where the listing leaves out BucketRegion (older endpoints), one GetBucketLocation per bucket.
    const named = listed.filter((b) => b.Name);
    const buckets = new Array<Bucket>(named.length);
    await forEachInTurn(named, aws.endpointSlots, async (b, i) => {
      const bucket = { name: b.Name!, createdAt: b.CreationDate };
      if (b.BucketRegion) {
        buckets[i] = { ...bucket, region: b.BucketRegion };
        return;
      }
      try {
        buckets[i] = { ...bucket, region: bucketLocation(await client.send(new GetBucketLocationCommand({ Bucket: b.Name! }))) };
      } catch (regionError) {
        tagErrorAction(regionError, 's3:GetBucketLocation');
        buckets[i] = { ...bucket, regionError };
      }
    });
    return buckets;
  },
});

/** The bucket's own Block Public Access settings; null when none are configured. */
export const bucketPublicAccessBlock = defineLoader({
  id: 's3.bucketPublicAccessBlock',
  actions: ['s3:GetBucketPublicAccessBlock'],
  async fetch({ aws }, bucket: string, region: string): Promise<PublicAccessBlockConfiguration | null> {
    try {
      const out = await aws.s3(region).send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
      return requireField(out.PublicAccessBlockConfiguration, 'PublicAccessBlockConfiguration', 's3:GetBucketPublicAccessBlock');
    } catch (error) {
      if (isErrorNamed(error, 'NoSuchPublicAccessBlockConfiguration')) return null;
      throw error;
    }
  },
});

/** Absent configuration is a fact about the bucket: null, not an error. */
async function orNull<T>(read: () => Promise<T>, ...absent: string[]): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isErrorNamed(error, ...absent)) return null;
    throw error;
  }
}

/**
 * The account's Block Public Access, from S3 Control with the run's account id. No
 * configuration means all four settings are off.
 */
export const accountPublicAccessBlock = defineLoader({
  id: 's3control.accountPublicAccessBlock',
  actions: ['s3:GetAccountPublicAccessBlock'],
  async fetch({ aws, accountId }): Promise<PublicAccessBlockConfiguration | null> {
    return orNull(async () => {
      const out = await aws.s3control().send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId }));
      return requireField(out.PublicAccessBlockConfiguration, 'PublicAccessBlockConfiguration', 's3:GetAccountPublicAccessBlock');
    }, 'NoSuchPublicAccessBlockConfiguration');
  },
});

/**
 * The bucket policy's JSON text; null when the bucket has none. S3 answers a bucket without a
 * policy with NoSuchBucketPolicy, never with an empty 200: a 200 without a Policy document is
 * an unusable answer (an ERROR), not "no policy", which would pass S3.2, S3.3 and S3.6 unread.
 */
export const bucketPolicy = defineLoader({
  id: 's3.bucketPolicy',
  actions: ['s3:GetBucketPolicy'],
  async fetch({ aws }, bucket: string, region: string): Promise<string | null> {
    return orNull(async () => {
      const { Policy } = await aws.s3(region).send(new GetBucketPolicyCommand({ Bucket: bucket }));
      if (typeof Policy !== 'string' || !Policy.trim()) {
        throw new MalformedResponse(
          'it held no Policy document (a bucket without a policy answers NoSuchBucketPolicy)',
          's3:GetBucketPolicy',
        );
      }
      // A policy is a JSON object with statements; any other text is no answer (named for the call),
      // not a document for the policy analysis to fail on.
      let document: unknown;
      try {
        document = JSON.parse(Policy);
      } catch {
        throw new MalformedResponse('its Policy was not a JSON document', 's3:GetBucketPolicy');
      }
      if (!document || typeof document !== 'object' || Array.isArray(document) || !('Statement' in document)) {
        throw new MalformedResponse('its Policy was not a policy document (a JSON object with a Statement)', 's3:GetBucketPolicy');
      }
      return Policy;
    }, 'NoSuchBucketPolicy');
  },
});

export interface PolicyStatus {
  /** S3's own verdict on the policy; undefined when it gave none. */
  isPublic?: boolean;
  /** Why there is no verdict, when the call failed (an endpoint without it, a denied action). */
  unavailable?: string;
  /** What the call threw: the check goes on without S3's verdict, but lists the failed read (run.errors). */
  error?: unknown;
}

/** S3's own "is the policy public?"; never fails: no answer is a documented fallback, not an error. */
export const bucketPolicyStatus = defineLoader({
  id: 's3.bucketPolicyStatus',
  actions: ['s3:GetBucketPolicyStatus'],
  async fetch({ aws }, bucket: string, region: string): Promise<PolicyStatus> {
    try {
      const out = await aws.s3(region).send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
      const isPublic = out.PolicyStatus?.IsPublic;
      return typeof isPublic === 'boolean' ? { isPublic } : { unavailable: 'S3 returned no policy status' };
    } catch (error) {
      if (isErrorNamed(error, 'NoSuchBucketPolicy')) return {};
      tagErrorAction(error, 's3:GetBucketPolicyStatus');
      return { unavailable: errorSentence(describeError(error)), error };
    }
  },
});

export interface BucketAcl {
  /** The bucket owner's canonical user id: a grant to any other canonical user is to another account. */
  ownerId?: string;
  grants: Grant[];
}

export const bucketAcl = defineLoader({
  id: 's3.bucketAcl',
  actions: ['s3:GetBucketAcl'],
  async fetch({ aws }, bucket: string, region: string): Promise<BucketAcl> {
    const out = await aws.s3(region).send(new GetBucketAclCommand({ Bucket: bucket }));
    // Every ACL names its owner; an answer without owner or grants is unusable, not "no grants".
    if (!out.Owner && !out.Grants) throw new MalformedResponse('it held neither Owner nor Grants', 's3:GetBucketAcl');
    const grants = out.Grants ?? [];
    // A grant to a canonical user is judged against the owner's id: without it, none can be.
    if (!out.Owner?.ID && grants.some((g) => g.Grantee?.Type === 'CanonicalUser')) {
      throw new MalformedResponse('it named no Owner.ID, so its canonical-user grants cannot be told apart', 's3:GetBucketAcl');
    }
    return { ownerId: out.Owner?.ID, grants };
  },
});

/** Object Ownership (BucketOwnerEnforced disables ACLs); null when never set. */
export const bucketObjectOwnership = defineLoader({
  id: 's3.bucketObjectOwnership',
  actions: ['s3:GetBucketOwnershipControls'],
  async fetch({ aws }, bucket: string, region: string): Promise<string | null> {
    return orNull(
      async () => {
        const out = await aws.s3(region).send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
        const rules = requireField(out.OwnershipControls?.Rules, 'OwnershipControls rule', 's3:GetBucketOwnershipControls');
        return requireField(rules[0]?.ObjectOwnership, 'ObjectOwnership', 's3:GetBucketOwnershipControls');
        // S3's code; some emulators answer NoSuchOwnershipControls for the same absence.
      },
      'OwnershipControlsNotFoundError',
      'NoSuchOwnershipControls',
    );
  },
});

export interface Versioning {
  /** Enabled, Suspended, or undefined when versioning was never turned on. */
  status?: string;
  /** Enabled or Disabled; undefined when never configured. */
  mfaDelete?: string;
}

export const bucketVersioning = defineLoader({
  id: 's3.bucketVersioning',
  actions: ['s3:GetBucketVersioning'],
  async fetch({ aws }, bucket: string, region: string): Promise<Versioning> {
    const out = await aws.s3(region).send(new GetBucketVersioningCommand({ Bucket: bucket }));
    return { status: out.Status, mfaDelete: out.MFADelete };
  },
});

/**
 * Default encryption rules; null when the bucket has no default encryption configuration: S3's
 * ServerSideEncryptionConfigurationNotFoundError, or LocalStack's 200 without a
 * ServerSideEncryptionConfiguration element (its answer after DeleteBucketEncryption). Null
 * can only fail the KMS check, never pass it; a configuration without rules stays unusable.
 */
export const bucketEncryption = defineLoader({
  id: 's3.bucketEncryption',
  actions: ['s3:GetEncryptionConfiguration'],
  async fetch({ aws }, bucket: string, region: string): Promise<ServerSideEncryptionRule[] | null> {
    return orNull(async () => {
      const out = await aws.s3(region).send(new GetBucketEncryptionCommand({ Bucket: bucket }));
      if (out.ServerSideEncryptionConfiguration === undefined) return null;
      return requireField(
        out.ServerSideEncryptionConfiguration.Rules,
        'ServerSideEncryptionConfiguration rules',
        's3:GetEncryptionConfiguration',
      );
    }, 'ServerSideEncryptionConfigurationNotFoundError');
  },
});

/** Server access logging; null when off (S3 answers with an empty BucketLoggingStatus). */
export const bucketLogging = defineLoader({
  id: 's3.bucketLogging',
  actions: ['s3:GetBucketLogging'],
  async fetch({ aws }, bucket: string, region: string): Promise<LoggingEnabled | null> {
    return (await aws.s3(region).send(new GetBucketLoggingCommand({ Bucket: bucket }))).LoggingEnabled ?? null;
  },
});

export interface BucketAccessFacts {
  policy: string | null;
  policyStatus: PolicyStatus;
  /** null when never set; undefined when it could not be read (then the ACL is read anyway). */
  objectOwnership?: string | null;
  bucketBpa: PublicAccessBlockConfiguration | null;
  /** undefined when it could not be read: see accountBpaError. */
  accountBpa?: PublicAccessBlockConfiguration | null;
  accountBpaError?: unknown;
  /** undefined when ACLs cannot grant anything (disabled, or public grants ignored), so not read. */
  aclGrants?: Grant[];
}

/**
 * Everything that decides public exposure, read with as few calls as the answer allows:
 * the policy status only when there is a policy, the ACL only while ACLs can still grant.
 */
export const bucketAccess = defineLoader({
  id: 's3.bucketAccess',
  actions: [],
  uses: [bucketPolicy, bucketPolicyStatus, bucketAcl, bucketObjectOwnership, bucketPublicAccessBlock, accountPublicAccessBlock],
  async fetch({ load }, bucket: string, region: string): Promise<BucketAccessFacts> {
    const [policy, objectOwnership, bucketBpa, account] = await Promise.all([
      load(bucketPolicy, bucket, region),
      // Ownership only decides whether the ACL must be read; unknown means read it.
      load(bucketObjectOwnership, bucket, region).catch(() => undefined),
      load(bucketPublicAccessBlock, bucket, region),
      load(accountPublicAccessBlock).then(
        (accountBpa) => ({ accountBpa, accountBpaError: undefined as unknown }),
        (accountBpaError: unknown) => ({ accountBpa: undefined, accountBpaError }),
      ),
    ]);
    const facts: BucketAccessFacts = { policy, policyStatus: {}, objectOwnership, bucketBpa, ...account };
    const [policyStatus, aclGrants] = await Promise.all([
      policy ? load(bucketPolicyStatus, bucket, region) : Promise.resolve({}),
      aclsNeutralised({ objectOwnership, bucketBpa, accountBpa: account.accountBpa ?? null })
        ? Promise.resolve(undefined)
        : load(bucketAcl, bucket, region).then((acl) => acl.grants),
    ]);
    return { ...facts, policyStatus, aclGrants };
  },
});
