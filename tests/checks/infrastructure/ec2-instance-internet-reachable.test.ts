import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { naclEntry } from '../../../demo/world/ec2.js';
import check from '../../../checks/infrastructure/ec2-instance-internet-reachable.js';
import { awsError, findingFor, runCheck, runOutcome, verdicts } from '../../helpers/check-tester.js';
import { group, mockNetwork, tcp } from '../../helpers/network.js';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const instance = (id: string, opts: { subnet?: string; publicIp?: string; groups?: string[]; ipv6?: string } = {}): Instance => ({
  InstanceId: id,
  State: { Name: 'running' },
  SubnetId: opts.subnet ?? 'subnet-public',
  VpcId: 'vpc-a',
  PublicIpAddress: opts.publicIp,
  NetworkInterfaces: [
    {
      NetworkInterfaceId: `eni-${id}`,
      SubnetId: opts.subnet ?? 'subnet-public',
      VpcId: 'vpc-a',
      Attachment: { DeviceIndex: 0 },
      Groups: (opts.groups ?? ['sg-ssh']).map((GroupId) => ({ GroupId })),
      ...(opts.publicIp ? { Association: { PublicIp: opts.publicIp } } : {}),
      Ipv6Addresses: opts.ipv6 ? [{ Ipv6Address: opts.ipv6 }] : [],
    },
  ],
});
const instances = (...list: Instance[]) => ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: list }] });

const GROUPS = [
  group('sg-ssh', tcp(22, 22, '0.0.0.0/0')),
  group('sg-web', tcp(443, 443, '0.0.0.0/0', '::/0'), tcp(80, 80, '0.0.0.0/0')),
  group('sg-alt', tcp(8080, 8080, '0.0.0.0/0')),
  group('sg-all', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }] }),
];

describe('ec2-instance-internet-reachable', () => {
  it('fails a public instance in a public subnet with SSH open, critical, naming the whole path', async () => {
    mockNetwork(ec2, GROUPS);
    instances(instance('i-exposed', { publicIp: '54.0.0.10' }));
    const [f] = await runCheck(check);
    expect(f?.status).toBe('FAIL');
    expect(f?.severity).toBe('critical');
    expect(f?.message).toBe(
      'Reachable from the internet: tcp/22 (admin 22) to 54.0.0.10 in subnet-public via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg-ssh rule tcp 22 0.0.0.0/0.',
    );
  });

  it('passes the same open group without a public address, or with one in a private subnet, saying why', async () => {
    mockNetwork(ec2, GROUPS);
    instances(instance('i-no-ip'), instance('i-private', { subnet: 'subnet-private', publicIp: '54.0.0.11' }));
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ 'i-no-ip': 'PASS', 'i-private': 'PASS' });
    expect(findingFor(findings, 'i-no-ip').message).toBe(
      'Not reachable from the internet: it has no public IPv4 address and no IPv6 address on any interface. Its security groups and network ACL alone would admit the internet on tcp/22 (IPv4).',
    );
    expect(findingFor(findings, 'i-private').message).toContain(
      'subnet-private uses rtb-main (main route table of vpc-a), which has no route to an internet gateway for the IPv4 internet',
    );
  });

  it('web ports alone are informational exposure; another port is high; all traffic lists the sensitive ports it includes', async () => {
    mockNetwork(ec2, GROUPS);
    instances(
      instance('i-web', { publicIp: '54.0.0.12', groups: ['sg-web'], ipv6: '2600:1f18::12' }),
      instance('i-alt', { publicIp: '54.0.0.13', groups: ['sg-alt'] }),
      instance('i-all', { publicIp: '54.0.0.14', groups: ['sg-all'] }),
    );
    const findings = await runCheck(check);
    expect(Object.fromEntries(findings.map((f) => [f.resource.id, `${f.status} ${f.severity}`]))).toEqual({
      'i-web': 'PASS informational',
      'i-alt': 'FAIL high',
      'i-all': 'FAIL critical',
    });
    expect(findingFor(findings, 'i-web').message).toContain('only on intended public ports: tcp/80 (intended public) to 54.0.0.12');
    expect(findingFor(findings, 'i-web').message).toContain(
      'tcp/443 (intended public) to 2600:1f18::12 in subnet-public via igw-a → rtb-public (::/0)',
    );
    expect(findingFor(findings, 'i-all').message).toContain(
      'tcp/0-65535 (admin 22, 3389; database 1433, 1521, 2483, 2484, 3306, …) to 54.0.0.14 in subnet-public via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg-all rule all traffic 0.0.0.0/1 + 128.0.0.0/1; udp/0-65535',
    );
    // The configured list decides what is intended.
    const strict = await runCheck(check, { options: { intendedPublicPorts: { tcp: [], udp: [] } } });
    expect(findingFor(strict, 'i-web').status).toBe('FAIL');
  });

  it('judges each interface by its own security groups, not only the primary one', async () => {
    mockNetwork(ec2, GROUPS);
    const two = instance('i-two', { groups: ['sg-web'] });
    two.NetworkInterfaces!.push({
      NetworkInterfaceId: 'eni-second',
      SubnetId: 'subnet-public',
      VpcId: 'vpc-a',
      Attachment: { DeviceIndex: 1 },
      Groups: [{ GroupId: 'sg-ssh' }],
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.5', Association: { PublicIp: '3.0.0.5' } }],
    });
    instances(two);
    const [f] = await runCheck(check);
    expect(f?.status).toBe('FAIL');
    expect(f?.message).toContain('tcp/22 (admin 22) to 3.0.0.5 in subnet-public');
  });

  it('notes a NACL that drops the replies on ephemeral ports, and honours a NACL deny ahead of the allow', async () => {
    mockNetwork(ec2, [group('sg-ssh', tcp(20, 25, '0.0.0.0/0'))], {
      naclEntries: [
        naclEntry(50, 'deny', '0.0.0.0/0', '6', [22, 22]),
        naclEntry(100, 'allow', '0.0.0.0/0', '-1'),
        naclEntry(100, 'allow', '0.0.0.0/0', '6', [49152, 65535], true),
      ],
    });
    instances(instance('i-nacl', { publicIp: '54.0.0.15' }));
    const [f] = await runCheck(check);
    expect(f?.message).toBe(
      'Reachable from the internet: tcp/20-21 to 54.0.0.15 in subnet-public via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg-ssh rule tcp 20-25 0.0.0.0/0; ' +
        'tcp/23-25 to 54.0.0.15 in subnet-public via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg-ssh rule tcp 20-25 0.0.0.0/0. ' +
        'Note: acl-a denies outbound tcp 1024-49151 to the IPv4 internet (rule *), so replies on those ephemeral ports would be dropped.',
    );
    expect(f?.severity).toBe('high');
  });

  it('reports ERROR for an instance whose security group is not listed, and goes on', async () => {
    mockNetwork(ec2, GROUPS);
    instances(instance('i-ghost', { publicIp: '54.0.0.16', groups: ['sg-gone'] }), instance('i-ok'));
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ 'i-ghost': 'ERROR', 'i-ok': 'PASS' });
    expect(findingFor(findings, 'i-ghost').message).toContain('sg-gone');
  });

  it('reads an instance listed without interfaces from its own fields; unknown groups are ERROR, not PASS', async () => {
    mockNetwork(ec2, GROUPS);
    instances(
      {
        InstanceId: 'i-flat',
        State: { Name: 'running' },
        SubnetId: 'subnet-public',
        VpcId: 'vpc-a',
        PublicIpAddress: '54.0.0.17',
        SecurityGroups: [{ GroupId: 'sg-ssh' }],
      },
      { InstanceId: 'i-nogroups', State: { Name: 'running' }, SubnetId: 'subnet-public', VpcId: 'vpc-a', PublicIpAddress: '54.0.0.18' },
    );
    expect(verdicts(await runCheck(check))).toEqual({ 'i-flat': 'FAIL', 'i-nogroups': 'ERROR' });
  });

  it('falls back to the routes’ own state when internet gateways cannot be listed, and lists the denial in run.errors', async () => {
    mockNetwork(ec2, GROUPS);
    ec2.on(DescribeInternetGatewaysCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    instances(instance('i-exposed', { publicIp: '54.0.0.10' }));
    const { findings, errors } = await runOutcome([check]);
    expect(verdicts(findings)).toEqual({ 'i-exposed': 'FAIL' });
    // Not silent: the run is partial, and says which read was denied.
    expect(errors).toMatchObject([
      {
        checkId: check.id,
        region: 'us-east-1',
        action: 'ec2:DescribeInternetGateways',
        code: 'UnauthorizedOperation',
        kind: 'access-denied',
      },
    ]);
  });

  it('turns UnauthorizedOperation on DescribeRouteTables into an ERROR for the region', async () => {
    mockNetwork(ec2, GROUPS);
    ec2.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    instances(instance('i-exposed', { publicIp: '54.0.0.10' }));
    const findings = await runCheck(check);
    expect(findings.map((f) => [f.status, f.resource.type])).toEqual([['ERROR', 'AWS::::Region']]);
    expect(findings[0]!.message).toContain('UnauthorizedOperation');
  });

  it('passes a region without instances with no finding', async () => {
    mockNetwork(ec2, GROUPS);
    instances();
    expect(await runCheck(check)).toEqual([]);
  });
});
