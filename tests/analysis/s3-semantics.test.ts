/**
 * Table tests pinning the second S3 review, each decided against AWS's documented semantics:
 * a bucket-policy Deny closes public ACL grants (explicit Deny wins over any allow, ACL grants
 * included; the ACL-to-action mapping of the S3 ACL docs), the aws:SourceIp bound is per value
 * ("values broader than /8 for IPv4 and /32 for IPv6"), aws:PrincipalIsAWSService is absent
 * from anonymous requests, and a TLS-only Deny may be split over the bucket and its objects.
 */
import { denyEveryone, doc } from '../helpers/s3-policies.js';
import { describe, expect, it } from 'vitest';
import { evaluateBucketExposure, evaluatePolicy, type AclGrant } from '../../src/analysis/s3-exposure.js';
import { parsePolicy, tlsOnlyStatements } from '../../src/analysis/s3-policy.js';

const ARN = 'arn:aws:s3:::b';
const policy = doc;
const allow = (extra: object = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${ARN}/*`, ...extra });
const deny = denyEveryone;
const grant = (group: 'AllUsers' | 'AuthenticatedUsers', Permission: string | undefined): AclGrant => ({
  Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${group}` },
  Permission,
});
const exposure = (grants: AclGrant[], ...statements: object[]) =>
  evaluateBucketExposure({
    bucket: 'b',
    policy: statements.length ? policy(...statements) : null,
    aclGrants: grants,
    bucketBpa: null,
    accountBpa: null,
  });
const publicAccess = (grants: AclGrant[], ...statements: object[]) => {
  const e = exposure(grants, ...statements);
  return { read: e.read.public, write: e.write.public };
};
const LISTS = ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'];
const OBJECT_WRITES = ['s3:PutObject', 's3:DeleteObject'];
const notVpce = { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } };

describe('a bucket-policy Deny for everyone closes the public ACL grant whose every action it denies', () => {
  const cases: Array<[string, AclGrant[], object[], { read: boolean; write: boolean }]> = [
    ['AllUsers READ, no policy', [grant('AllUsers', 'READ')], [], { read: true, write: false }],
    // Before the fix: public (the policy was never read against ACL grants).
    [
      'AllUsers READ; Deny * s3:ListBucket* on the bucket',
      [grant('AllUsers', 'READ')],
      [deny('s3:ListBucket*', ARN)],
      { read: false, write: false },
    ],
    [
      'AllUsers READ; Deny * s3:* on bucket and objects',
      [grant('AllUsers', 'READ')],
      [deny('s3:*', [ARN, `${ARN}/*`])],
      { read: false, write: false },
    ],
    [
      'AllUsers READ; the three list actions denied by two statements',
      [grant('AllUsers', 'READ')],
      [deny('s3:ListBucket', ARN), deny(['s3:ListBucketVersions', 's3:ListBucketMultipartUploads'], ARN, { Sid: 'Other' })],
      { read: false, write: false },
    ],
    [
      'AllUsers READ; Deny unless aws:SourceVpce (only fixed values get through)',
      [grant('AllUsers', 'READ')],
      [deny('s3:*', [ARN, `${ARN}/*`], { Condition: notVpce })],
      { read: false, write: false },
    ],
    [
      'AllUsers READ; Deny for everyone but a fixed role (NotPrincipal)',
      [grant('AllUsers', 'READ')],
      [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 's3:*', Resource: ARN }],
      { read: false, write: false },
    ],
    // The Deny must cover exactly what READ gives: ListBucket, ListBucketVersions, ListBucketMultipartUploads.
    [
      'AllUsers READ; Deny s3:ListBucket only (versions still listable)',
      [grant('AllUsers', 'READ')],
      [deny('s3:ListBucket', ARN)],
      { read: true, write: false },
    ],
    ['AllUsers READ; Deny s3:* on the objects only', [grant('AllUsers', 'READ')], [deny('s3:*', `${ARN}/*`)], { read: true, write: false }],
    [
      'AllUsers READ; Deny s3:GetObject (not what READ on a bucket gives)',
      [grant('AllUsers', 'READ')],
      [deny('s3:GetObject', `${ARN}/*`)],
      { read: true, write: false },
    ],
    [
      'AllUsers READ; Deny for one principal only',
      [grant('AllUsers', 'READ')],
      [deny('s3:*', ARN, { Principal: { AWS: 'arn:aws:iam::210987654321:root' } })],
      { read: true, write: false },
    ],
    [
      'AllUsers READ; Deny on plain HTTP only (https still lists)',
      [grant('AllUsers', 'READ')],
      [deny('s3:*', ARN, { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      { read: true, write: false },
    ],
    [
      'AllUsers READ; Deny unless StringNotLike aws:SourceVpc "vpc-*" (not fixed)',
      [grant('AllUsers', 'READ')],
      [deny('s3:*', ARN, { Condition: { StringNotLike: { 'aws:SourceVpc': 'vpc-*' } } })],
      { read: true, write: false },
    ],
    [
      'AllUsers READ; Deny on another bucket',
      [grant('AllUsers', 'READ')],
      [deny('s3:*', 'arn:aws:s3:::other')],
      { read: true, write: false },
    ],
    // WRITE gives s3:PutObject and s3:DeleteObject on every object of the bucket.
    [
      'AllUsers WRITE; Deny PutObject and DeleteObject on bucket/*',
      [grant('AllUsers', 'WRITE')],
      [deny(OBJECT_WRITES, `${ARN}/*`)],
      { read: false, write: false },
    ],
    [
      'AllUsers WRITE; Deny s3:PutObject only (deletes still open)',
      [grant('AllUsers', 'WRITE')],
      [deny('s3:PutObject', `${ARN}/*`)],
      { read: false, write: true },
    ],
    [
      'AllUsers WRITE; Deny on one prefix only',
      [grant('AllUsers', 'WRITE')],
      [deny(OBJECT_WRITES, `${ARN}/uploads/*`)],
      { read: false, write: true },
    ],
    ['AllUsers WRITE; Deny on the bucket ARN only', [grant('AllUsers', 'WRITE')], [deny(OBJECT_WRITES, ARN)], { read: false, write: true }],
    [
      'AllUsers READ_ACP; Deny s3:GetBucketAcl',
      [grant('AllUsers', 'READ_ACP')],
      [deny('s3:GetBucketAcl', ARN)],
      { read: false, write: false },
    ],
    [
      'AllUsers WRITE_ACP; Deny s3:PutBucketAcl',
      [grant('AllUsers', 'WRITE_ACP')],
      [deny('s3:PutBucketAcl', ARN)],
      { read: false, write: false },
    ],
    [
      'AllUsers WRITE_ACP; Deny s3:PutObjectAcl (an object action)',
      [grant('AllUsers', 'WRITE_ACP')],
      [deny('s3:PutObjectAcl', `${ARN}/*`)],
      { read: false, write: true },
    ],
    [
      'AllUsers FULL_CONTROL; Deny s3:* everywhere',
      [grant('AllUsers', 'FULL_CONTROL')],
      [deny('s3:*', [ARN, `${ARN}/*`])],
      { read: false, write: false },
    ],
    [
      'AllUsers FULL_CONTROL; Deny the list actions only (GetBucketAcl and the writes stay open)',
      [grant('AllUsers', 'FULL_CONTROL')],
      [deny(LISTS, ARN)],
      { read: true, write: true },
    ],
    // A permission S3 does not define: nothing is known to close it.
    ['AllUsers unknown permission; Deny s3:* everywhere', [grant('AllUsers', 'READ_WRITE')], [deny('*', '*')], { read: true, write: true }],
  ];
  for (const [name, grants, statements, expected] of cases) it(name, () => expect(publicAccess(grants, ...statements)).toEqual(expected));

  it('the PASS names the Deny and the ACL grant it closes', () => {
    const e = exposure([grant('AllUsers', 'READ')], deny('s3:*', [ARN, `${ARN}/*`], { Condition: notVpce }));
    expect(e.read.public).toBe(false);
    expect(e.read.safeguards).toEqual([
      'statement "Closer" denies everyone read access when StringNotEquals aws:SourceVpce vpce-1 (only fixed values get through), closing the ACL grant of READ to AllUsers (anyone)',
    ]);
  });

  it("S3's policy status is about the policy alone: a Deny-only policy is not public and nothing disagrees", () => {
    const e = evaluateBucketExposure({
      bucket: 'b',
      policy: policy(deny('s3:*', [ARN, `${ARN}/*`])),
      aclGrants: [grant('AllUsers', 'READ')],
      bucketBpa: null,
      accountBpa: null,
      s3SaysPolicyPublic: false,
    });
    expect([e.read.public, e.disagreement]).toEqual([false, undefined]);
  });
});

describe('aws:PrincipalIsAWSService: absent from anonymous requests, so only BoolIfExists denies them', () => {
  const services = (operator: string, value = 'false', extra: object = {}) =>
    deny('s3:*', [ARN, `${ARN}/*`], { Condition: { [operator]: { 'aws:PrincipalIsAWSService': value }, ...extra } });
  const cases: Array<[string, AclGrant[], object[], boolean]> = [
    // Before the fix: public (any condition outside S3's fixed keys made the Deny close nothing).
    ['Allow *; Deny BoolIfExists aws:PrincipalIsAWSService false', [], [allow(), services('BoolIfExists')], false],
    // Bool does not match a missing key: an anonymous GetObject is not denied.
    ['Allow *; Deny Bool aws:PrincipalIsAWSService false', [], [allow(), services('Bool')], true],
    [
      'Allow *; Deny BoolIfExists aws:PrincipalIsAWSService true (denies the services)',
      [],
      [allow(), services('BoolIfExists', 'true')],
      true,
    ],
    [
      'Allow *; Deny unless vpc-1 or an AWS service (the IAM guide example)',
      [],
      [allow(), services('BoolIfExists', 'false', { StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-111bbb22' } })],
      false,
    ],
    ['AllUsers READ; Deny BoolIfExists aws:PrincipalIsAWSService false', [grant('AllUsers', 'READ')], [services('BoolIfExists')], false],
    ['AllUsers READ; Deny Bool aws:PrincipalIsAWSService false', [grant('AllUsers', 'READ')], [services('Bool')], true],
    // AuthenticatedUsers are signed requests: the key is present (false), so plain Bool denies them.
    [
      'AuthenticatedUsers READ; Deny Bool aws:PrincipalIsAWSService false',
      [grant('AuthenticatedUsers', 'READ')],
      [services('Bool')],
      false,
    ],
    // Service principals are fixed ("An AWS principal, user, role, or service principal").
    ['Allow {Service: cloudtrail.amazonaws.com}', [], [allow({ Principal: { Service: 'cloudtrail.amazonaws.com' } })], false],
    ['Allow {Service: "*"}', [], [allow({ Principal: { Service: '*' } })], true],
    [
      'Allow * with StringEquals aws:PrincipalServiceName (a fixed service)',
      [],
      [allow({ Condition: { StringEquals: { 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' } } })],
      false,
    ],
    [
      'Allow *; Deny unless StringNotEqualsIfExists aws:PrincipalServiceName (a fixed service)',
      [],
      [
        allow(),
        deny('s3:*', `${ARN}/*`, { Condition: { StringNotEqualsIfExists: { 'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com' } } }),
      ],
      false,
    ],
  ];
  for (const [name, grants, statements, expected] of cases)
    it(`${name} → ${expected ? 'public' : 'not public'}`, () => expect(exposure(grants, ...statements).read.public).toBe(expected));
});

describe('aws:SourceIp: the /8 (IPv4) and /32 (IPv6) bound is on each value, not on their union', () => {
  const ip = (op: string, values: string[]) => ({ [op]: { 'aws:SourceIp': values } });
  const readPublic = (doc: string, pin?: { ipv4: number; ipv6: number }) =>
    evaluatePolicy(doc, ARN, pin ? { internetPrefix: pin } : undefined).grants.some((g) => g.access === 'read');
  const slash8s = Array.from({ length: 20 }, (_, i) => `${i + 20}.0.0.0/8`);
  it.each([
    // Before the fix: public (the union held more public addresses than one /8).
    [['8.0.0.0/8', '9.0.0.0/8'], false],
    [slash8s, false],
    [['8.8.8.0/24', '198.51.100.7', '2600:1f00::/48'], false],
    [['2600::/32', '2a00::/32'], false],
    // Before the fix: not public (10.0.0.0/7 holds only one /8 of public addresses, 11/8). It is broader than /8.
    [['10.0.0.0/7'], true],
    [['8.8.8.0/24', '0.0.0.0/7'], true],
    [['2600::/31'], true],
    [['::/0'], true],
    // Broader than /8 but no public address in it (multicast and reserved): nobody on the internet comes from there.
    [['224.0.0.0/3'], false],
    [['not-an-address'], true],
  ])('Allow * IpAddress %j → public %s', (values, expected) => {
    expect(readPublic(policy(allow({ Condition: ip('IpAddress', values) })))).toBe(expected);
  });

  it.each([
    [['8.0.0.0/8', '9.0.0.0/8'], false],
    [['10.0.0.0/7'], true],
  ])('Allow * + Deny unless NotIpAddress %j → public %s', (values, expected) => {
    expect(readPublic(policy(allow(), deny('s3:*', `${ARN}/*`, { Condition: ip('NotIpAddress', values) })))).toBe(expected);
  });

  it('the bound follows the internetPrefix option', () => {
    const doc = (cidr: string) => policy(allow({ Condition: ip('IpAddress', [cidr]) }));
    expect(readPublic(doc('8.8.0.0/16'), { ipv4: 16, ipv6: 48 })).toBe(false);
    expect(readPublic(doc('8.8.0.0/15'), { ipv4: 16, ipv6: 48 })).toBe(true);
    expect(readPublic(doc('2600:1f00::/40'), { ipv4: 16, ipv6: 48 })).toBe(true);
  });
});

describe('TLS-only: the Deny may be split over the bucket ARN and bucket/* (S3.5, s3-bucket-ssl-requests-only)', () => {
  const http = { Bool: { 'aws:SecureTransport': 'false' } };
  const tls = (Sid: string, Resource: unknown, extra: object = {}) => ({
    Sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource,
    Condition: http,
    ...extra,
  });
  const found = (...statements: object[]) => tlsOnlyStatements(parsePolicy(policy(...statements)), ARN)?.map((s) => s.sid);
  it.each([
    ['one statement on both', [tls('Both', [ARN, `${ARN}/*`])], ['Both']],
    // Before the fix: FAIL (each statement had to cover both resources).
    ['one statement each', [tls('Bucket', ARN), tls('Objects', `${ARN}/*`)], ['Bucket', 'Objects']],
    ['the objects first, then the bucket', [tls('Objects', `${ARN}/*`), tls('Bucket', ARN)], ['Bucket', 'Objects']],
    [
      'bucket actions on the bucket, object actions on the objects',
      [tls('Bucket', ARN, { Action: ['s3:*Bucket*', 's3:Get*', 's3:Put*', 's3:Delete*', 's3:List*'] }), tls('Objects', `${ARN}/*`)],
      ['Bucket', 'Objects'],
    ],
    ['the objects of one prefix only', [tls('Bucket', ARN), tls('Logs', `${ARN}/logs/*`)], undefined],
    ['the objects twice, never the bucket', [tls('Objects', `${ARN}/*`), tls('Again', `${ARN}/*`)], undefined],
    ['the objects for s3:GetObject only', [tls('Bucket', ARN), tls('Objects', `${ARN}/*`, { Action: 's3:GetObject' })], undefined],
    [
      'the objects for one principal only',
      [tls('Bucket', ARN), tls('Objects', `${ARN}/*`, { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })],
      undefined,
    ],
    [
      'the objects under a further condition',
      [tls('Bucket', ARN), tls('Objects', `${ARN}/*`, { Condition: { ...http, StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
      undefined,
    ],
  ])('%s → %j', (_name, statements, expected) => expect(found(...statements)).toEqual(expected));
});
