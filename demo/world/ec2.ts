import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { awsError, byRegion, DEMO_ACCOUNT, type Handlers } from './types.js';

const tcp = (from: number, to: number, cidrs: string[] = [], v6: string[] = [], prefixLists: string[] = []): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
  PrefixListIds: prefixLists.map((PrefixListId) => ({ PrefixListId })),
  UserIdGroupPairs: [],
});

const group = (id: string, name: string, vpc: string, ingress: IpPermission[], tags: Record<string, string> = {}): SecurityGroup => ({
  GroupId: id,
  GroupName: name,
  Description: `demo group ${name}`,
  OwnerId: DEMO_ACCOUNT,
  VpcId: vpc,
  IpPermissions: ingress,
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});

export const securityGroups: Partial<Record<string, SecurityGroup[]>> = {
  'us-east-1': [
    group('sg-0a11default0000001', 'default', 'vpc-0demo0001', []),
    group('sg-0b22bastion000002', 'bastion-ssh', 'vpc-0demo0001', [tcp(22, 22, ['0.0.0.0/0'])], { Name: 'Bastion (temporary)' }),
    // Two halves of the IPv4 internet and a port range that includes 22: open, though no rule says 0.0.0.0/0.
    group('sg-0c33legacy0000003', 'legacy-mail', 'vpc-0demo0001', [tcp(20, 25, ['0.0.0.0/1', '128.0.0.0/1'])], {
      Name: 'legacy <mail> relay',
    }),
    group('sg-0d44alltraffic004', 'lab-all-traffic', 'vpc-0demo0001', [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]),
    group('sg-0e55internal00005', 'internal-admin', 'vpc-0demo0001', [tcp(22, 22, ['10.0.0.0/8']), tcp(3389, 3389, ['172.16.0.0/12'])]),
    group('sg-0f66web0000000006', 'public-web', 'vpc-0demo0001', [tcp(443, 443, ['0.0.0.0/0'], ['::/0']), tcp(80, 80, ['0.0.0.0/0'])]),
    group('sg-0a77office0000007', 'office-rdp', 'vpc-0demo0001', [tcp(3389, 3389, [], [], ['pl-0office000000001'])]),
    group('sg-0b88vendor0000008', 'vendor-ssh', 'vpc-0demo0001', [tcp(22, 22, [], [], ['pl-0anywhere0000002'])]),
  ],
  'eu-west-1': [
    group('sg-0c99eurdp00000009', 'eu-jump-rdp', 'vpc-0demo0002', [tcp(3389, 3389, ['0.0.0.0/0'])]),
    group('sg-0daaeussh0000000a', 'eu-admin', 'vpc-0demo0002', [tcp(22, 22, ['192.168.0.0/16'])]),
  ],
};

const prefixLists: Record<string, string[]> = {
  'pl-0office000000001': ['198.51.100.0/24', '8.8.4.0/24'],
  'pl-0anywhere0000002': ['0.0.0.0/0'],
};

export const ec2Handlers: Handlers = {
  DescribeRegions: () => ({
    Regions: [
      { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'af-south-1', Endpoint: 'ec2.af-south-1.amazonaws.com', OptInStatus: 'not-opted-in' },
    ],
  }),
  DescribeSecurityGroups: (region) => ({ SecurityGroups: byRegion(securityGroups, region) }),
  GetManagedPrefixListEntries: (_region, input) => {
    const cidrs = prefixLists[String(input.PrefixListId)];
    if (!cidrs) throw awsError('InvalidPrefixListID.NotFound', `The prefix list ID '${String(input.PrefixListId)}' does not exist`);
    return { Entries: cidrs.map((Cidr) => ({ Cidr })) };
  },
};
