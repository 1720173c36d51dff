import { buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeResidency, RESIDENCY_META, withoutPolicy } from '../residency.js';
import { bucketResource, reportUnlocated } from './s3-common.js';

export default defineCheck({
  ...RESIDENCY_META,
  id: 's3-data-residency',
  title: 'S3 buckets are only in allowed regions',
  category: 'abstracted',
  service: 's3',
  scope: 'global',
  remediation: 'Replicate or copy the objects to a bucket in an allowed region, point writers at it, then empty and delete this bucket.',
  loaders: { buckets },
  async run({ region, accountId, partition, load, result, options }) {
    const allowed = options.allowedRegions;
    if (withoutPolicy(allowed, { region, accountId, partition, result })) return;
    // Every bucket, not only those in the scanned regions: listing is account-wide, and a
    // bucket in a region nobody scans is exactly what a residency review looks for.
    for (const bucket of await load.buckets()) {
      if (!reportUnlocated(bucket, partition, result)) continue;
      judgeResidency(result, bucketResource(bucket.name, partition), 'bucket', bucket.region, allowed, { region: bucket.region });
    }
  },
});
