import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { awsError, daysAgo, type Handlers } from './types.js';

interface DemoBucket {
  name: string;
  region: string;
  /** Some endpoints leave BucketRegion out of ListBuckets: the loader falls back to GetBucketLocation. */
  listedWithRegion: boolean;
  publicAccessBlock?: PublicAccessBlockConfiguration;
}

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export const buckets: DemoBucket[] = [
  { name: 'demo-public-assets', region: 'us-east-1', listedWithRegion: true },
  { name: 'demo-central-logs', region: 'us-east-1', listedWithRegion: true, publicAccessBlock: ALL_ON },
  {
    name: 'demo-eu-customer-data',
    region: 'eu-west-1',
    listedWithRegion: true,
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false },
  },
  { name: 'demo-eu-archive', region: 'eu-west-1', listedWithRegion: false, publicAccessBlock: ALL_ON },
  // Outside the scanned regions: listed, but not evaluated.
  { name: 'demo-ap-backups', region: 'ap-southeast-2', listedWithRegion: true, publicAccessBlock: ALL_ON },
];

const find = (name: unknown): DemoBucket => {
  const bucket = buckets.find((b) => b.name === name);
  if (!bucket) throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
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
  GetPublicAccessBlock: (_region, input) => {
    const bucket = find(input.Bucket);
    if (!bucket.publicAccessBlock)
      throw awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
    return { PublicAccessBlockConfiguration: bucket.publicAccessBlock };
  },
};
