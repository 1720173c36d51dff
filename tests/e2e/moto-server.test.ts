/**
 * End to end against an AWS-compatible emulator: a moto server on this machine's loopback,
 * seeded with a few resources whose verdicts are known, then scanned by the real binary with
 * --endpoint-url. It proves the scan works against an endpoint that is not AWS (path-style
 * S3, S3 Control without the account-id host prefix, calls the emulator lacks) and that the
 * verdicts come from the emulator's answers. Skipped where moto is not installed.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/model.js';
import { MOTO_AVAILABLE, scanMoto, startMoto, verdictOf, type MotoServer } from '../helpers/moto.js';

describe.skipIf(!MOTO_AVAILABLE)('a scan of a moto server (an AWS-compatible emulator on loopback)', () => {
  let moto: MotoServer | undefined;
  let report: ReportDocument;
  let exitCode = -1;

  beforeAll(async () => {
    moto = await startMoto();
    // Seeding writes through plain SDK clients of the test's own: srm-audit itself only reads.
    const config = moto.config;
    const ec2 = new EC2Client(config);
    const open = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh', Description: 'ssh from anywhere' }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: open.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const split = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'split-rdp', Description: 'rdp from two halves' }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: split.GroupId,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }] }],
      }),
    );
    const partner = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'partner-ssh', Description: 'ssh from one partner' }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: partner.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '8.8.8.0/24' }] }],
      }),
    );

    const s3 = new S3Client({ ...config, forcePathStyle: true });
    for (const Bucket of ['public-site', 'private-data']) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'public-site',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }],
        }),
      }),
    );

    const iam = new IAMClient(config);
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
    for (const client of [ec2, s3, iam]) client.destroy();

    const run = scanMoto(moto);
    exitCode = run.code;
    report = run.report;
  }, 120_000);

  afterAll(() => {
    moto?.stop();
  });

  const verdict = (checkId: string, resourceName: string) => verdictOf(report, checkId, resourceName);

  it('completes against the emulator, and says which calls it could not evaluate', () => {
    expect([0, 3]).toContain(exitCode);
    expect(report.run.partial).toBe(exitCode === 3);
    expect(report.run.accountId).toMatch(/^\d{12}$/);
    // Whatever the emulator lacks is an ERROR naming the call, never a crash of the check.
    for (const f of report.findings.filter((x) => x.status === 'ERROR')) {
      expect(f.message).not.toMatch(/internal error/);
      expect(f.message).toMatch(/[a-z0-9-]+:[A-Za-z]+/);
    }
  });

  it('judges the security groups over address sets', () => {
    expect(verdict('ec2-sg-admin-ports-open', 'open-ssh')).toBe('FAIL');
    expect(verdict('ec2-sg-admin-ports-open', 'split-rdp')).toBe('FAIL');
    expect(verdict('ec2-sg-admin-ports-open', 'partner-ssh')).toBe('PASS');
  });

  it('judges the buckets through path-style S3 and S3 Control at the custom endpoint', () => {
    expect(verdict('s3-bucket-no-public-read', 'public-site')).toBe('FAIL');
    expect(verdict('s3-bucket-no-public-read', 'private-data')).toBe('PASS');
    expect(verdict('s3-bucket-versioning', 'private-data')).toBe('FAIL');
    expect(report.findings.find((f) => f.checkId === 's3-account-public-access-block')?.status).toBe('FAIL');
  });

  it('reads IAM in bulk: a console user without MFA fails', () => {
    expect(verdict('iam-console-users-mfa', 'alice')).toBe('FAIL');
  });
});
