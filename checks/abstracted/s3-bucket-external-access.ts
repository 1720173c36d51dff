import { describeAccess } from '../../src/analysis/resource-policy.js';
import { bucketExternalAccess } from '../../src/analysis/s3-exposure.js';
import { bucketAccess, bucketAcl, buckets } from '../../src/aws/loaders/s3.js';
import { defineCheck } from '../../src/engine/check.js';
import { externalAccessVerdict, trustZoneLoaders, trustZoneOf, type ExternalGrant } from '../trust-zone.js';
import { judgeBuckets } from './s3-common.js';

export default defineCheck({
  id: 's3-bucket-external-access',
  title: 'S3 buckets grant nothing to principals outside the zone of trust',
  risk: 'A bucket policy or ACL grant to another account, an unpinned service principal or the public lets someone outside your control read, change or re-permission the data.',
  category: 'abstracted',
  responsibility: 'external-access',
  service: 's3',
  scope: 'global',
  severity: 'high',
  compliance: {},
  remediation:
    'Remove the statement or ACL grant, pin service principals with aws:SourceAccount, or, when the other account is a partner you trust, list it in the trustedAccountIds option.',
  loaders: { buckets, bucketAccess, bucketAcl, ...trustZoneLoaders },
  async run(ctx) {
    const zone = await trustZoneOf(ctx);
    await judgeBuckets(ctx, async (bucket) => {
      const facts = await ctx.load.bucketAccess(bucket.name, bucket.region);
      // Grants to other accounts survive IgnorePublicAcls: the ACL is read unless ACLs are disabled.
      const acl = facts.objectOwnership === 'BucketOwnerEnforced' ? undefined : await ctx.load.bucketAcl(bucket.name, bucket.region);
      const found = bucketExternalAccess({
        bucket: bucket.name,
        partition: ctx.partition,
        policy: facts.policy,
        acl,
        bucketBpa: facts.bucketBpa,
        accountBpa: facts.accountBpa ?? null,
        zone,
        pin: { internetPrefix: ctx.options.internetPrefix },
      });
      const isPublic = (a: { principal: string; conditions?: string }): boolean => a.principal === '*' && a.conditions === undefined;
      // Account-level BPA could not be read: its RestrictPublicBuckets or IgnorePublicAcls might close the public grants.
      if (facts.accountBpa === undefined && (found.policy.some(isPublic) || found.acl.some((g) => g.public))) {
        return { status: 'error', error: facts.accountBpaError };
      }
      const grants: ExternalGrant[] = [
        ...found.policy.map((a) => ({ text: `bucket policy ${describeAccess(a)}`, level: a.level, public: isPublic(a) })),
        ...found.acl.map((g) => ({ text: `ACL grants ${g.permission} to ${g.grantee}`, level: g.level, public: g.public })),
      ];
      const safeguards = found.safeguards.length ? `; ${found.safeguards.join('; ')}` : '';
      return externalAccessVerdict(grants, zone, {
        none: `No policy statement or ACL grant reaches a principal outside the zone${safeguards}`,
        evidence: { policyAccess: found.policy, aclGrants: found.acl },
      });
    });
  },
});
