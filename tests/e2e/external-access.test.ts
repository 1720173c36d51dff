/**
 * External access end to end against a moto server on loopback: a bucket shared with a partner,
 * a bucket shared with nobody, a role a vendor may assume with and without sts:ExternalId, a
 * role only the account may assume, and an EBS snapshot shared with an account; scanned by the
 * real binary. Moto's account is in no organization, so the zone is the account alone.
 */
import { CreateSnapshotCommand, CreateVolumeCommand, EC2Client, ModifySnapshotAttributeCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/model.js';
import { MOTO_AVAILABLE, scanMoto, startMoto, verdictOf, type MotoServer } from '../helpers/moto.js';

const PARTNER = '210987654321';
const VENDOR = '999988887777';
const CHECKS = ['s3-bucket-external-access', 'iam-role-external-access', 'ec2-ebs-snapshot-external-access'];

describe.skipIf(!MOTO_AVAILABLE)('external access in a moto server', () => {
  let moto: MotoServer | undefined;
  let report: ReportDocument;
  let snapshotId = '';

  beforeAll(async () => {
    moto = await startMoto();
    // Seeding writes through plain SDK clients of the test's own: srm-audit itself only reads.
    const s3 = new S3Client({ ...moto.config, forcePathStyle: true });
    for (const Bucket of ['partner-share', 'kept-inside']) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'partner-share',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Partner',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::partner-share/*',
            },
          ],
        }),
      }),
    );
    const iam = new IAMClient(moto.config);
    const trust = (Principal: object, Condition?: object) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) }],
      });
    await iam.send(
      new CreateRoleCommand({ RoleName: 'vendor-bare', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${VENDOR}:root` }) }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'vendor-with-id',
        AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${VENDOR}:root` }, { StringEquals: { 'sts:ExternalId': 'x-7f3a' } }),
      }),
    );
    await iam.send(new CreateRoleCommand({ RoleName: 'ec2-app', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    const ec2 = new EC2Client(moto.config);
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }));
    const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId }));
    snapshotId = snapshot.SnapshotId!;
    await ec2.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snapshotId,
        Attribute: 'createVolumePermission',
        OperationType: 'add',
        UserIds: [PARTNER],
      }),
    );
    for (const client of [s3, iam, ec2]) client.destroy();
    report = scanMoto(moto, ['--regions', 'us-east-1', '--checks', CHECKS.join(',')]).report;
  }, 120_000);

  afterAll(() => {
    moto?.stop();
  });

  const verdict = (checkId: string, resourceName: string) => verdictOf(report, checkId, resourceName);

  it('fails the bucket shared with a partner and passes the one kept inside', () => {
    expect(verdict('s3-bucket-external-access', 'partner-share')).toBe('FAIL');
    expect(verdict('s3-bucket-external-access', 'kept-inside')).toBe('PASS');
  });

  it('fails the roles a vendor may assume, with and without sts:ExternalId, and passes a service role', () => {
    const finding = (name: string) => report.findings.find((f) => f.checkId === 'iam-role-external-access' && f.resource.name === name);
    expect(finding('vendor-bare')).toMatchObject({ status: 'FAIL', severity: 'high' });
    expect(finding('vendor-with-id')).toMatchObject({ status: 'FAIL', severity: 'medium' });
    expect(finding('ec2-app')?.status).toBe('PASS');
  });

  it('fails the snapshot shared with another account', () => {
    expect(verdict('ec2-ebs-snapshot-external-access', snapshotId)).toBe('FAIL');
  });

  it('reads the organization: an account in none is a fact, not an error', () => {
    expect(report.findings.filter((f) => CHECKS.includes(f.checkId) && f.status === 'ERROR')).toEqual([]);
  });
});
