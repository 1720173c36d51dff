/**
 * A small VPC for the reachability check tests, answered through aws-sdk-client-mock: vpc-a with
 * a public subnet (explicit table routing 0.0.0.0/0 and ::/0 to igw-a) and a private subnet (the
 * main table, local route only), one NACL allowing everything, and the groups each test gives.
 */
import {
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type IpPermission,
  type NetworkAclEntry,
  type RouteTable,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { naclEntry } from '../../demo/world/ec2.js';

export const ALLOW_ALL: NetworkAclEntry[] = [false, true].flatMap((egress) => [
  naclEntry(100, 'allow', '0.0.0.0/0', '-1', undefined, egress),
  naclEntry(101, 'allow', '::/0', '-1', undefined, egress),
  naclEntry(32767, 'deny', '0.0.0.0/0', '-1', undefined, egress),
  naclEntry(32767, 'deny', '::/0', '-1', undefined, egress),
]);

export const TABLES: RouteTable[] = [
  {
    RouteTableId: 'rtb-main',
    VpcId: 'vpc-a',
    Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }],
    Associations: [{ Main: true, RouteTableId: 'rtb-main' }],
  },
  {
    RouteTableId: 'rtb-public',
    VpcId: 'vpc-a',
    Routes: [
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-a', State: 'active' },
      { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-a', State: 'active' },
    ],
    Associations: [{ Main: false, SubnetId: 'subnet-public', RouteTableId: 'rtb-public' }],
  },
];

export const tcp = (from: number, to: number, ...cidrs: string[]): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
});

export const group = (id: string, ...perms: IpPermission[]): SecurityGroup => ({
  GroupId: id,
  GroupName: id,
  VpcId: 'vpc-a',
  IpPermissions: perms,
});

export function mockNetwork(
  stub: AwsClientStub<EC2Client>,
  groups: SecurityGroup[],
  opts: { naclEntries?: NetworkAclEntry[]; tables?: RouteTable[] } = {},
): void {
  stub.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: groups });
  stub.on(DescribeRouteTablesCommand).resolves({ RouteTables: opts.tables ?? TABLES });
  stub.on(DescribeInternetGatewaysCommand).resolves({
    InternetGateways: [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-a', State: 'available' as never }] }],
  });
  stub.on(DescribeNetworkAclsCommand).resolves({
    NetworkAcls: [
      {
        NetworkAclId: 'acl-a',
        VpcId: 'vpc-a',
        Entries: opts.naclEntries ?? ALLOW_ALL,
        Associations: ['subnet-public', 'subnet-private'].map((SubnetId) => ({ SubnetId, NetworkAclId: 'acl-a' })),
      },
    ],
  });
}
