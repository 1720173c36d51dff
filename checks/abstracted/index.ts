import type { AnyCheck } from '../../src/engine/check.js';
import s3BucketPublicAccessBlock from './s3-bucket-public-access-block.js';

export const abstractedChecks: AnyCheck[] = [s3BucketPublicAccessBlock];
