import { doc } from '../helpers/s3-policies.js';
import { describe, expect, it } from 'vitest';
import {
  evaluateBucketExposure,
  evaluatePolicy,
  type AclGrant,
  type BpaFlags,
  type ExposureInput,
} from '../../src/analysis/s3-exposure.js';
import { parsePolicy, PolicyParseError } from '../../src/analysis/s3-policy.js';

const BUCKET = 'b';
const ARN = 'arn:aws:s3:::b';
const policy = doc;
const allow = (extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${ARN}/*`, ...extra });
const ALL_OFF: BpaFlags = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

function exposure(input: Partial<ExposureInput>) {
  return evaluateBucketExposure({ bucket: BUCKET, policy: null, aclGrants: [], bucketBpa: null, accountBpa: null, ...input });
}
const publicRead = (doc: string) => evaluatePolicy(doc, ARN).grants.some((g) => g.access === 'read');

describe('policy statements: public or not (S3 "meaning of public")', () => {
  const cases: Array<[string, string, boolean]> = [
    ['Principal * without condition', policy(allow()), true],
    ['Principal {"AWS": "*"}', policy(allow({ Principal: { AWS: '*' } })), true],
    ['Principal {"AWS": ["*"]} among fixed ones', policy(allow({ Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] } })), true],
    ['wildcard account ARN', policy(allow({ Principal: { AWS: 'arn:aws:iam::*:root' } })), true],
    ['Federated principal', policy(allow({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })), true],
    ['NotPrincipal with Allow', policy(allow({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } })), true],
    ['StringEquals aws:SourceVpce (fixed)', policy(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })), false],
    ['StringLike aws:SourceVpc "vpc-*"', policy(allow({ Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } })), true],
    ['StringLike aws:PrincipalOrgID "*"', policy(allow({ Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } })), true],
    [
      'StringEquals aws:PrincipalOrgID o-abc (fixed)',
      policy(allow({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })),
      false,
    ],
    ['a policy variable is not fixed', policy(allow({ Condition: { StringEquals: { 'aws:SourceArn': '${aws:username}' } } })), true],
    [
      'IfExists lets requests without the key through',
      policy(allow({ Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })),
      true,
    ],
    [
      'ForAllValues is vacuous on a missing key',
      policy(allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1' } } })),
      true,
    ],
    ['a key S3 does not accept (aws:SecureTransport)', policy(allow({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), true],
    ['aws:SourceIp 8.8.8.0/24', policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': '8.8.8.0/24' } } })), false],
    ['aws:SourceIp 0.0.0.0/1', policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } })), true],
    [
      'aws:SourceIp 10.0.0.0/8 (private: no public address)',
      policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })),
      false,
    ],
    [
      'aws:SourceIp 2600:1f00::/48 and 203.0.113.7',
      policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': ['2600:1f00::/48', '203.0.113.7'] } } })),
      false,
    ],
    ['aws:SourceIp ::/0', policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': ['8.8.8.0/24', '::/0'] } } })), true],
    [
      'NotIpAddress on an Allow admits the rest of the internet',
      policy(allow({ Condition: { NotIpAddress: { 'aws:SourceIp': '8.8.8.0/24' } } })),
      true,
    ],
    [
      'aws:userid role pattern AROLEID:* is a wildcard',
      policy(allow({ Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } } })),
      true,
    ],
    [
      'one fixed pin among other conditions is enough (ANDed)',
      policy(allow({ Condition: { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceAccount': '123456789012' } } })),
      false,
    ],
    [
      'a cross-account principal is fixed: not public (an S3.6 concern)',
      policy(allow({ Principal: { AWS: 'arn:aws:iam::210987654321:root' } })),
      false,
    ],
    ['a service principal is fixed', policy(allow({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })), false],
  ];
  for (const [name, doc, expected] of cases) {
    it(`${name} → ${expected ? 'public' : 'not public'}`, () => expect(publicRead(doc)).toBe(expected));
  }
});

describe('Deny statements count', () => {
  const denyUnless = (Condition: object, extra: object = {}) => ({
    Sid: 'OnlyViaEndpoint',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [ARN, `${ARN}/*`],
    Condition,
    ...extra,
  });
  const cases: Array<[string, string, boolean]> = [
    [
      'Allow * + Deny unless StringNotEquals aws:SourceVpce',
      policy(allow(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } })),
      false,
    ],
    [
      'Allow * + Deny unless aws:PrincipalOrgID',
      policy(allow(), denyUnless({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })),
      false,
    ],
    [
      'Allow * + Deny unless NotIpAddress 8.8.8.0/24',
      policy(allow(), denyUnless({ NotIpAddress: { 'aws:SourceIp': '8.8.8.0/24' } })),
      false,
    ],
    [
      'Allow * + Deny unless SourceVpce or SourceIp (both fixed)',
      policy(allow(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' }, NotIpAddress: { 'aws:SourceIp': '8.8.8.0/24' } })),
      false,
    ],
    [
      'Allow * + unconditional Deny of the same action',
      policy(allow(), denyUnless({}, { Condition: undefined, Action: 's3:GetObject' })),
      false,
    ],
    [
      'Deny unless StringNotLike aws:SourceVpc "vpc-*" (not fixed)',
      policy(allow(), denyUnless({ StringNotLike: { 'aws:SourceVpc': 'vpc-*' } })),
      true,
    ],
    [
      'Deny unless SourceVpce AND a key S3 does not accept',
      policy(allow(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:PrincipalTag/team': 'x' } })),
      true,
    ],
    [
      'Deny on http only (aws:SecureTransport false) leaves https public',
      policy(allow(), denyUnless({ Bool: { 'aws:SecureTransport': 'false' } })),
      true,
    ],
    [
      'Deny covering only the bucket ARN, not its objects',
      policy(allow(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { Resource: ARN })),
      true,
    ],
    [
      'Deny for one principal only',
      policy(
        allow(),
        denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { Principal: { AWS: 'arn:aws:iam::210987654321:root' } }),
      ),
      true,
    ],
    [
      'Deny of s3:PutObject does not close GetObject',
      policy(allow(), denyUnless({}, { Condition: undefined, Action: 's3:PutObject' })),
      true,
    ],
    [
      'Deny everyone but a fixed role (NotPrincipal)',
      policy(
        allow(),
        denyUnless({}, { Condition: undefined, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/app' } }),
      ),
      false,
    ],
  ];
  for (const [name, doc, expected] of cases) {
    it(`${name} → ${expected ? 'public' : 'not public'}`, () => expect(publicRead(doc)).toBe(expected));
  }

  it('a Deny closing read leaves a public write open', () => {
    const doc = policy(allow({ Action: ['s3:GetObject', 's3:PutObject'] }), denyUnless({}, { Condition: undefined, Action: 's3:Get*' }));
    const verdict = evaluatePolicy(doc, ARN);
    expect(verdict.grants.map((g) => [g.access, g.actions])).toEqual([['write', ['s3:PutObject']]]);
  });

  it('names the Deny that keeps the bucket private', () => {
    const e = exposure({ policy: policy(allow(), denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } })) });
    expect(e.read.public).toBe(false);
    expect(e.read.safeguards.join(' ')).toContain('statement "OnlyViaEndpoint"');
    expect(e.read.safeguards.join(' ')).toContain('aws:SourceVpce');
  });
});

describe('read and write are told apart', () => {
  it.each([
    ['s3:GetObject', true, false],
    ['s3:List*', true, false],
    ['s3:PutObject', false, true],
    ['s3:DeleteObject', false, true],
    ['s3:*', true, true],
    ['*', true, true],
    ['s3:*Object', true, true],
  ])('Action %s → read %s, write %s', (action, read, write) => {
    const e = exposure({ policy: policy(allow({ Action: action, Resource: [ARN, `${ARN}/*`] })) });
    expect([e.read.public, e.write.public]).toEqual([read, write]);
  });

  it('NotAction with Allow grants everything it does not list', () => {
    const e = exposure({ policy: policy(allow({ Action: undefined, NotAction: 's3:Delete*' })) });
    expect([e.read.public, e.write.public]).toEqual([true, true]);
  });
});

describe('Block Public Access, account and bucket, flag by flag', () => {
  const publicPolicy = policy(allow({ Sid: 'PublicRead' }));
  const readAcl: AclGrant[] = [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }];

  it('a public policy with account-level RestrictPublicBuckets is not public', () => {
    const e = exposure({ policy: publicPolicy, accountBpa: { ...ALL_OFF, RestrictPublicBuckets: true } });
    expect(e.read.public).toBe(false);
    expect(e.read.safeguards.join(' ')).toContain('account-level RestrictPublicBuckets');
  });

  it('a public policy with only BlockPublicPolicy stays public, and the message says why', () => {
    const e = exposure({ policy: publicPolicy, bucketBpa: { ...ALL_OFF, BlockPublicPolicy: true } });
    expect(e.read.public).toBe(true);
    expect(e.read.causes[0]).toContain('statement "PublicRead"');
    expect(e.read.causes[0]).toContain('only refuses new public policies');
  });

  it('a public-read ACL with bucket IgnorePublicAcls is not public', () => {
    const e = exposure({ aclGrants: readAcl, bucketBpa: { ...ALL_OFF, IgnorePublicAcls: true } });
    expect(e.read.public).toBe(false);
    expect(e.read.safeguards).toContain('bucket-level IgnorePublicAcls makes S3 ignore public ACL grants');
  });

  it('a public-read ACL with only BlockPublicAcls is public', () => {
    const e = exposure({ aclGrants: readAcl, bucketBpa: { ...ALL_OFF, BlockPublicAcls: true }, accountBpa: ALL_OFF });
    expect(e.read.public).toBe(true);
    expect(e.write.public).toBe(false);
    expect(e.read.causes).toEqual(['ACL grants READ to AllUsers (anyone) (bucket-level BlockPublicAcls only refuses new public ACLs)']);
  });

  it('ACL permissions: WRITE_ACP is write, FULL_CONTROL to AuthenticatedUsers is both, LogDelivery is not public', () => {
    const group = (uri: string, Permission: string): AclGrant => ({
      Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/${uri}` },
      Permission,
    });
    expect(exposure({ aclGrants: [group('global/AllUsers', 'WRITE_ACP')] }).write.public).toBe(true);
    const full = exposure({ aclGrants: [group('global/AuthenticatedUsers', 'FULL_CONTROL')] });
    expect([full.read.public, full.write.public]).toEqual([true, true]);
    expect(exposure({ aclGrants: [group('s3/LogDelivery', 'WRITE')] }).write.public).toBe(false);
  });

  it('ACLs disabled by BucketOwnerEnforced need not be read', () => {
    const e = exposure({ aclGrants: undefined, objectOwnership: 'BucketOwnerEnforced' });
    expect(e.read.public).toBe(false);
    expect(() => exposure({ aclGrants: undefined })).toThrow(/ACL was not read/);
  });
});

describe("cross-check with S3's GetBucketPolicyStatus", () => {
  it('S3 says not public, the policy allows "*": the evaluator is right (an emulator that always says false)', () => {
    const e = exposure({ policy: policy(allow()), s3SaysPolicyPublic: false });
    expect(e.read.public).toBe(true);
    expect(e.disagreement).toContain('calls the policy not public');
  });

  it('S3 says public, every grant is closed by a Deny unless the VPC endpoint: the evaluator is right, and says S3 disagrees', () => {
    const doc = policy(allow(), {
      Effect: 'Deny',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
    });
    const e = exposure({ policy: doc, s3SaysPolicyPublic: true });
    expect(e.read.public).toBe(false);
    expect(e.disagreement).toContain('calls the policy public');
  });

  it('no verdict from S3 (no policy, or an endpoint without the call): the evaluator stands, nothing to say', () => {
    expect(exposure({ policy: policy(allow()) }).disagreement).toBeUndefined();
    expect(exposure({ policy: null, s3SaysPolicyPublic: true }).disagreement).toBeUndefined();
  });
});

describe('parsing', () => {
  it('accepts a single Statement object and lower-case principal types', () => {
    expect(
      parsePolicy(JSON.stringify({ Statement: { Effect: 'Allow', Principal: { aws: '*' }, Action: 's3:GetObject', Resource: '*' } }))[0]!
        .principals,
    ).toEqual([{ type: 'AWS', value: '*' }]);
  });
  it('rejects text that is not a policy', () => {
    expect(() => parsePolicy('{not json')).toThrow(PolicyParseError);
    expect(() => parsePolicy('{"Statement":[{"Effect":"Maybe"}]}')).toThrow(/Effect/);
  });
});
