import {
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import amiPublic from '../../../checks/infrastructure/ec2-ami-public.js';
import byDefault from '../../../checks/infrastructure/ec2-ebs-encryption-by-default.js';
import snapshotPublic from '../../../checks/infrastructure/ec2-ebs-snapshot-public.js';
import volumeEncrypted from '../../../checks/infrastructure/ec2-ebs-volume-encrypted.js';
import { ACCOUNT, awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());
const statuses = async (check: Parameters<typeof runCheck>[0]) => (await runCheck(check)).map((f) => f.status);

describe('ec2-ebs-encryption-by-default', () => {
  it('passes when on, fails when off, per region', async () => {
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
    const [finding] = await runCheck(byDefault);
    expect(finding).toMatchObject({ status: 'FAIL', resource: { id: 'us-east-1', type: 'AWS::::Region' } });
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    expect(await statuses(byDefault)).toEqual(['PASS']);
  });

  it('reports ERROR when the flag is missing or access is denied', async () => {
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({});
    expect(await statuses(byDefault)).toEqual(['ERROR']);
    ec2.on(GetEbsEncryptionByDefaultCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(await statuses(byDefault)).toEqual(['ERROR']);
  });
});

describe('ec2-ebs-volume-encrypted', () => {
  it('judges each volume and says whether it is attached; a missing flag is an ERROR', async () => {
    ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [
        { VolumeId: 'vol-enc', Encrypted: true, KmsKeyId: 'key-1', Attachments: [{ InstanceId: 'i-1', State: 'attached' }] },
        { VolumeId: 'vol-plain', Encrypted: false, Attachments: [{ InstanceId: 'i-2', State: 'attached' }] },
        { VolumeId: 'vol-loose', Encrypted: false, Attachments: [] },
        { VolumeId: 'vol-odd' },
      ],
    });
    const findings = await runCheck(volumeEncrypted);
    expect(verdicts(findings)).toEqual({ 'vol-enc': 'PASS', 'vol-plain': 'FAIL', 'vol-loose': 'FAIL', 'vol-odd': 'ERROR' });
    expect(findingFor(findings, 'vol-plain').message).toBe('Not encrypted (attached to i-2).');
    expect(findingFor(findings, 'vol-loose').message).toBe('Not encrypted (not attached).');
  });

  it('reports ERROR on UnauthorizedOperation', async () => {
    ec2.on(DescribeVolumesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(await statuses(volumeEncrypted)).toEqual(['ERROR']);
  });
});

describe('ec2-ebs-snapshot-public', () => {
  it('asks once for owned snapshots restorable by all, fails each, and ignores other owners', async () => {
    ec2.on(DescribeSnapshotsCommand, { OwnerIds: ['self'], RestorableByUserIds: ['all'] }).resolves({
      Snapshots: [
        { SnapshotId: 'snap-pub', OwnerId: ACCOUNT, VolumeId: 'vol-1', Encrypted: false },
        { SnapshotId: 'snap-theirs', OwnerId: '999999999999' },
      ],
    });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ CreateVolumePermissions: [{ Group: 'all' }] });
    const findings = await runCheck(snapshotPublic);
    expect(verdicts(findings)).toEqual({ 'snap-pub': 'FAIL' });
    expect(findingFor(findings, 'snap-pub').message).toBe('Snapshot of vol-1 is restorable by all AWS accounts and is not encrypted.');
    expect(findingFor(findings, 'snap-pub').resource.arn).toBe('arn:aws:ec2:us-east-1::snapshot/snap-pub');
    expect(ec2.commandCalls(DescribeSnapshotsCommand)).toHaveLength(1);
  });

  it('confirms each candidate: an endpoint that ignores the filter does not turn private snapshots into findings', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [
        { SnapshotId: 'snap-private', OwnerId: ACCOUNT },
        { SnapshotId: 'snap-shared', OwnerId: ACCOUNT },
        { SnapshotId: 'snap-denied', OwnerId: ACCOUNT },
      ],
    });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-private' }).resolves({ CreateVolumePermissions: [] });
    ec2
      .on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-shared' })
      .resolves({ CreateVolumePermissions: [{ UserId: '111122223333' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-denied' }).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(verdicts(await runCheck(snapshotPublic))).toEqual({ 'snap-denied': 'ERROR' });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-denied' }).resolves({ CreateVolumePermissions: [] });
    expect(await statuses(snapshotPublic)).toEqual(['PASS']);
  });

  it('passes the region when none is public, errors when access is denied', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    expect(await statuses(snapshotPublic)).toEqual(['PASS']);
    ec2.on(DescribeSnapshotsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(await statuses(snapshotPublic)).toEqual(['ERROR']);
  });
});

describe('ec2-ami-public', () => {
  it('fails owned public images, trusts Image.Public over the filter, errors on a missing flag', async () => {
    ec2.on(DescribeImagesCommand).resolves({
      Images: [{ ImageId: 'ami-pub', Public: true, Name: 'golden' }, { ImageId: 'ami-private', Public: false }, { ImageId: 'ami-odd' }],
    });
    const findings = await runCheck(amiPublic);
    expect(verdicts(findings)).toEqual({ 'ami-pub': 'FAIL', 'ami-odd': 'ERROR' });
    expect(findingFor(findings, 'ami-pub').resource.name).toBe('golden');
    expect(ec2.commandCalls(DescribeImagesCommand)[0]!.args[0].input).toMatchObject({
      Owners: ['self'],
      Filters: [{ Name: 'is-public', Values: ['true'] }],
    });
  });

  it('passes the region when no owned image is public, errors when access is denied', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    expect(await statuses(amiPublic)).toEqual(['PASS']);
    ec2.on(DescribeImagesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(await statuses(amiPublic)).toEqual(['ERROR']);
  });
});
