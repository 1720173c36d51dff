import s3DataResidency from './s3-data-residency.js';
import type { AnyCheck } from '../../src/engine/check.js';
import s3AccountPublicAccessBlock from './s3-account-public-access-block.js';
import s3BucketAccessLogging from './s3-bucket-access-logging.js';
import s3BucketAclsDisabled from './s3-bucket-acls-disabled.js';
import s3BucketCrossAccount from './s3-bucket-cross-account-restricted.js';
import s3BucketKmsEncryption from './s3-bucket-kms-encryption.js';
import s3BucketMfaDelete from './s3-bucket-mfa-delete.js';
import s3BucketNoPublicRead from './s3-bucket-no-public-read.js';
import s3BucketNoPublicWrite from './s3-bucket-no-public-write.js';
import s3BucketPublicAccessBlock from './s3-bucket-public-access-block.js';
import s3BucketTlsOnly from './s3-bucket-tls-only.js';
import s3BucketVersioning from './s3-bucket-versioning.js';
import s3BucketExternalAccess from './s3-bucket-external-access.js';

export const abstractedChecks: AnyCheck[] = [
  s3AccountPublicAccessBlock,
  s3BucketPublicAccessBlock,
  s3BucketNoPublicRead,
  s3BucketNoPublicWrite,
  s3BucketTlsOnly,
  s3BucketMfaDelete,
  s3BucketVersioning,
  s3BucketAccessLogging,
  s3BucketCrossAccount,
  s3BucketExternalAccess,
  s3BucketKmsEncryption,
  s3BucketAclsDisabled,
  s3DataResidency,
];
