/**
 * Answers real AWS never gives but emulators and broken endpoints do: a Describe call whose
 * body lacks its list (an empty 200, a call the endpoint does not implement), a NextToken that
 * never changes, rules, entries and fields left out. Each must give ERROR (or the documented
 * fallback), never a silent PASS nor a FAIL the data does not show.
 */
import {
  DescribeFlowLogsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Instance,
  type IpPermission,
  type NetworkAclEntry,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { naclEntry } from '../../../demo/world/ec2.js';
import amiPublic from '../../../checks/infrastructure/ec2-ami-public.js';
import volumeEncrypted from '../../../checks/infrastructure/ec2-ebs-volume-encrypted.js';
import snapshotPublic from '../../../checks/infrastructure/ec2-ebs-snapshot-public.js';
import imdsv2 from '../../../checks/infrastructure/ec2-instance-imdsv2-required.js';
import reachable from '../../../checks/infrastructure/ec2-instance-internet-reachable.js';
import naclAdmin from '../../../checks/infrastructure/ec2-nacl-admin-ports-open.js';
import sgAdmin from '../../../checks/infrastructure/ec2-sg-admin-ports-open.js';
import sgUnauthorised from '../../../checks/infrastructure/ec2-sg-unauthorized-ports-open.js';
import flowLogs from '../../../checks/infrastructure/ec2-vpc-flow-logs-enabled.js';
import type { AnyCheck } from '../../../src/engine/check.js';
import { ACCOUNT, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';
import { ALLOW_ALL, group, mockNetwork, tcp } from '../../helpers/network.js';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());
const statuses = async (check: AnyCheck) => (await runCheck(check)).map((f) => f.status);

describe('a Describe answer without its list is an ERROR, not "none"', () => {
  // Before: "none" — PASS for AMIs and snapshots, FAIL for every VPC's flow logs, no finding at all elsewhere.
  it.each<[string, AnyCheck, () => void]>([
    ['DescribeImages', amiPublic, () => ec2.on(DescribeImagesCommand).resolves({})],
    ['DescribeSnapshots', snapshotPublic, () => ec2.on(DescribeSnapshotsCommand).resolves({})],
    ['DescribeVolumes', volumeEncrypted, () => ec2.on(DescribeVolumesCommand).resolves({})],
    ['DescribeSecurityGroups', sgAdmin, () => ec2.on(DescribeSecurityGroupsCommand).resolves({})],
    ['DescribeNetworkAcls', naclAdmin, () => ec2.on(DescribeNetworkAclsCommand).resolves({})],
    ['DescribeInstances', imdsv2, () => ec2.on(DescribeInstancesCommand).resolves({})],
    [
      'DescribeFlowLogs',
      flowLogs,
      () => {
        ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
        ec2.on(DescribeFlowLogsCommand).resolves({});
      },
    ],
    [
      'DescribeRouteTables',
      reachable,
      () => {
        mockNetwork(ec2, []);
        ec2.on(DescribeRouteTablesCommand).resolves({});
        ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
      },
    ],
  ])('%s', async (call, check, arrange) => {
    arrange();
    const findings = await runCheck(check);
    expect(findings.map((f) => f.status)).toEqual(['ERROR']);
    expect(findings[0]!.message).toBe(
      `Could not evaluate: ec2:${call} returned an unusable answer: it held no ${call === 'DescribeInstances' ? 'Reservations' : call.replace('Describe', '')} list`,
    );
  });

  it('a NextToken that repeats stops the listing with an ERROR instead of paging forever', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group('sg-1')], NextToken: 'again' });
    const [finding] = await runCheck(sgAdmin);
    expect(finding?.status).toBe('ERROR');
    expect(finding?.message).toContain('returned the NextToken "again" twice');
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(2);
  });
});

describe('EBS snapshots and AMIs', () => {
  it('a candidate snapshot whose attribute answer lacks the permission list is an ERROR, not private', async () => {
    // Before: PASS ("no snapshot is public") for a snapshot DescribeSnapshots listed as restorable by all.
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', OwnerId: ACCOUNT }] });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ SnapshotId: 'snap-1' });
    expect(verdicts(await runCheck(snapshotPublic))).toEqual({ 'snap-1': 'ERROR' });
  });

  it("another account's public image, listed by an endpoint that ignores Owners=self, is not ours to fail", async () => {
    // Before: FAIL for an Amazon-owned public AMI.
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        { ImageId: 'ami-theirs', OwnerId: '137112412989', Public: true },
        { ImageId: 'ami-ours', OwnerId: ACCOUNT, Public: true },
      ],
    });
    expect(verdicts(await runCheck(amiPublic))).toEqual({ 'ami-ours': 'FAIL' });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-theirs', OwnerId: '137112412989', Public: true }] });
    expect(await statuses(amiPublic)).toEqual(['PASS']);
  });
});

describe('security-group rules the listing left unreadable', () => {
  const open22 = tcp(22, 22, '0.0.0.0/0');
  const sg = (perms: IpPermission[] | undefined): SecurityGroup => ({ GroupId: 'sg-x', GroupName: 'x', IpPermissions: perms });
  // Before: PASS for every ERROR row (the unreadable rule was read as admitting nothing).
  it.each<[string, IpPermission[] | undefined, string]>([
    ['IpPermissions missing', undefined, 'ERROR'],
    ['a rule without IpProtocol', [{ FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], 'ERROR'],
    ['a rule without any source list', [{ IpProtocol: '-1' }], 'ERROR'],
    ['a CIDR that does not parse', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0 ' }] }], 'ERROR'],
    ['an IPv6 CIDR in IpRanges', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '::/0' }] }], 'ERROR'],
    ['an unreadable rule beside an open one: FAIL stands', [{ IpProtocol: '-1' }, open22], 'FAIL'],
    ['no rules at all (AWS sends an empty list): PASS', [], 'PASS'],
    ['a rule referencing only another group: PASS', [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-y' }] }], 'PASS'],
  ])('%s', async (_label, perms, expected) => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [sg(perms)] });
    expect(await statuses(sgAdmin)).toEqual([expected]);
    expect(await statuses(sgUnauthorised)).toEqual([expected]);
  });

  it('names the read and the problem', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [sg(undefined)] });
    expect(findingFor(await runCheck(sgAdmin), 'sg-x').message).toBe(
      'Could not evaluate: ec2:DescribeSecurityGroups returned an unusable answer: it did not list the inbound rules (IpPermissions) of the group',
    );
  });
});

describe('network ACL entries the listing left unreadable', () => {
  const acl = (Entries: NetworkAclEntry[] | undefined) => ({ NetworkAclId: 'acl-1', VpcId: 'vpc-1', Entries, Associations: [] });
  const allowAll = naclEntry(100, 'allow', '0.0.0.0/0');
  it.each<[string, NetworkAclEntry[] | undefined, string]>([
    // Before: PASS ("denies the internet") with no entries to go on.
    ['Entries missing', undefined, 'ERROR'],
    // An empty list is readable: the implicit deny decides.
    ['Entries empty', [], 'PASS'],
    // Before: PASS — the DENY without its port range was read as denying every port.
    [
      'a tcp DENY without PortRange ahead of ALLOW all',
      [{ ...naclEntry(50, 'deny', '0.0.0.0/0', '6'), PortRange: undefined }, allowAll],
      'ERROR',
    ],
    ['a tcp DENY with half a PortRange', [{ ...naclEntry(50, 'deny', '0.0.0.0/0', '6'), PortRange: { From: 3389 } }, allowAll], 'ERROR'],
    // Before: an egress ALLOW without Egress was read as ingress (FAIL).
    ['an entry without Egress', [{ ...allowAll, Egress: undefined }], 'ERROR'],
    [
      'DENY of tcp and udp 22 and 3389, with ranges, ahead of ALLOW all',
      [
        ...['6', '17'].flatMap((p, i) => [
          naclEntry(50 + i, 'deny', '0.0.0.0/0', p, [22, 22]),
          naclEntry(60 + i, 'deny', '0.0.0.0/0', p, [3389, 3389]),
        ]),
        allowAll,
      ],
      'PASS',
    ],
    ['ALLOW all, IPv4 only: FAIL', [allowAll], 'FAIL'],
  ])('%s', async (_label, entries, expected) => {
    ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [acl(entries)] });
    expect(await statuses(naclAdmin)).toEqual([expected]);
  });
});

describe('ec2-vpc-flow-logs-enabled: a flow log listed without its status or traffic type', () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    // Before: FAIL ("No working flow log: fl-1 is of unknown status").
    ['no FlowLogStatus', { FlowLogStatus: undefined, TrafficType: 'ALL' }, 'ERROR'],
    // Before: FAIL ("records only accepted traffic").
    ['no TrafficType', { FlowLogStatus: 'ACTIVE', TrafficType: undefined }, 'ERROR'],
    ['ACTIVE and ALL', { FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }, 'PASS'],
    ['ACTIVE and ACCEPT', { FlowLogStatus: 'ACTIVE', TrafficType: 'ACCEPT' }, 'FAIL'],
  ])('%s', async (_label, fields, expected) => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', ...fields }] });
    expect(await statuses(flowLogs)).toEqual([expected]);
  });
});

describe('ec2-instance-internet-reachable: missing pieces', () => {
  const GROUPS = [group('sg-ssh', tcp(22, 22, '0.0.0.0/0'))];
  const eni = (extra: Record<string, unknown> = {}) => ({
    NetworkInterfaceId: 'eni-1',
    SubnetId: 'subnet-public',
    VpcId: 'vpc-a',
    PrivateIpAddress: '10.0.0.5',
    Groups: [{ GroupId: 'sg-ssh' }],
    ...extra,
  });
  const instance = (extra: Partial<Instance>): Instance => ({
    InstanceId: 'i-1',
    State: { Name: 'running' },
    SubnetId: 'subnet-public',
    VpcId: 'vpc-a',
    PrivateIpAddress: '10.0.0.5',
    ...extra,
  });
  const instances = (...list: Instance[]) => ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: list }] });

  it.each<[string, Partial<Instance>, string]>([
    // Before: PASS — the public IPv4 was only attributed to an interface at device index 0.
    [
      'PublicIpAddress, one interface without Attachment or Association',
      { PublicIpAddress: '54.0.0.10', NetworkInterfaces: [eni()] },
      'FAIL',
    ],
    [
      'PublicIpAddress, the interface holding the private address found by address',
      { PublicIpAddress: '54.0.0.10', NetworkInterfaces: [eni({ NetworkInterfaceId: 'eni-2', PrivateIpAddress: '10.0.0.6' }), eni()] },
      'FAIL',
    ],
    [
      'PublicIpAddress, no interface identifiable as primary',
      {
        PublicIpAddress: '54.0.0.10',
        PrivateIpAddress: undefined,
        NetworkInterfaces: [eni({ NetworkInterfaceId: 'eni-2', PrivateIpAddress: '10.0.0.6' }), eni()],
      },
      'ERROR',
    ],
  ])('%s', async (_label, extra, expected) => {
    mockNetwork(ec2, GROUPS);
    instances(instance(extra));
    expect(await statuses(reachable)).toEqual([expected]);
  });

  it('an internet gateway listed without its attachment list does not hide the route (documented fallback)', async () => {
    // Before: PASS — the route was dropped as leading to a detached gateway.
    mockNetwork(ec2, GROUPS);
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [{ InternetGatewayId: 'igw-a' }] });
    instances(instance({ PublicIpAddress: '54.0.0.10', NetworkInterfaces: [eni({ Attachment: { DeviceIndex: 0 } })] }));
    expect(await statuses(reachable)).toEqual(['FAIL']);
    // An explicitly empty list is a detached gateway: the route carries nothing.
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [{ InternetGatewayId: 'igw-a', Attachments: [] }] });
    expect(await statuses(reachable)).toEqual(['PASS']);
  });

  it.each<[string, NetworkAclEntry[] | undefined, SecurityGroup[], string]>([
    // Before: PASS — the entry without RuleAction was read as a DENY shadowing the ALLOW.
    [
      'a NACL entry without RuleAction ahead of ALLOW all',
      [{ ...naclEntry(50, 'deny', '0.0.0.0/0', '6', [22, 22]), RuleAction: undefined }, ...ALLOW_ALL],
      GROUPS,
      'ERROR',
    ],
    // Before: PASS — no entries read as "deny everything".
    ['a NACL listed without Entries', undefined, GROUPS, 'ERROR'],
    // Before: PASS — a group without IpPermissions read as admitting nothing.
    ['its security group listed without IpPermissions', ALLOW_ALL, [{ GroupId: 'sg-ssh', GroupName: 'ssh', VpcId: 'vpc-a' }], 'ERROR'],
    ['everything readable', ALLOW_ALL, GROUPS, 'FAIL'],
  ])('%s', async (_label, entries, groups, expected) => {
    mockNetwork(ec2, groups, { naclEntries: entries ?? [] });
    if (!entries) {
      ec2.on(DescribeNetworkAclsCommand).resolves({
        NetworkAcls: [{ NetworkAclId: 'acl-a', VpcId: 'vpc-a', Associations: [{ SubnetId: 'subnet-public', NetworkAclId: 'acl-a' }] }],
      });
    }
    instances(instance({ PublicIpAddress: '54.0.0.10', NetworkInterfaces: [eni({ Attachment: { DeviceIndex: 0 } })] }));
    const findings = await runCheck(reachable);
    expect(findings.map((f) => f.status)).toEqual([expected]);
    if (expected === 'ERROR')
      expect(findings[0]!.message).toMatch(/^Could not evaluate: ec2:Describe(NetworkAcls|SecurityGroups) failed: /);
  });
});
