/** What the S3 checks share: the buckets in the scanned regions, each judged in its own region. */
import { buckets, type Bucket, type LocatedBucket } from '../../src/aws/loaders/s3.js';
import type { CheckContext, LoaderMap, ResultSink } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';
import { forEachByGroup } from '../../src/engine/parallel.js';
import { reportVerdict, type Verdict } from '../verdict.js';

export const bucketArn = (name: string, partition: string): string => `arn:${partition}:s3:::${name}`;

export function bucketResource(name: string, partition: string): Resource {
  return { id: name, type: 'AWS::S3::Bucket', arn: bucketArn(name, partition) };
}

/** A bucket whose region could not be read is an ERROR of its own (it may be in a scanned region), never skipped. */
export function reportUnlocated(bucket: Bucket, partition: string, result: ResultSink): bucket is LocatedBucket {
  if (bucket.region !== undefined) return true;
  reportVerdict(result, bucketResource(bucket.name, partition), { status: 'error', error: bucket.regionError });
  return false;
}

/**
 * Buckets are listed account-wide; only those in the scanned regions are evaluated, each
 * read through a client of its own region, and each finding carries the bucket's region.
 */
export async function judgeBuckets<L extends LoaderMap & { buckets: typeof buckets }>(
  { regions, partition, load, result, endpointSlots }: CheckContext<L>,
  judge: (bucket: LocatedBucket) => Promise<Verdict>,
): Promise<void> {
  const all = await (load.buckets as () => Promise<Bucket[]>)();
  const scanned = all.filter((b): b is LocatedBucket => reportUnlocated(b, partition, result) && regions.includes(b.region));
  await forEachByGroup(
    scanned,
    (b) => b.region,
    // As many buckets of a region at once, on average (regions with more buckets get more), as
    // S3's endpoint may have calls in flight: a check whose reads are one call a bucket, left
    // alone at the end of a scan, still keeps the endpoint busy.
    endpointSlots,
    async (bucket) => {
      const opts = { region: bucket.region };
      let verdict: Verdict;
      try {
        verdict = await judge(bucket);
      } catch (error) {
        verdict = { status: 'error', error };
      }
      reportVerdict(result, bucketResource(bucket.name, partition), verdict, opts);
    },
  );
}
