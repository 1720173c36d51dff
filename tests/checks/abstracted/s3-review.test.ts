/** Check-level table tests pinning the S3 review fixes, with stubbed S3 and S3 Control answers. */
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import aclsDisabled from '../../../checks/abstracted/s3-bucket-acls-disabled.js';
import crossAccount from '../../../checks/abstracted/s3-bucket-cross-account-restricted.js';
import dataResidency from '../../../checks/abstracted/s3-data-residency.js';
import publicRead from '../../../checks/abstracted/s3-bucket-no-public-read.js';
import publicWrite from '../../../checks/abstracted/s3-bucket-no-public-write.js';
import tlsOnly from '../../../checks/abstracted/s3-bucket-tls-only.js';
import versioning from '../../../checks/abstracted/s3-bucket-versioning.js';
import { tlsDeny } from '../../helpers/s3-policies.js';
import { doc, nothingConfigured, s3 } from '../../helpers/s3-world.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

/** One bucket per entry, each with the policy given (none when undefined). */
function withPolicies(policies: Record<string, string | undefined>) {
  s3.on(ListBucketsCommand).resolves({ Buckets: Object.keys(policies).map((Name) => ({ Name, BucketRegion: 'us-east-1' })) });
  for (const [Bucket, Policy] of Object.entries(policies)) {
    if (Policy) s3.on(GetBucketPolicyCommand, { Bucket }).resolves({ Policy });
  }
}

beforeEach(nothingConfigured);

describe('s3-bucket-tls-only: what counts as denying plain HTTP', () => {
  const deny = tlsDeny;
  it('table', async () => {
    withPolicies({
      'bool-false-any-principal': doc(
        deny('bool-false-any-principal', { Principal: { AWS: ['*'] }, Action: '*', Condition: { Bool: { 'AWS:SECURETRANSPORT': false } } }),
      ),
      // HTTP requests carry no TLS version: NumericLessThan on a missing key does not match, so HTTP is not refused.
      'tls-version-only': doc(deny('tls-version-only', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })),
      'both-in-one-statement': doc(
        deny('both-in-one-statement', {
          Condition: { Bool: { 'aws:SecureTransport': 'false' }, NumericLessThan: { 's3:TlsVersion': '1.2' } },
        }),
      ),
      'tls-version-beside': doc(
        deny('tls-version-beside'),
        deny('tls-version-beside', { Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }),
      ),
      'allow-secure-true': doc({ ...deny('allow-secure-true'), Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      'get-put-only': doc(deny('get-put-only', { Action: ['s3:GetObject', 's3:PutObject'] })),
      'one-char-keys': doc(deny('one-char-keys', { Resource: ['arn:aws:s3:::one-char-keys', 'arn:aws:s3:::one-char-keys/?'] })),
      malformed: '{"Statement": [null]}',
    });
    expect(verdicts(await runCheck(tlsOnly))).toEqual({
      'bool-false-any-principal': 'PASS',
      'tls-version-only': 'FAIL',
      'both-in-one-statement': 'FAIL',
      'tls-version-beside': 'PASS',
      'allow-secure-true': 'FAIL',
      'get-put-only': 'FAIL',
      'one-char-keys': 'FAIL',
      malformed: 'ERROR',
    });
  });
});

describe('s3-bucket-no-public-read / -write: resources of this bucket only', () => {
  it('table (an emulator that stores statements on other ARNs)', async () => {
    const allowAll = (Resource: unknown) => doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource });
    withPolicies({
      'other-bucket-arn': allowAll(['arn:aws:s3:::someone-else', 'arn:aws:s3:::someone-else/*']),
      'own-prefix': allowAll('arn:aws:s3:::own-prefix/public/*'),
      'bucket-arn-only': allowAll('arn:aws:s3:::bucket-arn-only'),
    });
    expect(verdicts(await runCheck(publicRead))).toEqual({ 'other-bucket-arn': 'PASS', 'own-prefix': 'FAIL', 'bucket-arn-only': 'FAIL' });
    expect(verdicts(await runCheck(publicWrite))).toEqual({ 'other-bucket-arn': 'PASS', 'own-prefix': 'FAIL', 'bucket-arn-only': 'FAIL' });
  });

  it('a PASS says object ACLs were not read while ACLs are in effect, and not when they are disabled', async () => {
    withPolicies({ legacy: undefined, enforced: undefined });
    s3.on(GetBucketOwnershipControlsCommand, { Bucket: 'enforced' }).resolves({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const findings = await runCheck(publicRead);
    expect(verdicts(findings)).toEqual({ legacy: 'PASS', enforced: 'PASS' });
    expect(findingFor(findings, 'legacy').message).toContain('Object ACLs were not read');
    expect(findingFor(findings, 'enforced').message).not.toContain('Object ACLs');
  });

  it('a public ACL grant written in lower case by an emulator still fails', async () => {
    withPolicies({ lax: undefined });
    s3.on(GetBucketAclCommand).resolves({
      Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/allusers' }, Permission: 'READ' }],
    });
    expect(verdicts(await runCheck(publicRead))).toEqual({ lax: 'FAIL' });
  });
});

describe('Object Ownership absent under an emulator error code', () => {
  it('NoSuchOwnershipControls is the absence of the setting (FAIL for S3.12, ACL read for exposure), not an ERROR', async () => {
    withPolicies({ emulated: undefined });
    s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('NoSuchOwnershipControls', 'The ownership controls do not exist', 404));
    const [finding] = await runCheck(aclsDisabled);
    expect([finding?.status, finding?.message]).toEqual(['FAIL', expect.stringContaining('no Object Ownership setting')]);
    s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    expect((await runCheck(aclsDisabled))[0]?.status).toBe('ERROR');
  });
});

describe('s3-bucket-cross-account-restricted: grants that act on this bucket', () => {
  it('table', async () => {
    const partner = (bucket: string, Action: unknown, Resource: unknown) =>
      doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action,
        Resource: Resource ?? `arn:aws:s3:::${bucket}`,
      });
    withPolicies({
      'put-wildcard': partner('put-wildcard', 's3:Put*', undefined),
      'on-objects-only': partner('on-objects-only', 's3:PutBucketPolicy', 'arn:aws:s3:::on-objects-only/*'),
      'other-bucket': partner('other-bucket', 's3:*', 'arn:aws:s3:::someone-else'),
    });
    const findings = await runCheck(crossAccount);
    expect(verdicts(findings)).toEqual({ 'put-wildcard': 'FAIL', 'on-objects-only': 'PASS', 'other-bucket': 'PASS' });
    expect(findingFor(findings, 'put-wildcard').message).toBe(
      'statement 1 gives 210987654321 s3:PutBucketAcl, s3:PutBucketPolicy, s3:PutEncryptionConfiguration.',
    );
  });
});

describe('an endpoint that omits BucketRegion, and one bucket whose location is denied', () => {
  it('that bucket alone is an ERROR; the others are still judged (before: one ERROR for every bucket)', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'listed', BucketRegion: 'us-east-1' }, { Name: 'located' }, { Name: 'locked' }],
    });
    s3.on(GetBucketLocationCommand, { Bucket: 'located' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'locked' }).rejects(awsError('AccessDenied', 'denied by the bucket policy', 403));
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    const findings = await runCheck(versioning);
    expect(verdicts(findings)).toEqual({ listed: 'PASS', located: 'PASS', locked: 'ERROR' });
    expect(findingFor(findings, 'locked').message).toMatch(/s3:GetBucketLocation failed: AccessDenied/);
    const residency = await runCheck(dataResidency, { options: { allowedRegions: ['us-east-1'] } });
    expect(verdicts(residency)).toEqual({ listed: 'PASS', located: 'PASS', locked: 'ERROR' });
  });
});
