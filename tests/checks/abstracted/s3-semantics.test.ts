/** Check-level table tests pinning the second S3 review, with stubbed S3 and S3 Control answers. */
import { GetBucketAclCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import crossAccount from '../../../checks/abstracted/s3-bucket-cross-account-restricted.js';
import publicRead from '../../../checks/abstracted/s3-bucket-no-public-read.js';
import publicWrite from '../../../checks/abstracted/s3-bucket-no-public-write.js';
import tlsOnly from '../../../checks/abstracted/s3-bucket-tls-only.js';
import { denyEveryone } from '../../helpers/s3-policies.js';
import { doc, listBuckets, nothingConfigured, s3 } from '../../helpers/s3-world.js';
import { findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const arn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const allUsers = (Permission: 'READ' | 'WRITE') => ({
  Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
  Permission,
});

beforeEach(() => {
  nothingConfigured();
  s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
});

describe('GetBucketPolicy answering 200 without a Policy document', () => {
  it('is an ERROR for every policy check, never "no policy" (a bucket without one answers NoSuchBucketPolicy)', async () => {
    listBuckets('missing', 'empty', 'blank', 'none');
    s3.on(GetBucketPolicyCommand, { Bucket: 'missing' }).resolves({});
    s3.on(GetBucketPolicyCommand, { Bucket: 'empty' }).resolves({ Policy: '' });
    s3.on(GetBucketPolicyCommand, { Bucket: 'blank' }).resolves({ Policy: '  \n' });
    // Before the fix: PASS, PASS, FAIL ("no policy") for the three malformed answers.
    const expected = { missing: 'ERROR', empty: 'ERROR', blank: 'ERROR' };
    expect(verdicts(await runCheck(publicRead))).toEqual({ ...expected, none: 'PASS' });
    expect(verdicts(await runCheck(crossAccount))).toEqual({ ...expected, none: 'PASS' });
    const tls = await runCheck(tlsOnly);
    expect(verdicts(tls)).toEqual({ ...expected, none: 'FAIL' });
    expect(findingFor(tls, 'empty').message).toContain('s3:GetBucketPolicy returned an unusable answer: it held no Policy document');
  });
});

describe('s3-bucket-no-public-read / -write: a bucket-policy Deny closes a public ACL grant', () => {
  it('table', async () => {
    listBuckets('deny-lists', 'deny-objects-only', 'deny-writes', 'deny-put-only', 'bool-not-service');
    const acl: Record<string, Array<ReturnType<typeof allUsers>>> = {
      'deny-lists': [allUsers('READ')],
      'deny-objects-only': [allUsers('READ')],
      'deny-writes': [allUsers('WRITE')],
      'deny-put-only': [allUsers('WRITE')],
      'bool-not-service': [allUsers('READ')],
    };
    for (const [Bucket, Grants] of Object.entries(acl)) s3.on(GetBucketAclCommand, { Bucket }).resolves({ Grants });
    const deny = denyEveryone;
    const policies: Record<string, string> = {
      'deny-lists': doc(deny('s3:List*', arn('deny-lists'))),
      'deny-objects-only': doc(deny('s3:*', `${arn('deny-objects-only')}/*`)),
      'deny-writes': doc(deny(['s3:PutObject', 's3:DeleteObject'], `${arn('deny-writes')}/*`)),
      'deny-put-only': doc(deny('s3:PutObject', `${arn('deny-put-only')}/*`)),
      'bool-not-service': doc(deny('s3:*', arn('bool-not-service'), { Condition: { Bool: { 'aws:PrincipalIsAWSService': 'false' } } })),
    };
    for (const [Bucket, Policy] of Object.entries(policies)) s3.on(GetBucketPolicyCommand, { Bucket }).resolves({ Policy });
    const read = await runCheck(publicRead);
    // Before the fix: deny-lists FAIL.
    expect(verdicts(read)).toEqual({
      'deny-lists': 'PASS',
      'deny-objects-only': 'FAIL',
      'deny-writes': 'PASS',
      'deny-put-only': 'PASS',
      'bool-not-service': 'FAIL',
    });
    expect(findingFor(read, 'deny-lists').message).toContain(
      'statement "Closer" denies everyone read access, closing the ACL grant of READ to AllUsers (anyone)',
    );
    // Before the fix: deny-writes FAIL.
    expect(verdicts(await runCheck(publicWrite))).toEqual({
      'deny-lists': 'PASS',
      'deny-objects-only': 'PASS',
      'deny-writes': 'PASS',
      'deny-put-only': 'FAIL',
      'bool-not-service': 'PASS',
    });
  });
});

describe('s3-bucket-tls-only: a Deny split over the bucket ARN and bucket/*', () => {
  it('passes and names both statements (before: FAIL); one for the objects alone still fails', async () => {
    listBuckets('split', 'objects-only');
    const tls = (Sid: string, Resource: string) => ({
      Sid,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'split' }).resolves({
      Policy: doc(tls('HttpBucket', arn('split')), tls('HttpObjects', `${arn('split')}/*`)),
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'objects-only' }).resolves({ Policy: doc(tls('HttpObjects', `${arn('objects-only')}/*`)) });
    const findings = await runCheck(tlsOnly);
    expect(verdicts(findings)).toEqual({ split: 'PASS', 'objects-only': 'FAIL' });
    expect(findingFor(findings, 'split').message).toBe(
      'statement "HttpBucket" and statement "HttpObjects" together deny every principal every S3 action on the bucket and its objects when aws:SecureTransport is false.',
    );
  });
});
