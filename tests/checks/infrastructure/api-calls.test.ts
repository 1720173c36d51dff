/**
 * What the whole infrastructure category costs per region, and how it grows: every check
 * reads through memoised loaders, so the calls depend on the number of resources through
 * pagination (pages of 1000; DescribeVolumes pages of 500, DescribeRouteTables of 100), plus one call per distinct
 * managed prefix list that a security group references, and, for the external-access checks,
 * one DescribeSnapshotAttribute per snapshot and one DescribeImageAttribute per image the
 * account owns: who a snapshot or image is shared with has no bulk read (the public check's
 * confirmations reuse the same memoised answers). The organization is read once per run.
 */
import { describe, expect, it } from 'vitest';
import { infrastructureChecks } from '../../../checks/infrastructure/index.js';
import { LoaderCache } from '../../../src/aws/loader.js';
import { AwsSession, type AwsCall } from '../../../src/aws/session.js';
import { resolveOptions } from '../../../src/engine/options.js';
import { runChecks } from '../../../src/engine/runner.js';
import { ACCOUNT } from '../../helpers/check-tester.js';

/** A region holding `n` of everything, answered page by page as EC2 does (MaxResults / NextToken). */
function syntheticRegion(n: number, prefixLists: number) {
  const items: Record<string, [string, (i: number) => unknown]> = {
    DescribeSecurityGroups: [
      'SecurityGroups',
      (i) => ({
        GroupId: `sg-${i}`,
        GroupName: i === 0 ? 'default' : `g${i}`,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: `pl-${i % Math.max(1, prefixLists)}` }] },
        ].slice(0, prefixLists ? 1 : 0),
        IpPermissionsEgress: [],
      }),
    ],
    DescribeNetworkAcls: ['NetworkAcls', (i) => ({ NetworkAclId: `acl-${i}`, Entries: [] })],
    DescribeVolumes: ['Volumes', (i) => ({ VolumeId: `vol-${i}`, Encrypted: true })],
    DescribeSnapshots: ['Snapshots', (i) => ({ SnapshotId: `snap-${i}`, OwnerId: ACCOUNT })],
    DescribeImages: ['Images', (i) => ({ ImageId: `ami-${i}`, Public: true })],
    DescribeInstances: [
      'Reservations',
      (i) => ({ Instances: [{ InstanceId: `i-${i}`, State: { Name: 'running' }, MetadataOptions: { HttpTokens: 'required' } }] }),
    ],
    DescribeVpcs: ['Vpcs', (i) => ({ VpcId: `vpc-${i}` })],
    DescribeFlowLogs: ['FlowLogs', (i) => ({ FlowLogId: `fl-${i}`, ResourceId: `vpc-${i}`, FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' })],
    DescribeRouteTables: [
      'RouteTables',
      (i) => ({
        RouteTableId: `rtb-${i}`,
        VpcId: `vpc-${i}`,
        Associations: [{ Main: true }],
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: `igw-${i}` }],
      }),
    ],
    DescribeInternetGateways: [
      'InternetGateways',
      (i) => ({ InternetGatewayId: `igw-${i}`, Attachments: [{ VpcId: `vpc-${i}`, State: 'available' }] }),
    ],
  };
  return ({ operation, input }: AwsCall): unknown => {
    if (operation === 'GetEbsEncryptionByDefault') return { EbsEncryptionByDefault: true };
    if (operation === 'GetManagedPrefixListEntries') return { Entries: [{ Cidr: '10.0.0.0/8' }] };
    if (operation === 'DescribeOrganization') return { Organization: { Id: 'o-synthetic1' } };
    // Of the n snapshots, two at most are public: the filtered read returns only those.
    if (operation === 'DescribeSnapshots' && (input as { RestorableByUserIds?: string[] }).RestorableByUserIds?.includes('all'))
      return { Snapshots: Array.from({ length: Math.min(n, 2) }, (_, i) => items.DescribeSnapshots![1](i)) };
    if (operation === 'DescribeSnapshotAttribute') {
      const id = Number((input as { SnapshotId: string }).SnapshotId.slice('snap-'.length));
      return { CreateVolumePermissions: id < 2 ? [{ Group: 'all' }] : [] };
    }
    if (operation === 'DescribeImageAttribute') return { LaunchPermissions: [] };
    const [key, make] = items[operation]!;
    const { MaxResults, NextToken } = input as { MaxResults?: number; NextToken?: string };
    const start = Number(NextToken ?? 0);
    const end = Math.min(n, start + (MaxResults ?? n));
    return { [key]: Array.from({ length: end - start }, (_, k) => make(start + k)), NextToken: end < n ? String(end) : undefined };
  };
}

async function callsFor(n: number, prefixLists = 0): Promise<Record<string, number>> {
  const session = new AwsSession({ homeRegion: 'us-east-1', responder: syntheticRegion(n, prefixLists) });
  const plan = {
    checks: infrastructureChecks,
    regions: ['us-east-1'],
    concurrency: 4,
    options: resolveOptions(),
    now: new Date('2026-11-20T12:00:00Z'),
  };
  const { findings } = await runChecks(plan, new LoaderCache(session, ACCOUNT, 'aws'));
  expect(findings.filter((f) => f.status === 'ERROR')).toEqual([]);
  return { ...session.calls.byOperation(), total: session.calls.total };
}

describe('API calls per region for the infrastructure category', () => {
  it('is 16 calls with one of everything: one read per loader, shared by all the checks; the snapshot and image attributes once each', async () => {
    expect(await callsFor(1)).toEqual({
      'ec2:DescribeFlowLogs': 1,
      'ec2:DescribeImageAttribute': 1,
      // The public images (filtered), and every image the account owns.
      'ec2:DescribeImages': 2,
      'ec2:DescribeInstances': 1,
      'ec2:DescribeInternetGateways': 1,
      'ec2:DescribeNetworkAcls': 1,
      'ec2:DescribeRouteTables': 1,
      'ec2:DescribeSecurityGroups': 1,
      'ec2:DescribeSnapshotAttribute': 1,
      'ec2:DescribeSnapshots': 2,
      'ec2:DescribeVolumes': 1,
      'ec2:DescribeVpcs': 1,
      'ec2:GetEbsEncryptionByDefault': 1,
      'organizations:DescribeOrganization': 1,
      total: 16,
    });
  });

  it('grows by pages, and by one attribute read per snapshot and per image: 2,500 of everything costs 5,060 calls (ceil(n/1000) per list, ceil(n/500) for volumes, ceil(n/100) for route tables)', async () => {
    const calls = await callsFor(2500);
    expect(calls).toMatchObject({
      'ec2:DescribeSecurityGroups': 3,
      'ec2:DescribeVolumes': 5,
      // One filtered page of public snapshots, three pages of all 2,500.
      'ec2:DescribeSnapshots': 4,
      // Shared with whom has no bulk read; the two public snapshots' confirmations are among these.
      'ec2:DescribeSnapshotAttribute': 2500,
      'ec2:DescribeImages': 6,
      'ec2:DescribeImageAttribute': 2500,
      'ec2:DescribeRouteTables': 25,
      'ec2:DescribeInternetGateways': 3,
      'ec2:GetEbsEncryptionByDefault': 1,
      total: 5060,
    });
  });

  it('adds one GetManagedPrefixListEntries per distinct referenced prefix list, not per group or check', async () => {
    const calls = await callsFor(50, 3);
    expect(calls).toMatchObject({
      'ec2:GetManagedPrefixListEntries': 3,
      'ec2:DescribeSnapshotAttribute': 50,
      'ec2:DescribeImageAttribute': 50,
      total: 117,
    });
  });
});
