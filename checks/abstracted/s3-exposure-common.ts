/** S3.2 and S3.3 differ only in the access they ask about: the evaluation is shared. */
import { evaluateBucketExposure, type Access } from '../../src/analysis/s3-exposure.js';
import { bucketAccess, type BucketAccessFacts } from '../../src/aws/loaders/s3.js';
import type { CheckOptions } from '../../src/engine/options.js';
import { fail, pass, type Verdict } from '../verdict.js';

export function exposureVerdict(
  bucket: string,
  partition: string,
  facts: BucketAccessFacts,
  access: Access,
  options: CheckOptions,
): Verdict {
  const input = {
    bucket,
    partition,
    policy: facts.policy,
    aclGrants: facts.aclGrants,
    objectOwnership: facts.objectOwnership,
    bucketBpa: facts.bucketBpa,
    accountBpa: facts.accountBpa ?? null,
    s3SaysPolicyPublic: facts.policyStatus.isPublic,
    pin: { internetPrefix: options.internetPrefix },
  };
  const result = evaluateBucketExposure(input);
  const e = result[access];
  const notes = [
    result.disagreement,
    facts.policy && facts.policyStatus.unavailable
      ? `(S3's own policy status was not available: ${facts.policyStatus.unavailable})`
      : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const tail = notes ? ` ${notes}` : '';
  if (e.public) {
    // Account-level BPA could not be read: its RestrictPublicBuckets or IgnorePublicAcls might close this.
    if (facts.accountBpa === undefined) return { status: 'error', error: facts.accountBpaError };
    return fail(`Public ${access} access: ${e.causes.join('; ')}.${tail}`, facts.policyStatus.error);
  }
  const why = e.safeguards.length ? e.safeguards.join('; ') : `no policy statement or ACL grant gives the public ${access} access`;
  // The bucket ACL was read because ACLs still count; object ACLs are not read (one call per object).
  const objects =
    facts.aclGrants !== undefined
      ? ' Object ACLs were not read: while ACLs are in effect, an object can still be made public by its own ACL.'
      : '';
  return pass(`No public ${access} access: ${why}.${tail}${objects}`, facts.policyStatus.error);
}

export const exposureLoaders = { bucketAccess };
