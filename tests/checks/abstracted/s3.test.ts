import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { beforeEach, describe, expect, it } from 'vitest';
import { abstractedChecks } from '../../../checks/abstracted/index.js';
import accountBpa from '../../../checks/abstracted/s3-account-public-access-block.js';
import logging from '../../../checks/abstracted/s3-bucket-access-logging.js';
import aclsDisabled from '../../../checks/abstracted/s3-bucket-acls-disabled.js';
import crossAccount from '../../../checks/abstracted/s3-bucket-cross-account-restricted.js';
import kms from '../../../checks/abstracted/s3-bucket-kms-encryption.js';
import mfaDelete from '../../../checks/abstracted/s3-bucket-mfa-delete.js';
import publicRead from '../../../checks/abstracted/s3-bucket-no-public-read.js';
import publicWrite from '../../../checks/abstracted/s3-bucket-no-public-write.js';
import bucketBpa from '../../../checks/abstracted/s3-bucket-public-access-block.js';
import tlsOnly from '../../../checks/abstracted/s3-bucket-tls-only.js';
import versioning from '../../../checks/abstracted/s3-bucket-versioning.js';
import { tlsDeny } from '../../helpers/s3-policies.js';
import { ALL_OFF, ALL_ON, doc, listBuckets, nothingConfigured, s3, s3control } from '../../helpers/s3-world.js';
import { ACCOUNT, awsError, findingFor, runCheck, runAll, verdicts } from '../../helpers/check-tester.js';

const publicGet = (bucket: string) => ({
  Sid: 'Anyone',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});

beforeEach(nothingConfigured);

describe('s3-account-public-access-block', () => {
  it('passes all four on, fails some off, and reads S3 Control with the run account id', async () => {
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    expect((await runCheck(accountBpa))[0]?.status).toBe('PASS');
    expect(s3control.commandCalls(GetAccountPublicAccessBlockCommand)[0]!.args[0].input).toEqual({ AccountId: ACCOUNT });
    s3control
      .on(GetAccountPublicAccessBlockCommand)
      .resolves({ PublicAccessBlockConfiguration: { ...ALL_ON, RestrictPublicBuckets: false } });
    const [finding] = await runCheck(accountBpa);
    expect([finding?.status, finding?.message]).toEqual(['FAIL', 'Account-level Block Public Access settings off: RestrictPublicBuckets.']);
  });

  it('NoSuchPublicAccessBlockConfiguration means all four off (FAIL), AccessDenied is an ERROR', async () => {
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
    expect((await runCheck(accountBpa))[0]?.message).toContain('all four settings are off');
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'denied', 403));
    expect((await runCheck(accountBpa))[0]?.status).toBe('ERROR');
  });
});

describe('buckets in several regions', () => {
  it('are each read through a client of their own region; buckets outside the scanned regions are left out', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'east', BucketRegion: 'us-east-1' }, { Name: 'sydney', BucketRegion: 'ap-southeast-2' }, { Name: 'legacy' }],
    });
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    const findings = await runCheck(versioning, { regions: ['us-east-1', 'eu-west-1'] });
    expect(findings.map((f) => [f.resource.id, f.region, f.status])).toEqual([
      ['legacy', 'eu-west-1', 'PASS'],
      ['east', 'us-east-1', 'PASS'],
    ]);
    // ListBuckets asks with MaxBuckets so that S3 returns BucketRegion.
    expect(s3.commandCalls(ListBucketsCommand)[0]!.args[0].input).toMatchObject({ MaxBuckets: 10000 });
    const regionOf = async (bucket: string) => {
      const call = s3.commandCalls(GetBucketVersioningCommand).find((c) => c.args[0].input.Bucket === bucket)!;
      return (call.thisValue as S3Client).config.region();
    };
    expect(await regionOf('legacy')).toBe('eu-west-1');
    expect(await regionOf('east')).toBe('us-east-1');
  });

  it('a bucket whose read fails is an ERROR; the others are still judged', async () => {
    listBuckets(['a', 'us-east-1'], ['b', 'us-east-1']);
    s3.on(GetBucketVersioningCommand, { Bucket: 'a' }).rejects(awsError('AccessDenied', 'denied', 403));
    s3.on(GetBucketVersioningCommand, { Bucket: 'b' }).resolves({});
    expect(verdicts(await runCheck(versioning))).toEqual({ a: 'ERROR', b: 'FAIL' });
  });
});

describe('s3-bucket-no-public-read / -write', () => {
  it('fails a public policy and names the statement; passes no policy', async () => {
    listBuckets(['open', 'us-east-1'], ['closed', 'us-east-1']);
    s3.on(GetBucketPolicyCommand, { Bucket: 'open' }).resolves({ Policy: doc(publicGet('open')) });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    const findings = await runCheck(publicRead);
    expect(verdicts(findings)).toEqual({ open: 'FAIL', closed: 'PASS' });
    expect(findingFor(findings, 'open').message).toContain('statement "Anyone"');
    expect(verdicts(await runCheck(publicWrite))).toEqual({ open: 'PASS', closed: 'PASS' });
  });

  it('an endpoint answering GetBucketPolicyStatus with an empty body or NotImplemented: the verdict stands', async () => {
    listBuckets(['open', 'us-east-1']);
    s3.on(GetBucketPolicyCommand).resolves({ Policy: doc(publicGet('open')) });
    s3.on(GetBucketPolicyStatusCommand).resolves({});
    expect(findingFor(await runCheck(publicRead), 'open').status).toBe('FAIL');
    s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NotImplemented', 'not implemented', 501));
    const finding = findingFor(await runCheck(publicRead), 'open');
    expect(finding.status).toBe('FAIL');
    expect(finding.message).toContain('policy status was not available');
  });

  it("says so when S3's policy status disagrees", async () => {
    listBuckets(['open', 'us-east-1']);
    s3.on(GetBucketPolicyCommand).resolves({ Policy: doc(publicGet('open')) });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
    const finding = findingFor(await runCheck(publicRead), 'open');
    expect(finding.status).toBe('FAIL');
    expect(finding.message).toContain('calls the policy not public');
  });

  it('public ACL grants fail unless IgnorePublicAcls (account or bucket); the ACL is not read when ACLs are disabled', async () => {
    listBuckets(['acl', 'us-east-1'], ['enforced', 'us-east-1']);
    s3.on(GetBucketAclCommand).resolves({
      Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'WRITE' }],
    });
    s3.on(GetBucketOwnershipControlsCommand, { Bucket: 'enforced' }).resolves({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(verdicts(await runCheck(publicWrite))).toEqual({ acl: 'FAIL', enforced: 'PASS' });
    expect(s3.commandCalls(GetBucketAclCommand).map((c) => c.args[0].input.Bucket)).toEqual(['acl']);
    s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { ...ALL_OFF, IgnorePublicAcls: true } });
    expect(verdicts(await runCheck(publicWrite))).toEqual({ acl: 'PASS', enforced: 'PASS' });
  });

  it('account BPA unreadable: a bucket that would be public is an ERROR (RestrictPublicBuckets might close it), a private one passes', async () => {
    listBuckets(['open', 'us-east-1'], ['private', 'us-east-1']);
    s3control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'denied', 403));
    s3.on(GetBucketPolicyCommand, { Bucket: 'open' }).resolves({ Policy: doc(publicGet('open')) });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    const findings = await runCheck(publicRead);
    expect(verdicts(findings)).toEqual({ open: 'ERROR', private: 'PASS' });
    expect(findingFor(findings, 'open').message).toContain('AccessDenied');
  });

  it('a bucket policy that is not JSON is an ERROR, never a PASS', async () => {
    listBuckets(['broken', 'us-east-1']);
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement": [' });
    expect(verdicts(await runCheck(publicRead))).toEqual({ broken: 'ERROR' });
  });
});

describe('policy-based checks', () => {
  const tls = tlsDeny;

  it('s3-bucket-tls-only: passes the Deny on both ARNs; fails objects only, one principal, no policy', async () => {
    listBuckets(['good', 'us-east-1'], ['objects-only', 'us-east-1'], ['one-principal', 'us-east-1'], ['none', 'us-east-1']);
    s3.on(GetBucketPolicyCommand, { Bucket: 'good' }).resolves({ Policy: doc(tls('good')) });
    s3.on(GetBucketPolicyCommand, { Bucket: 'objects-only' }).resolves({
      Policy: doc(tls('objects-only', { Resource: 'arn:aws:s3:::objects-only/*' })),
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'one-principal' }).resolves({
      Policy: doc(tls('one-principal', { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
    });
    const findings = await runCheck(tlsOnly);
    expect(verdicts(findings)).toEqual({ good: 'PASS', 'objects-only': 'FAIL', 'one-principal': 'FAIL', none: 'FAIL' });
    expect(findingFor(findings, 'none').message).toContain('no policy');
  });

  it('s3-bucket-cross-account-restricted: fails another account with PutBucketPolicy, passes it once trusted, fails "*" unless pinned', async () => {
    listBuckets(['partner', 'us-east-1'], ['anyone', 'us-east-1'], ['org-only', 'us-east-1'], ['read-only', 'us-east-1']);
    const grant = (bucket: string, extra: object) => ({
      Effect: 'Allow',
      Action: ['s3:PutBucketPolicy', 's3:GetObject'],
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      ...extra,
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'partner' }).resolves({
      Policy: doc(grant('partner', { Principal: { AWS: ['arn:aws:iam::210987654321:role/ci', ACCOUNT] } })),
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'anyone' }).resolves({ Policy: doc(grant('anyone', { Principal: '*' })) });
    s3.on(GetBucketPolicyCommand, { Bucket: 'org-only' }).resolves({
      Policy: doc(grant('org-only', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })),
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'read-only' }).resolves({
      Policy: doc(grant('read-only', { Principal: { AWS: '210987654321' }, Action: 's3:GetObject' })),
    });
    const findings = await runCheck(crossAccount);
    expect(verdicts(findings)).toEqual({ partner: 'FAIL', anyone: 'FAIL', 'org-only': 'PASS', 'read-only': 'PASS' });
    expect(findingFor(findings, 'partner').message).toBe('statement 1 gives 210987654321 s3:PutBucketPolicy.');
    expect(verdicts(await runCheck(crossAccount, { options: { s3TrustedAccountIds: ['210987654321'] } })).partner).toBe('PASS');
  });
});

describe('bucket settings', () => {
  beforeEach(() => listBuckets(['a', 'us-east-1'], ['b', 'us-east-1'], ['c', 'us-east-1']));

  it('versioning and MFA delete', async () => {
    s3.on(GetBucketVersioningCommand, { Bucket: 'a' }).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'b' }).resolves({ Status: 'Suspended', MFADelete: 'Disabled' });
    s3.on(GetBucketVersioningCommand, { Bucket: 'c' }).resolves({});
    expect(verdicts(await runCheck(versioning))).toEqual({ a: 'PASS', b: 'FAIL', c: 'FAIL' });
    expect(verdicts(await runCheck(mfaDelete))).toEqual({ a: 'PASS', b: 'FAIL', c: 'FAIL' });
  });

  it('server access logging', async () => {
    s3.on(GetBucketLoggingCommand, { Bucket: 'a' }).resolves({ LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'a/' } });
    s3.on(GetBucketLoggingCommand, { Bucket: 'b' }).resolves({});
    s3.on(GetBucketLoggingCommand, { Bucket: 'c' }).rejects(awsError('AccessDenied', 'denied', 403));
    expect(verdicts(await runCheck(logging))).toEqual({ a: 'PASS', b: 'FAIL', c: 'ERROR' });
  });

  it('default encryption with KMS: aws:kms passes, AES256 and no configuration fail', async () => {
    const rule = (SSEAlgorithm: 'aws:kms' | 'AES256') => ({
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm } }] },
    });
    s3.on(GetBucketEncryptionCommand, { Bucket: 'a' }).resolves(rule('aws:kms'));
    s3.on(GetBucketEncryptionCommand, { Bucket: 'b' }).resolves(rule('AES256'));
    s3.on(GetBucketEncryptionCommand, { Bucket: 'c' }).rejects(awsError('ServerSideEncryptionConfigurationNotFoundError', 'none', 404));
    const findings = await runCheck(kms);
    expect(verdicts(findings)).toEqual({ a: 'PASS', b: 'FAIL', c: 'FAIL' });
    expect(findingFor(findings, 'c').message).toContain('No default encryption');
  });

  it('ACLs disabled: BucketOwnerEnforced passes, BucketOwnerPreferred and no setting fail', async () => {
    s3.on(GetBucketOwnershipControlsCommand, { Bucket: 'a' }).resolves({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    s3.on(GetBucketOwnershipControlsCommand, { Bucket: 'b' }).resolves({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
    });
    expect(verdicts(await runCheck(aclsDisabled))).toEqual({ a: 'PASS', b: 'FAIL', c: 'FAIL' });
  });

  it('bucket-level BPA: absent configuration fails, all on passes', async () => {
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'a' }).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'b' }).rejects(awsError('AccessDenied', 'denied', 403));
    expect(verdicts(await runCheck(bucketBpa))).toEqual({ a: 'PASS', b: 'ERROR', c: 'FAIL' });
  });
});

describe('calls per bucket', () => {
  it('every S3 check together reads each bucket with at most 8 calls: 6 always, the policy status only with a policy, the ACL only while ACLs count', async () => {
    listBuckets(['modern', 'us-east-1'], ['legacy', 'us-east-1']);
    s3.on(GetBucketOwnershipControlsCommand, { Bucket: 'modern' }).resolves({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'legacy' }).resolves({ Policy: doc(publicGet('legacy')) });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(GetBucketLoggingCommand).resolves({});
    s3.on(GetBucketEncryptionCommand).resolves({});
    await runAll(abstractedChecks);
    const perBucket = (bucket: string) => s3.calls().filter((c) => (c.args[0].input as { Bucket?: string }).Bucket === bucket).length;
    expect([perBucket('modern'), perBucket('legacy')]).toEqual([6, 8]);
    expect(s3control.calls()).toHaveLength(1);
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(1);
  });
});

describe('listing the buckets', () => {
  it('a ContinuationToken that comes back again, or a page with neither Buckets nor Owner, is an ERROR, not a short or empty list', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'b', BucketRegion: 'us-east-1' }], ContinuationToken: 'same' });
    const looped = await runCheck(versioning);
    expect(looped.map((f) => f.status)).toEqual(['ERROR']);
    expect(looped[0]!.message).toContain('s3:ListAllMyBuckets returned an unusable answer: it returned the ContinuationToken "same" twice');
    s3.on(ListBucketsCommand).resolves({});
    const blank = await runCheck(versioning);
    expect(blank.map((f) => f.status)).toEqual(['ERROR']);
    expect(blank[0]!.message).toContain('it held neither Buckets nor Owner');
    // An account without buckets: S3 sends the owner and an empty Buckets element.
    s3.on(ListBucketsCommand).resolves({ Buckets: [], Owner: { ID: 'owner' } });
    expect(await runCheck(versioning)).toEqual([]);
  });
});
