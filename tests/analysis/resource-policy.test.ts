/**
 * The one resource-policy evaluator (resource-policy.ts): public and external access for every
 * service's policy forms, Deny statements taken together and per principal (issue 13 item 2),
 * and the zone of trust (issue 15).
 */
import { describe, expect, it } from 'vitest';
import { analyseResourcePolicy, PolicyParseError, type PolicyService, type TrustZone } from '../../src/analysis/resource-policy.js';
import { doc } from '../helpers/s3-policies.js';

const OWN = '111122223333';
const PARTNER = '444455556666';
const VENDOR = '777788889999';
const ORG = 'o-a1b2c3d4e5';
const ZONE: TrustZone = { accountId: OWN, trustedAccountIds: [], organizationId: ORG };
const BUCKET = 'arn:aws:s3:::shared-data';

const analyse = (service: PolicyService, arn: string, zone: TrustZone, ...statements: object[]) =>
  analyseResourcePolicy(doc(...statements), service, arn, zone);
const s3 = (...statements: object[]) => analyse('s3', BUCKET, ZONE, ...statements);
/** Who is reported, for short assertions: "principal:level". */
const who = (accesses: Array<{ principal: string; level: string }>) => accesses.map((a) => `${a.principal}:${a.level}`);

describe('issue 13: Deny coverage is a union over all Deny statements', () => {
  const allowTwoPrefixes = {
    Sid: 'Open',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: [`${BUCKET}/a/*`, `${BUCKET}/b/*`],
  };
  const denyFor = (Resource: string) => ({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource });

  it('one Deny on bucket/a/* and another on bucket/b/* close the Allow on both: nothing public or external', () => {
    const result = s3(allowTwoPrefixes, denyFor(`${BUCKET}/a/*`), denyFor(`${BUCKET}/b/*`));
    expect(result.public).toEqual([]);
    expect(result.external).toEqual([]);
  });

  it('mirror: a Deny on bucket/a/* alone leaves bucket/b/* public', () => {
    const result = s3(allowTwoPrefixes, denyFor(`${BUCKET}/a/*`));
    expect(result.public).toEqual([{ statement: 'Open', principal: '*', actions: ['s3:GetObject'], level: 'read' }]);
  });

  it('mirror: the second Deny on another prefix (bucket/c/*) leaves bucket/b/* public', () => {
    expect(s3(allowTwoPrefixes, denyFor(`${BUCKET}/a/*`), denyFor(`${BUCKET}/c/*`)).public).toHaveLength(1);
  });

  it('each action is judged on its own: Deny GetObject on a/* and PutObject on b/* leave both half open', () => {
    const allow = { ...allowTwoPrefixes, Action: ['s3:GetObject', 's3:PutObject'] };
    const result = s3(allow, denyFor(`${BUCKET}/a/*`), { ...denyFor(`${BUCKET}/b/*`), Action: 's3:PutObject' });
    expect(result.public[0]!.actions).toEqual(['s3:GetObject', 's3:PutObject']);
  });
});

describe('issue 13: a Deny takes back what it denies from the principals it names', () => {
  const partnerAll = {
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
    Action: 's3:*',
    Resource: [BUCKET, `${BUCKET}/*`],
  };
  const SENSITIVE = ['s3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutBucketPolicy', 's3:PutEncryptionConfiguration', 's3:PutObjectAcl'];
  const deny = (extra: object) => ({ Sid: 'TakeBack', Effect: 'Deny', Action: SENSITIVE, Resource: [BUCKET, `${BUCKET}/*`], ...extra });
  const partnerActions = (...statements: object[]) => s3(partnerAll, ...statements).external.flatMap((a) => a.actions);

  it.each([
    ['the partner by account ARN', { Principal: { AWS: `arn:aws:iam::${PARTNER}:root` } }],
    ['the partner by bare account id', { Principal: { AWS: PARTNER } }],
    ['"*" with NotPrincipal of the own account', { NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` } }],
    [
      '"*" when aws:PrincipalAccount is not the own account',
      { Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': OWN } } },
    ],
    ['"*" when aws:PrincipalAccount is the partner', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': PARTNER } } }],
    [
      '"*" when aws:PrincipalArn is not like the own account',
      { Principal: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWN}:*` } } },
    ],
    ['everyone, unconditionally', { Principal: '*' }],
  ])('Deny naming %s takes the five S3.6 actions back', (_name, extra) => {
    const left = partnerActions(deny(extra));
    expect(left.length).toBeGreaterThan(0);
    for (const action of SENSITIVE) expect(left).not.toContain(action);
  });

  it.each([
    ['another account', { Principal: { AWS: `arn:aws:iam::${VENDOR}:root` } }],
    ['one role of the partner (not the whole account)', { Principal: { AWS: `arn:aws:iam::${PARTNER}:role/one` } }],
    ['"*" with NotPrincipal of the partner', { NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:root` } }],
    ['"*" when aws:PrincipalAccount is the own account', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWN } } }],
    [
      '"*" only over plain HTTP (a condition that may not hold)',
      { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
    ['"*" unless from a VPC endpoint (may not hold)', { Principal: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }],
    [
      '"*" with ForAnyValue on aws:PrincipalAccount',
      { Principal: '*', Condition: { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalAccount': OWN } } },
    ],
  ])('mirror: a Deny naming %s leaves the partner the S3.6 actions', (_name, extra) => {
    const left = partnerActions(deny(extra));
    for (const action of SENSITIVE) expect(left).toContain(action);
  });
});

describe('a Deny on the organization, per principal', () => {
  const partnerRead = {
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
    Action: 's3:GetObject',
    Resource: `${BUCKET}/*`,
  };
  const denyOutsideOrg = {
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: `${BUCKET}/*`,
    Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } },
  };
  it('with the organization in the zone, it leaves the partner nothing external: outside the organization it is denied, inside it is trusted', () => {
    expect(s3(partnerRead, denyOutsideOrg).external).toEqual([]);
  });
  it('mirror: with the organization unknown, the partner may be in it, so the Deny may not hold for it: still external', () => {
    expect(who(analyse('s3', BUCKET, { accountId: OWN, trustedAccountIds: [] }, partnerRead, denyOutsideOrg).external)).toEqual([
      `arn:aws:iam::${PARTNER}:root:read`,
    ]);
  });
  it('"*" pinned by aws:PrincipalAccount to the partner is the partner: a Deny naming the partner closes it', () => {
    const pinned = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 'aws:PrincipalAccount': PARTNER } },
    };
    expect(who(s3(pinned).external)).toEqual([`${PARTNER}:read`]);
    expect(s3(pinned, { Effect: 'Deny', Principal: { AWS: PARTNER }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }).external).toEqual(
      [],
    );
  });
});

describe('the zone of trust', () => {
  const read = (Principal: unknown, Condition?: object) => ({
    Sid: 'R',
    Effect: 'Allow',
    Principal,
    Action: 's3:GetObject',
    Resource: `${BUCKET}/*`,
    ...(Condition ? { Condition } : {}),
  });

  it('this account and trusted accounts are inside; another account is outside', () => {
    expect(s3(read({ AWS: OWN })).external).toEqual([]);
    expect(who(s3(read({ AWS: `arn:aws:iam::${PARTNER}:role/reader` })).external)).toEqual([`arn:aws:iam::${PARTNER}:role/reader:read`]);
    expect(analyse('s3', BUCKET, { ...ZONE, trustedAccountIds: [PARTNER] }, read({ AWS: PARTNER })).external).toEqual([]);
  });

  it('"*" pinned to the organization by aws:PrincipalOrgID or aws:PrincipalOrgPaths is inside when the organization is known', () => {
    expect(s3(read('*', { StringEquals: { 'aws:PrincipalOrgID': ORG } })).external).toEqual([]);
    expect(s3(read('*', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/*` } })).external).toEqual([]);
    // Without the organization (unreadable, or trustOrganization off) the same grant is external, not public.
    const noOrg = analyse(
      's3',
      BUCKET,
      { accountId: OWN, trustedAccountIds: [] },
      read('*', { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
    );
    expect(noOrg.public).toEqual([]);
    expect(noOrg.external[0]).toMatchObject({ principal: '*', conditions: expect.stringContaining('aws:PrincipalOrgID') });
  });

  it('public counts as external too', () => {
    const result = s3(read('*'));
    expect(result.public).toHaveLength(1);
    expect(result.external).toEqual(result.public);
  });

  it('"*" pinned by a network condition is external but not public, with the condition', () => {
    const result = s3(read('*', { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } }));
    expect(result.public).toEqual([]);
    expect(result.external).toEqual([
      {
        statement: 'R',
        principal: '*',
        actions: ['s3:GetObject'],
        level: 'read',
        conditions: 'only where StringEquals aws:SourceVpce vpce-0abc',
      },
    ]);
  });

  it('"*" closed by a Deny for everyone outside the own account is neither public nor external', () => {
    const deny = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: `${BUCKET}/*`,
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': OWN } },
    };
    expect(s3(read('*'), deny)).toEqual({ public: [], external: [] });
  });

  it('"*" closed by a Deny unless from a VPC endpoint stays external (anyone through that endpoint)', () => {
    const deny = {
      Sid: 'Vpce',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: `${BUCKET}/*`,
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
    };
    const result = s3(read('*'), deny);
    expect(result.public).toEqual([]);
    expect(result.external[0]!.conditions).toContain('aws:SourceVpce vpce-1');
  });

  it('severity follows the access: write and permissions above read', () => {
    const result = s3({
      Effect: 'Allow',
      Principal: { AWS: PARTNER },
      Action: ['s3:GetObject', 's3:PutBucketPolicy'],
      Resource: [BUCKET, `${BUCKET}/*`],
    });
    expect(result.external[0]!.level).toBe('permissions');
  });

  it('a malformed document throws PolicyParseError', () => {
    expect(() => analyseResourcePolicy('{', 'sqs', 'arn:aws:sqs:eu-west-1:111122223333:q', ZONE)).toThrow(PolicyParseError);
  });
});

describe('the awkward forms of each service', () => {
  const TOPIC = `arn:aws:sns:eu-west-1:${OWN}:alerts`;
  const QUEUE = `arn:aws:sqs:eu-west-1:${OWN}:jobs`;
  const KEY = `arn:aws:kms:eu-west-1:${OWN}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const FUNCTION = `arn:aws:lambda:eu-west-1:${OWN}:function:thumbnails`;
  const ROLE = `arn:aws:iam::${OWN}:role/vendor-access`;

  it('SNS "AWS":"*" with aws:SourceOwner of the own account (the default topic policy) is inside the zone', () => {
    const statement = {
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:Subscribe', 'SNS:Publish', 'SNS:DeleteTopic', 'SNS:AddPermission'],
      Resource: TOPIC,
      Condition: { StringEquals: { 'AWS:SourceOwner': OWN } },
    };
    expect(analyse('sns', TOPIC, ZONE, statement)).toEqual({ public: [], external: [] });
    // Mirror: SourceOwner of another account is external, not public; no condition at all is public.
    const other = analyse('sns', TOPIC, ZONE, { ...statement, Condition: { StringEquals: { 'AWS:SourceOwner': PARTNER } } });
    expect(other.public).toEqual([]);
    expect(other.external[0]).toMatchObject({ principal: '*', level: 'permissions' });
    expect(analyse('sns', TOPIC, ZONE, { ...statement, Condition: undefined }).public).toHaveLength(1);
  });

  it('SQS with aws:SourceArn naming an SNS topic in another account is external (not public); in the own account, inside', () => {
    const statement = (account: string) => ({
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: QUEUE,
      Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${account}:events` } },
    });
    const foreign = analyse('sqs', QUEUE, ZONE, statement(PARTNER));
    expect(foreign.public).toEqual([]);
    expect(foreign.external).toEqual([
      {
        statement: '#1',
        principal: 'sns.amazonaws.com',
        actions: ['sqs:SendMessage'],
        level: 'write',
        conditions: `only where ArnEquals aws:SourceArn arn:aws:sns:eu-west-1:${PARTNER}:events`,
      },
    ]);
    expect(analyse('sqs', QUEUE, ZONE, statement(OWN)).external).toEqual([]);
    // The same with "*" as the principal: still pinned, still external.
    expect(analyse('sqs', QUEUE, ZONE, { ...statement(PARTNER), Principal: '*' }).public).toEqual([]);
  });

  it('a KMS key policy with kms:CallerAccount + kms:ViaService (the AWS managed key form) is inside the zone', () => {
    const statement = (account: string) => ({
      Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } },
    });
    expect(analyse('kms', KEY, ZONE, statement(OWN))).toEqual({ public: [], external: [] });
    const other = analyse('kms', KEY, ZONE, statement(PARTNER));
    expect(other.public).toEqual([]);
    expect(other.external[0]).toMatchObject({ principal: '*', level: 'permissions' });
    // kms:ViaService alone pins the service, not the caller: any account's principals using EBS (public).
    const viaOnly = analyse('kms', KEY, ZONE, {
      ...statement(OWN),
      Condition: { StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } },
    });
    expect(viaOnly.public).toHaveLength(1);
    expect(viaOnly.external).toHaveLength(1);
    // The key's root statement gives the own account everything: inside.
    expect(
      analyse('kms', KEY, ZONE, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: 'kms:*', Resource: '*' })
        .external,
    ).toEqual([]);
    // kms:* to another account: external, permissions.
    const star = analyse('kms', KEY, ZONE, {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
      Action: 'kms:*',
      Resource: '*',
    });
    expect(who(star.external)).toEqual([`arn:aws:iam::${PARTNER}:root:permissions`]);
  });

  it('a Lambda permission for s3.amazonaws.com without aws:SourceAccount is external (the confused deputy)', () => {
    const permission = (Condition?: object) => ({
      Sid: 's3-invoke',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: FUNCTION,
      ...(Condition ? { Condition } : {}),
    });
    const bare = analyse('lambda', FUNCTION, ZONE, permission());
    expect(bare.public).toEqual([]);
    expect(bare.external).toEqual([
      {
        statement: 's3-invoke',
        principal: 's3.amazonaws.com',
        actions: ['lambda:InvokeFunction'],
        level: 'write',
        conditions: 'no aws:SourceAccount or aws:SourceArn pins it to the zone: it acts for any account',
      },
    ]);
    // A bucket ARN carries no account: aws:SourceArn alone does not pin it to the zone.
    expect(analyse('lambda', FUNCTION, ZONE, permission({ ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' } })).external).toHaveLength(
      1,
    );
    expect(analyse('lambda', FUNCTION, ZONE, permission({ StringEquals: { 'AWS:SourceAccount': OWN } })).external).toEqual([]);
    expect(analyse('lambda', FUNCTION, ZONE, permission({ StringEquals: { 'AWS:SourceAccount': PARTNER } })).external).toHaveLength(1);
  });

  it('a Lambda function URL permission for "*" is public whatever lambda:FunctionUrlAuthType says (it is not who calls)', () => {
    const url = (authType: string) => ({
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: FUNCTION,
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': authType } },
    });
    expect(analyse('lambda', FUNCTION, ZONE, url('NONE')).public).toHaveLength(1);
    expect(analyse('lambda', FUNCTION, ZONE, url('AWS_IAM')).public).toHaveLength(1);
  });

  it('role trust to another account root: external, and whether sts:ExternalId is required', () => {
    const trust = (Condition?: object) => ({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
      Action: 'sts:AssumeRole',
      ...(Condition ? { Condition } : {}),
    });
    const without = analyse('sts-trust', ROLE, ZONE, trust());
    expect(without.public).toEqual([]);
    expect(without.external).toEqual([
      {
        statement: '#1',
        principal: `arn:aws:iam::${VENDOR}:root`,
        actions: ['sts:AssumeRole'],
        level: 'permissions',
        conditions: 'no sts:ExternalId required',
      },
    ]);
    const withId = analyse('sts-trust', ROLE, ZONE, trust({ StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } }));
    expect(withId.external[0]!.conditions).toMatch(/^sts:ExternalId required/);
    // A trusted vendor, the own account, and a service principal (PassRole-gated) are inside.
    expect(analyse('sts-trust', ROLE, { ...ZONE, trustedAccountIds: [VENDOR] }, trust()).external).toEqual([]);
    expect(analyse('sts-trust', ROLE, ZONE, { ...trust(), Principal: { AWS: `arn:aws:iam::${OWN}:root` } }).external).toEqual([]);
    expect(analyse('sts-trust', ROLE, ZONE, { ...trust(), Principal: { Service: 'ec2.amazonaws.com' } }).external).toEqual([]);
    // "AWS": "*" lets anyone assume the role: public.
    expect(analyse('sts-trust', ROLE, ZONE, { ...trust(), Principal: { AWS: '*' } }).public).toHaveLength(1);
  });

  it('role trust to a web identity provider: external, public without a condition; a SAML provider of the own account is inside', () => {
    const oidc = {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
    };
    expect(analyse('sts-trust', ROLE, ZONE, oidc).public).toHaveLength(1);
    const pinned = analyse('sts-trust', ROLE, ZONE, {
      ...oidc,
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example/app:*' } },
    });
    expect(pinned.public).toEqual([]);
    expect(pinned.external[0]!.conditions).toContain('repo:example/app:*');
    const saml = { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${OWN}:saml-provider/Corp` }, Action: 'sts:AssumeRoleWithSAML' };
    expect(analyse('sts-trust', ROLE, ZONE, saml).external).toEqual([]);
  });

  it('Secrets Manager, Glacier, EFS, DynamoDB and SES policies: "*" is public, another account external, the own account inside', () => {
    const cases: Array<[PolicyService, string, string]> = [
      ['secretsmanager', `arn:aws:secretsmanager:eu-west-1:${OWN}:secret:db-AbCdEf`, 'secretsmanager:GetSecretValue'],
      ['glacier', `arn:aws:glacier:eu-west-1:${OWN}:vaults/archive`, 'glacier:InitiateJob'],
      ['efs', `arn:aws:elasticfilesystem:eu-west-1:${OWN}:file-system/fs-0123`, 'elasticfilesystem:ClientMount'],
      ['dynamodb', `arn:aws:dynamodb:eu-west-1:${OWN}:table/orders`, 'dynamodb:GetItem'],
      ['ses', `arn:aws:ses:eu-west-1:${OWN}:identity/example.com`, 'ses:SendEmail'],
    ];
    for (const [service, arn, action] of cases) {
      const allow = (Principal: unknown) => ({ Effect: 'Allow', Principal, Action: action, Resource: arn });
      expect(analyse(service, arn, ZONE, allow('*')).public, service).toHaveLength(1);
      expect(who(analyse(service, arn, ZONE, allow({ AWS: PARTNER })).external), service).toHaveLength(1);
      expect(analyse(service, arn, ZONE, allow({ AWS: OWN })).external, service).toEqual([]);
      // A statement on another resource grants nothing here.
      expect(analyse(service, arn, ZONE, { ...allow('*'), Resource: `${arn}-other` }).external, service).toEqual([]);
    }
  });

  it("DynamoDB: a grant on the table's indexes reaches this table; a Deny on the table ARN alone does not close it", () => {
    const TABLE = `arn:aws:dynamodb:eu-west-1:${OWN}:table/orders`;
    const allow = { Effect: 'Allow', Principal: '*', Action: 'dynamodb:Query', Resource: `${TABLE}/index/*` };
    expect(analyse('dynamodb', TABLE, ZONE, allow).public).toHaveLength(1);
    expect(
      analyse('dynamodb', TABLE, ZONE, allow, { Effect: 'Deny', Principal: '*', Action: 'dynamodb:*', Resource: TABLE }).public,
    ).toHaveLength(1);
    expect(
      analyse('dynamodb', TABLE, ZONE, allow, { Effect: 'Deny', Principal: '*', Action: 'dynamodb:*', Resource: `${TABLE}*` }).public,
    ).toEqual([]);
  });
});
