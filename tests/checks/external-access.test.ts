/**
 * The external-access checks (issue 15): the zone of trust (this account, trustedAccountIds, the
 * organization when readable), and one check per resource type reporting every outsider.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import s3External from '../../checks/abstracted/s3-bucket-external-access.js';
import rdsSnapshotExternal from '../../checks/container/rds-snapshot-external-access.js';
import roleExternal from '../../checks/identity/iam-role-external-access.js';
import amiExternal from '../../checks/infrastructure/ec2-ami-external-access.js';
import snapshotExternal from '../../checks/infrastructure/ec2-ebs-snapshot-external-access.js';
import { ACCOUNT, awsError, findingFor, runCheck, verdicts } from '../helpers/check-tester.js';
import { ALL_ON, doc, listBuckets, nothingConfigured, s3 } from '../helpers/s3-world.js';

const PARTNER = '210987654321';
const VENDOR = '999988887777';
const ORG = 'o-abc123def4';

const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const orgs = mockClient(OrganizationsClient);
const rds = mockClient(RDSClient);

beforeEach(() => {
  ec2.reset();
  iam.reset();
  rds.reset();
  orgs.reset();
  orgs
    .on(DescribeOrganizationCommand)
    .resolves({ Organization: { Id: ORG, Arn: `arn:aws:organizations::111111111111:organization/${ORG}` } });
  nothingConfigured();
});

const trust = (Principal: object, Condition?: object) =>
  encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) }],
    }),
  );
const roles = (...list: Array<[string, string]>) =>
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    IsTruncated: false,
    RoleDetailList: list.map(([RoleName, AssumeRolePolicyDocument]) => ({
      RoleName,
      Arn: `arn:aws:iam::${ACCOUNT}:role/${RoleName}`,
      AssumeRolePolicyDocument,
    })),
  });

describe('iam-role-external-access', () => {
  it('fails a role another account may assume (high without sts:ExternalId, medium with); passes own account and services', async () => {
    roles(
      ['own', trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })],
      ['service', trust({ Service: 'ec2.amazonaws.com' })],
      ['vendor-bare', trust({ AWS: `arn:aws:iam::${VENDOR}:root` })],
      ['vendor-id', trust({ AWS: `arn:aws:iam::${VENDOR}:root` }, { StringEquals: { 'sts:ExternalId': 'x-1' } })],
      ['anyone', trust({ AWS: '*' })],
    );
    const findings = await runCheck(roleExternal);
    expect(verdicts(findings)).toEqual({ own: 'PASS', service: 'PASS', 'vendor-bare': 'FAIL', 'vendor-id': 'FAIL', anyone: 'FAIL' });
    expect(findingFor(findings, 'vendor-bare')).toMatchObject({
      severity: 'high',
      message: expect.stringContaining('no sts:ExternalId required'),
    });
    expect(findingFor(findings, 'vendor-id')).toMatchObject({
      severity: 'medium',
      message: expect.stringContaining('sts:ExternalId required'),
    });
    // Anyone may assume it: public, and a permissions grant.
    expect(findingFor(findings, 'anyone').severity).toBe('critical');
    expect(findingFor(findings, 'own').message).toContain(`organization ${ORG}`);
  });

  it('a vendor listed in trustedAccountIds is inside the zone', async () => {
    roles(['vendor-bare', trust({ AWS: `arn:aws:iam::${VENDOR}:root` })]);
    expect(verdicts(await runCheck(roleExternal, { options: { trustedAccountIds: [VENDOR] } }))).toEqual({ 'vendor-bare': 'PASS' });
  });

  it('a trust policy that is not JSON is an ERROR for that role alone', async () => {
    roles(['broken', '%7Bnot-json'], ['own', trust({ AWS: ACCOUNT })]);
    expect(verdicts(await runCheck(roleExternal))).toEqual({ broken: 'ERROR', own: 'PASS' });
  });
});

describe('the zone of trust', () => {
  const orgPinned = trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': ORG } });

  it('an aws:PrincipalOrgID naming the organization is inside the zone when DescribeOrganization answers', async () => {
    roles(['org', orgPinned]);
    expect(verdicts(await runCheck(roleExternal))).toEqual({ org: 'PASS' });
  });

  it('an unreadable organization is left out, and the message says so', async () => {
    orgs.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    roles(['org', orgPinned]);
    const [finding] = await runCheck(roleExternal);
    expect(finding!.status).toBe('FAIL');
    expect(finding!.message).toContain('the organization could not be read');
    expect(finding!.message).toContain('organizations:DescribeOrganization');
  });

  it('an account in no organization (AWSOrganizationsNotInUseException) has no organization in its zone, and no note', async () => {
    orgs.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'not in use', 400));
    roles(['org', orgPinned]);
    const [finding] = await runCheck(roleExternal);
    expect(finding!.status).toBe('FAIL');
    expect(finding!.message).not.toContain('could not be read');
  });

  it('trustOrganization false reads no organization', async () => {
    roles(['org', orgPinned]);
    expect(verdicts(await runCheck(roleExternal, { options: { trustOrganization: false } }))).toEqual({ org: 'FAIL' });
    expect(orgs.commandCalls(DescribeOrganizationCommand)).toHaveLength(0);
  });
});

describe('ec2-ebs-snapshot-external-access and ec2-ami-external-access', () => {
  it('fails snapshots shared with another account or "all", passes unshared and trusted ones', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: ['snap-partner', 'snap-all', 'snap-private', 'snap-trusted'].map((SnapshotId) => ({ SnapshotId, OwnerId: ACCOUNT })),
    });
    const perms: Record<string, object[]> = {
      'snap-partner': [{ UserId: PARTNER }],
      'snap-all': [{ Group: 'all' }],
      'snap-private': [],
      'snap-trusted': [{ UserId: VENDOR }],
    };
    for (const [id, list] of Object.entries(perms))
      ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: id }).resolves({ SnapshotId: id, CreateVolumePermissions: list });
    const findings = await runCheck(snapshotExternal, { options: { trustedAccountIds: [VENDOR] } });
    expect(verdicts(findings)).toEqual({ 'snap-partner': 'FAIL', 'snap-all': 'FAIL', 'snap-private': 'PASS', 'snap-trusted': 'PASS' });
    expect(findingFor(findings, 'snap-partner')).toMatchObject({
      severity: 'medium',
      message: expect.stringContaining(`account ${PARTNER}`),
    });
    expect(findingFor(findings, 'snap-all').severity).toBe('high');
    expect(ec2.commandCalls(DescribeSnapshotsCommand)[0]!.args[0].input).toMatchObject({ OwnerIds: ['self'] });
  });

  it('a permission answer without the list is an ERROR, never a PASS', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', OwnerId: ACCOUNT }] });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ SnapshotId: 'snap-1' });
    expect(verdicts(await runCheck(snapshotExternal))).toEqual({ 'snap-1': 'ERROR' });
  });

  it('fails an image shared with another account or another organization; the own organization is inside', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolves({ Images: ['ami-acct', 'ami-org', 'ami-other-org', 'ami-ou'].map((ImageId) => ({ ImageId, OwnerId: ACCOUNT })) });
    const perms: Record<string, object[]> = {
      'ami-acct': [{ UserId: PARTNER }],
      'ami-org': [{ OrganizationArn: `arn:aws:organizations::111111111111:organization/${ORG}` }],
      'ami-other-org': [{ OrganizationArn: 'arn:aws:organizations::222222222222:organization/o-zzzzzzzzzz' }],
      'ami-ou': [{ OrganizationalUnitArn: `arn:aws:organizations::111111111111:ou/${ORG}/ou-ab12-34cd56ef` }],
    };
    for (const [id, list] of Object.entries(perms))
      ec2.on(DescribeImageAttributeCommand, { ImageId: id }).resolves({ ImageId: id, LaunchPermissions: list });
    expect(verdicts(await runCheck(amiExternal))).toEqual({
      'ami-acct': 'FAIL',
      'ami-org': 'PASS',
      'ami-other-org': 'FAIL',
      'ami-ou': 'PASS',
    });
  });
});

describe('rds-snapshot-external-access', () => {
  it('fails a snapshot restorable by another account, passes one shared only with a trusted account', async () => {
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'partner' }, { DBSnapshotIdentifier: 'trusted' }] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    const restore = (AttributeValues: string[]) => ({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues }] },
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'partner' }).resolves(restore([PARTNER]));
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'trusted' }).resolves(restore([VENDOR]));
    expect(verdicts(await runCheck(rdsSnapshotExternal, { options: { trustedAccountIds: [VENDOR] } }))).toEqual({
      partner: 'FAIL',
      trusted: 'PASS',
    });
  });
});

describe('s3-bucket-external-access', () => {
  const owner = { ID: 'owner-canonical-id', DisplayName: 'me' };

  it('an ACL grant to another canonical user is external even with IgnorePublicAcls; public ACL grants are ignored then', async () => {
    listBuckets('acl-shared');
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_ON });
    s3.on(GetBucketAclCommand).resolves({
      Owner: owner,
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ...owner }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'CanonicalUser', ID: 'partner-canonical-id' }, Permission: 'READ' },
        { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
      ],
    });
    const [finding] = await runCheck(s3External);
    expect(finding!.status).toBe('FAIL');
    expect(finding!.message).toContain('ACL grants READ to canonical user partner-canonical-id');
    expect(finding!.message).not.toContain('AllUsers');
  });

  it('passes a bucket whose policy only names the own account, the organization or a pinned service', async () => {
    listBuckets('inside');
    s3.on(GetBucketOwnershipControlsCommand).resolves({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
    s3.on(GetBucketPolicyCommand).resolves({
      Policy: doc(
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }, Action: 's3:*', Resource: 'arn:aws:s3:::inside/*' },
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::inside/*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
        },
        {
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::inside/*',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        },
      ),
    });
    const [finding] = await runCheck(s3External);
    expect(finding!.status).toBe('PASS');
    // ACLs disabled: the ACL is not read.
    expect(s3.commandCalls(GetBucketAclCommand)).toHaveLength(0);
  });

  it('fails a partner grant and an unpinned service principal, with the severity of the worst', async () => {
    listBuckets('shared');
    s3.on(GetBucketPolicyCommand).resolves({
      Policy: doc(
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' },
        {
          Sid: 'Deputy',
          Effect: 'Allow',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::shared/*',
        },
      ),
    });
    const [finding] = await runCheck(s3External);
    expect(finding).toMatchObject({ status: 'FAIL', severity: 'high' });
    expect(finding!.message).toContain('statement "Partner" lets 210987654321 s3:GetObject (read access)');
    expect(finding!.message).toContain('statement "Deputy" lets delivery.logs.amazonaws.com s3:PutObject (write access)');
    expect(finding!.evidence).toMatchObject({ zoneOfTrust: { accountId: ACCOUNT, organizationId: ORG } });
  });
});
