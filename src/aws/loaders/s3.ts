import {
  GetBucketLocationCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import { isErrorNamed } from '../errors.js';
import { defineLoader } from '../loader.js';
import { collect } from './paginate.js';

export interface Bucket {
  name: string;
  region: string;
  createdAt?: Date;
}

/** GetBucketLocation's legacy answers: null/empty is us-east-1, EU is eu-west-1. */
export function regionFromLocationConstraint(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/**
 * Every bucket with its region. ListBuckets returns BucketRegion only when the request is
 * paginated (MaxBuckets set); an endpoint that leaves it out costs one GetBucketLocation
 * per such bucket.
 */
export const buckets = defineLoader({
  id: 's3.buckets',
  actions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
  async fetch({ aws }): Promise<Bucket[]> {
    const client = aws.s3(aws.homeRegion);
    const listed = await collect(paginateListBuckets({ client, pageSize: 1000 }, {}), (p) => p.Buckets);
    return Promise.all(
      listed
        .filter((b) => b.Name)
        .map(async (b) => {
          let region = b.BucketRegion;
          if (!region) {
            const loc = await client.send(new GetBucketLocationCommand({ Bucket: b.Name! }));
            region = regionFromLocationConstraint(loc.LocationConstraint);
          }
          return { name: b.Name!, region, createdAt: b.CreationDate };
        }),
    );
  },
});

/** The bucket's own Block Public Access settings; null when none are configured. */
export const bucketPublicAccessBlock = defineLoader({
  id: 's3.bucketPublicAccessBlock',
  actions: ['s3:GetBucketPublicAccessBlock'],
  async fetch({ aws }, bucket: string, region: string): Promise<PublicAccessBlockConfiguration | null> {
    try {
      const out = await aws.s3(region).send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
      return out.PublicAccessBlockConfiguration ?? null;
    } catch (error) {
      if (isErrorNamed(error, 'NoSuchPublicAccessBlockConfiguration')) return null;
      throw error;
    }
  },
});
