import type {
  AttachmentStatus,
  FlowLog,
  Image,
  LaunchPermission,
  Instance,
  InstanceStateName,
  InternetGateway,
  LaunchTemplateVersion,
  IpPermission,
  NetworkAcl,
  NetworkAclEntry,
  Route,
  RouteTable,
  SecurityGroup,
  Snapshot,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';
import { awsError, byRegion, daysAgo, DEMO_ACCOUNT, DEMO_ORGANIZATION_ARN, PARTNER_ACCOUNT, type Handlers } from './types.js';

const tcp = (from: number, to: number, cidrs: string[] = [], v6: string[] = [], prefixLists: string[] = []): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
  PrefixListIds: prefixLists.map((PrefixListId) => ({ PrefixListId })),
  UserIdGroupPairs: [],
});

const ALL_OUT: IpPermission[] = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const group = (
  id: string,
  name: string,
  vpc: string,
  ingress: IpPermission[],
  tags: Record<string, string> = {},
  egress: IpPermission[] = ALL_OUT,
): SecurityGroup => ({
  GroupId: id,
  GroupName: name,
  Description: `demo group ${name}`,
  OwnerId: DEMO_ACCOUNT,
  VpcId: vpc,
  IpPermissions: ingress,
  IpPermissionsEgress: egress,
  Tags: tagList(tags),
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
    // A locked-down default group in the second VPC: what CIS 5.4 asks for.
    group('sg-0e11default000011', 'default', 'vpc-0demo0003', [], {}, []),
    // All traffic from the two halves of the IPv4 internet: every port, though no rule says 0.0.0.0/0.
    group('sg-0f12labopen000012', 'lab-open', 'vpc-0demo0003', [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }] },
    ]),
    group('sg-0a13reportsdb0013', 'reports-db', 'vpc-0demo0001', [tcp(3306, 3306, ['0.0.0.0/0'])], { Name: 'reports <db>' }),
  ],
  'eu-west-1': [
    group('sg-0c99eurdp00000009', 'eu-jump-rdp', 'vpc-0demo0002', [tcp(3389, 3389, ['0.0.0.0/0'])]),
    group('sg-0daaeussh0000000a', 'eu-admin', 'vpc-0demo0002', [tcp(22, 22, ['192.168.0.0/16'])]),
    group('sg-0ebbeuweb0000000b', 'eu-web', 'vpc-0demo0002', [tcp(443, 443, ['0.0.0.0/0'], ['::/0'])]),
    // SSH over IPv6 and SMB from a /4 of public IPv4 space: both open though neither says 0.0.0.0/0.
    group('sg-0fcceufiles00000c', 'eu-file-share', 'vpc-0demo0002', [tcp(22, 22, [], ['2000::/3']), tcp(445, 445, ['80.0.0.0/4'])]),
    group('sg-0addeudefault000d', 'default', 'vpc-0demo0002', [
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0addeudefault000d' }] },
    ]),
    group('sg-0beeeudefault000e', 'default', 'vpc-0demo0004', [], {}, []),
    group('sg-0b14eudb00000014', 'eu-db', 'vpc-0demo0002', [tcp(5432, 5432, ['0.0.0.0/0'])]),
  ],
};

const prefixLists: Record<string, string[]> = {
  'pl-0office000000001': ['198.51.100.0/24', '8.8.4.0/24'],
  'pl-0anywhere0000002': ['0.0.0.0/0'],
};

/** A network ACL entry as DescribeNetworkAcls returns it (the tests build theirs with it too). */
export const naclEntry = (
  RuleNumber: number,
  RuleAction: 'allow' | 'deny',
  cidr: string,
  Protocol = '-1',
  ports?: [number, number],
  Egress = false,
): NetworkAclEntry => ({
  RuleNumber,
  RuleAction,
  Protocol,
  Egress,
  ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
  ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
});

/** The entries AWS creates in a default NACL: allow everything, then the catch-all `*` deny. */
const ALLOW_ALL: NetworkAclEntry[] = [false, true].flatMap((egress) => [
  naclEntry(100, 'allow', '0.0.0.0/0', '-1', undefined, egress),
  naclEntry(101, 'allow', '::/0', '-1', undefined, egress),
  naclEntry(32767, 'deny', '0.0.0.0/0', '-1', undefined, egress),
  naclEntry(32767, 'deny', '::/0', '-1', undefined, egress),
]);

const nacl = (
  id: string,
  vpc: string,
  isDefault: boolean,
  subnets: string[],
  entries: NetworkAclEntry[],
  tags: Record<string, string> = {},
): NetworkAcl => ({
  NetworkAclId: id,
  VpcId: vpc,
  IsDefault: isDefault,
  OwnerId: DEMO_ACCOUNT,
  Entries: entries,
  Associations: subnets.map((SubnetId, i) => ({ NetworkAclAssociationId: `aclassoc-${id.slice(4)}${i}`, NetworkAclId: id, SubnetId })),
  Tags: tagList(tags),
});

/** Admin ports denied ahead of the default allow-all (rule order decides, not the wording). */
const DENY_ADMIN: NetworkAclEntry[] = [
  naclEntry(10, 'deny', '0.0.0.0/0', '6', [22, 22]),
  naclEntry(11, 'deny', '0.0.0.0/0', '6', [3389, 3389]),
  naclEntry(12, 'deny', '::/0', '6', [22, 22]),
  naclEntry(13, 'deny', '::/0', '6', [3389, 3389]),
  naclEntry(14, 'deny', '0.0.0.0/0', '17', [3389, 3389]),
  naclEntry(15, 'deny', '::/0', '17', [3389, 3389]),
  naclEntry(16, 'deny', '0.0.0.0/0', '17', [22, 22]),
  naclEntry(17, 'deny', '::/0', '17', [22, 22]),
];

export const networkAcls: Partial<Record<string, NetworkAcl[]>> = {
  'us-east-1': [
    nacl('acl-0a1default00001', 'vpc-0demo0001', true, ['subnet-0pub0000001', 'subnet-0pub0000002'], ALLOW_ALL),
    nacl('acl-0b2private00002', 'vpc-0demo0001', false, ['subnet-0prv0000003'], [...DENY_ADMIN, ...ALLOW_ALL], { Name: 'private-tier' }),
    // Denying one office /24 leaves the rest of the internet allowed by rule 100.
    nacl(
      'acl-0c3partial00003',
      'vpc-0demo0003',
      true,
      ['subnet-0lab0000004'],
      // Outbound 1024-32767 denied: replies to clients whose ephemeral ports lie there are dropped (NACLs are stateless).
      [naclEntry(50, 'deny', '203.0.113.0/24', '6', [22, 22]), naclEntry(90, 'deny', '0.0.0.0/0', '6', [1024, 32767], true), ...ALLOW_ALL],
    ),
  ],
  'eu-west-1': [
    nacl('acl-0d4eudefault004', 'vpc-0demo0002', true, ['subnet-0eu00000005', 'subnet-0eu00000007'], ALLOW_ALL),
    nacl('acl-0e5eulocked0005', 'vpc-0demo0004', true, ['subnet-0eu00000006'], [...DENY_ADMIN, ...ALLOW_ALL]),
  ],
};

const vpcList: Partial<Record<string, Vpc[]>> = {
  'us-east-1': [
    {
      VpcId: 'vpc-0demo0001',
      CidrBlock: '10.0.0.0/16',
      IsDefault: false,
      OwnerId: DEMO_ACCOUNT,
      State: 'available',
      Tags: tagList({ Name: 'prod' }),
    },
    {
      VpcId: 'vpc-0demo0003',
      CidrBlock: '10.3.0.0/16',
      IsDefault: false,
      OwnerId: DEMO_ACCOUNT,
      State: 'available',
      Tags: tagList({ Name: 'lab' }),
    },
  ],
  'eu-west-1': [
    {
      VpcId: 'vpc-0demo0002',
      CidrBlock: '10.2.0.0/16',
      IsDefault: false,
      OwnerId: DEMO_ACCOUNT,
      State: 'available',
      Tags: tagList({ Name: 'eu-prod' }),
    },
    { VpcId: 'vpc-0demo0004', CidrBlock: '172.31.0.0/16', IsDefault: true, OwnerId: DEMO_ACCOUNT, State: 'available' },
  ],
};

const flowLog = (id: string, vpc: string, traffic: 'ALL' | 'ACCEPT' | 'REJECT', destination: 'cloud-watch-logs' | 's3'): FlowLog => ({
  FlowLogId: id,
  ResourceId: vpc,
  FlowLogStatus: 'ACTIVE',
  DeliverLogsStatus: 'SUCCESS',
  TrafficType: traffic,
  LogDestinationType: destination,
  CreationTime: daysAgo(200),
});

const flowLogList: Partial<Record<string, FlowLog[]>> = {
  // vpc-0demo0003 (lab) has none.
  'us-east-1': [flowLog('fl-0a1prod000000001', 'vpc-0demo0001', 'ALL', 'cloud-watch-logs')],
  // eu-prod logs accepted traffic only: rejected connection attempts go unrecorded.
  'eu-west-1': [
    flowLog('fl-0b2euprod0000002', 'vpc-0demo0002', 'ACCEPT', 's3'),
    flowLog('fl-0c3eudefault0003', 'vpc-0demo0004', 'REJECT', 's3'),
  ],
};

const ebsEncryptionByDefault: Record<string, boolean> = { 'us-east-1': true, 'eu-west-1': false };

const volume = (region: string, id: string, encrypted: boolean, instance?: string, tags: Record<string, string> = {}): Volume => ({
  VolumeId: id,
  Encrypted: encrypted,
  KmsKeyId: encrypted ? `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/1111aaaa-22bb-33cc-44dd-555555eeeeee` : undefined,
  Size: 50,
  State: instance ? 'in-use' : 'available',
  VolumeType: 'gp3',
  Attachments: instance ? [{ InstanceId: instance, State: 'attached', Device: '/dev/xvda', VolumeId: id }] : [],
  Tags: tagList(tags),
});

const volumeList: Partial<Record<string, Volume[]>> = {
  'us-east-1': [
    volume('us-east-1', 'vol-0a1web000000001', true, 'i-0a1web0000000001'),
    volume('us-east-1', 'vol-0b2app000000002', false, 'i-0b2app0000000002', { Name: 'app root (pre-2020)' }),
    volume('us-east-1', 'vol-0c3orphan000003', false, undefined, { Name: 'detached scratch' }),
  ],
  'eu-west-1': [
    volume('eu-west-1', 'vol-0d4eubatch000004', true, 'i-0c3eubatch000003'),
    volume('eu-west-1', 'vol-0e5eulegacy00005', false, 'i-0d4eulegacy00004'),
  ],
};

interface DemoSnapshot extends Snapshot {
  public: boolean;
  /** Account ids with create-volume permission (sharing outside the zone fails the external-access check). */
  sharedWith?: string[];
}
const snapshotList: Partial<Record<string, DemoSnapshot[]>> = {
  'us-east-1': [
    {
      SnapshotId: 'snap-0a1private00001',
      OwnerId: DEMO_ACCOUNT,
      VolumeId: 'vol-0a1web000000001',
      Encrypted: true,
      State: 'completed',
      public: false,
    },
    {
      SnapshotId: 'snap-0b2shared000002',
      OwnerId: DEMO_ACCOUNT,
      VolumeId: 'vol-0b2app000000002',
      Encrypted: false,
      State: 'completed',
      public: true,
    },
  ],
  'eu-west-1': [
    {
      SnapshotId: 'snap-0c3eubackup0003',
      OwnerId: DEMO_ACCOUNT,
      VolumeId: 'vol-0d4eubatch000004',
      Encrypted: true,
      State: 'completed',
      public: false,
      sharedWith: [PARTNER_ACCOUNT],
    },
  ],
};

const imageList: Partial<Record<string, Image[]>> = {
  'us-east-1': [
    {
      ImageId: 'ami-0a1golden000001',
      Name: 'golden-al2023',
      OwnerId: DEMO_ACCOUNT,
      Public: false,
      State: 'available',
      CreationDate: daysAgo(30).toISOString(),
    },
    // An old image still running (issue 16): its packages are 400 days old.
    {
      ImageId: 'ami-0d4legacy000004',
      Name: 'legacy-centos7',
      OwnerId: DEMO_ACCOUNT,
      Public: false,
      State: 'available',
      CreationDate: daysAgo(400).toISOString(),
    },
  ],
  'eu-west-1': [
    {
      ImageId: 'ami-0b2eupartner0002',
      Name: 'partner-appliance',
      OwnerId: DEMO_ACCOUNT,
      Public: true,
      State: 'available',
      CreationDate: '2025-03-02T10:00:00.000Z',
    },
    {
      ImageId: 'ami-0c3eubase000003',
      Name: 'eu-base',
      OwnerId: DEMO_ACCOUNT,
      Public: false,
      State: 'available',
      CreationDate: daysAgo(60).toISOString(),
    },
  ],
};

/** Launch permissions beyond "all": the partner's account (external), the demo organization (inside the zone). */
const imageLaunchShares: Record<string, LaunchPermission[]> = {
  'ami-0b2eupartner0002': [{ UserId: PARTNER_ACCOUNT }],
  'ami-0c3eubase000003': [{ OrganizationArn: DEMO_ORGANIZATION_ARN }],
};

interface InstanceOpts {
  publicIp?: string;
  eip?: string;
  ipv6?: string;
  state?: string;
  name?: string;
  subnet: string;
  vpc: string;
  groups: string[];
  // Issue 16: the image, the role and when it started or stopped.
  image: string;
  profile?: string;
  launchedDaysAgo?: number;
  stoppedDaysAgo?: number;
}

/** An instance with its primary interface, as DescribeInstances returns it (the interface carries the groups). */
const instance = (id: string, tokens: 'required' | 'optional', opts: InstanceOpts): Instance => {
  const publicIp = opts.eip ?? opts.publicIp;
  return {
    InstanceId: id,
    InstanceType: 't3.small',
    State: { Name: (opts.state ?? 'running') as InstanceStateName },
    ImageId: opts.image,
    LaunchTime: daysAgo(opts.launchedDaysAgo ?? 20),
    ...(opts.profile
      ? {
          IamInstanceProfile: {
            Arn: `arn:aws:iam::${DEMO_ACCOUNT}:instance-profile/${opts.profile}`,
            Id: `AIPADEMO${opts.profile.length}`,
          },
        }
      : {}),
    StateTransitionReason:
      opts.stoppedDaysAgo === undefined
        ? ''
        : `User initiated (${daysAgo(opts.stoppedDaysAgo).toISOString().slice(0, 19).replace('T', ' ')} GMT)`,
    PrivateIpAddress: '10.0.1.10',
    PublicIpAddress: opts.publicIp,
    SubnetId: opts.subnet,
    VpcId: opts.vpc,
    SecurityGroups: opts.groups.map((GroupId) => ({ GroupId })),
    MetadataOptions: { HttpTokens: tokens, HttpEndpoint: 'enabled', State: 'applied', HttpPutResponseHopLimit: 2 },
    NetworkInterfaces: [
      {
        NetworkInterfaceId: `eni-${id.slice(2)}`,
        SubnetId: opts.subnet,
        VpcId: opts.vpc,
        Attachment: { DeviceIndex: 0, Status: 'attached' },
        Groups: opts.groups.map((GroupId) => ({ GroupId })),
        ...(publicIp ? { Association: { PublicIp: publicIp } } : {}),
        PrivateIpAddresses: [
          { PrivateIpAddress: '10.0.1.10', Primary: true, ...(publicIp ? { Association: { PublicIp: publicIp } } : {}) },
        ],
        Ipv6Addresses: opts.ipv6 ? [{ Ipv6Address: opts.ipv6 }] : [],
      },
    ],
    Tags: opts.name ? tagList({ Name: opts.name }) : [],
  };
};

const PROD = 'vpc-0demo0001';
const EU_PROD = 'vpc-0demo0002';
const instanceList: Partial<Record<string, Instance[]>> = {
  'us-east-1': [
    // Web ports only, over IPv4 and IPv6: informational exposure, not a failure.
    instance('i-0a1web0000000001', 'required', {
      publicIp: '54.210.10.20',
      ipv6: '2600:1f18:4a3:6a00::20',
      name: 'web-1',
      subnet: 'subnet-0pub0000001',
      vpc: PROD,
      groups: ['sg-0f66web0000000006'],
      image: 'ami-0a1golden000001',
      profile: 'web-role',
    }),
    instance('i-0b2app0000000002', 'optional', {
      name: 'app-1',
      subnet: 'subnet-0prv0000003',
      vpc: PROD,
      groups: ['sg-0c33legacy0000003'],
      image: 'ami-0d4legacy000004',
    }),
    // Terminated instances linger in DescribeInstances; nothing about them is judged.
    instance('i-0e5gone0000000005', 'optional', {
      state: 'terminated',
      publicIp: '54.210.10.99',
      subnet: 'subnet-0pub0000001',
      vpc: PROD,
      groups: ['sg-0b22bastion000002'],
      image: 'ami-0a1golden000001',
    }),
    // SSH open, public address, public subnet: reachable.
    instance('i-0f6bastion000006', 'required', {
      publicIp: '3.91.20.30',
      name: 'bastion',
      subnet: 'subnet-0pub0000002',
      vpc: PROD,
      groups: ['sg-0b22bastion000002'],
      image: 'ami-0e5retired00005',
      profile: 'bastion-role',
      launchedDaysAgo: 300,
    }),
    // The same open group and a public address, but a private subnet: not reachable (the case peers get wrong).
    instance('i-0a7reports000007', 'required', {
      publicIp: '54.210.10.77',
      name: 'reports-worker',
      subnet: 'subnet-0prv0000003',
      vpc: PROD,
      groups: ['sg-0b22bastion000002'],
      image: 'ami-0a1golden000001',
    }),
    // Every port, through split routes and a split all-traffic rule.
    instance('i-0b8lab00000000008', 'optional', {
      publicIp: '44.200.1.8',
      name: 'lab <scratch>',
      subnet: 'subnet-0lab0000004',
      vpc: 'vpc-0demo0003',
      groups: ['sg-0f12labopen000012'],
      image: 'ami-0a1golden000001',
    }),
    // Stopped 90 days ago and forgotten (issue 16): unpatched the day it starts again.
    instance('i-0c9stopped0000009', 'required', {
      state: 'stopped',
      name: 'old-reporting',
      subnet: 'subnet-0prv0000003',
      vpc: PROD,
      groups: ['sg-0e55internal00005'],
      image: 'ami-0a1golden000001',
      profile: 'web-role',
      launchedDaysAgo: 200,
      stoppedDaysAgo: 90,
    }),
  ],
  'eu-west-1': [
    instance('i-0c3eubatch000003', 'required', {
      name: 'eu-batch',
      subnet: 'subnet-0eu00000005',
      vpc: EU_PROD,
      groups: ['sg-0ebbeuweb0000000b'],
      image: 'ami-0c3eubase000003',
      profile: 'eu-batch-role',
    }),
    // An Elastic IP on the interface is a public address even without PublicIpAddress set. Its IPv6
    // address is not reachable: ::/0 goes to an egress-only gateway.
    instance('i-0d4eulegacy00004', 'optional', {
      eip: '34.250.1.2',
      ipv6: '2a05:d018:1:2::4',
      name: 'eu-legacy',
      subnet: 'subnet-0eu00000005',
      vpc: EU_PROD,
      groups: ['sg-0c99eurdp00000009', 'sg-0fcceufiles00000c'],
      image: 'ami-0b2eupartner0002',
    }),
    // A public address in a subnet without an explicit table: its own VPC's main table has no IGW
    // route (the default VPC's main table, which has one, does not apply).
    instance('i-0e5euinternal0005', 'required', {
      publicIp: '52.16.0.5',
      name: 'eu-internal',
      subnet: 'subnet-0eu00000007',
      vpc: EU_PROD,
      groups: ['sg-0c99eurdp00000009'],
      image: 'ami-0c3eubase000003',
    }),
    // Stopped for the weekend: within the 30 days FSBP EC2.4 allows.
    instance('i-0f8eustopped00008', 'required', {
      state: 'stopped',
      name: 'eu-weekday-worker',
      subnet: 'subnet-0eu00000005',
      vpc: EU_PROD,
      groups: ['sg-0daaeussh0000000a'],
      image: 'ami-0c3eubase000003',
      profile: 'eu-batch-role',
      stoppedDaysAgo: 5,
    }),
  ],
};

// Internet reachability (issue 7): route tables and internet gateways.
const local = (cidr: string): Route => ({ DestinationCidrBlock: cidr, GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' });
const via = (dest: string, target: string): Route => ({
  ...(dest.includes(':') ? { DestinationIpv6CidrBlock: dest } : { DestinationCidrBlock: dest }),
  ...(target.startsWith('eigw-')
    ? { EgressOnlyInternetGatewayId: target }
    : target.startsWith('nat-')
      ? { NatGatewayId: target }
      : { GatewayId: target }),
  State: 'active',
  Origin: 'CreateRoute',
});
const routeTable = (
  id: string,
  vpc: string,
  routes: Route[],
  assoc: { main?: boolean; subnets?: string[] },
  tags: Record<string, string> = {},
): RouteTable => ({
  RouteTableId: id,
  VpcId: vpc,
  OwnerId: DEMO_ACCOUNT,
  Routes: routes,
  Associations: [
    ...(assoc.main ? [{ Main: true, RouteTableId: id, RouteTableAssociationId: `rtbassoc-${id.slice(4)}m` }] : []),
    ...(assoc.subnets ?? []).map((SubnetId, i) => ({
      Main: false,
      SubnetId,
      RouteTableId: id,
      RouteTableAssociationId: `rtbassoc-${id.slice(4)}${i}`,
    })),
  ],
  Tags: tagList(tags),
});

const routeTableList: Partial<Record<string, RouteTable[]>> = {
  'us-east-1': [
    routeTable(
      'rtb-0a1prodmain00001',
      PROD,
      [local('10.0.0.0/16'), via('0.0.0.0/0', 'nat-0a1prod00000001')],
      { main: true },
      { Name: 'prod-private' },
    ),
    routeTable(
      'rtb-0b2prodpublic0002',
      PROD,
      [local('10.0.0.0/16'), via('0.0.0.0/0', 'igw-0a1prod00000001'), via('::/0', 'igw-0a1prod00000001')],
      { subnets: ['subnet-0pub0000001', 'subnet-0pub0000002'] },
      { Name: 'prod-public' },
    ),
    // Two halves to the gateway: the whole internet, though no route says 0.0.0.0/0.
    routeTable(
      'rtb-0c3labmain000003',
      'vpc-0demo0003',
      [local('10.3.0.0/16'), via('0.0.0.0/1', 'igw-0b2lab000000002'), via('128.0.0.0/1', 'igw-0b2lab000000002')],
      { main: true },
    ),
  ],
  'eu-west-1': [
    routeTable('rtb-0d4euprodmain004', EU_PROD, [local('10.2.0.0/16')], { main: true }),
    routeTable(
      'rtb-0e5eupublic00005',
      EU_PROD,
      [local('10.2.0.0/16'), via('0.0.0.0/0', 'igw-0c3euprod000003'), via('::/0', 'eigw-0d4euprod00004')],
      { subnets: ['subnet-0eu00000005'] },
    ),
    routeTable('rtb-0f6eudefault0006', 'vpc-0demo0004', [local('172.31.0.0/16'), via('0.0.0.0/0', 'igw-0e5eudefault005')], { main: true }),
  ],
};

const igw = (id: string, vpc: string): InternetGateway => ({
  InternetGatewayId: id,
  OwnerId: DEMO_ACCOUNT,
  // EC2 reports an attached internet gateway as "available", a value the SDK's AttachmentStatus type lacks.
  Attachments: [{ VpcId: vpc, State: 'available' as unknown as AttachmentStatus }],
});
const internetGatewayList: Partial<Record<string, InternetGateway[]>> = {
  'us-east-1': [igw('igw-0a1prod00000001', PROD), igw('igw-0b2lab000000002', 'vpc-0demo0003')],
  'eu-west-1': [igw('igw-0c3euprod000003', EU_PROD), igw('igw-0e5eudefault005', 'vpc-0demo0004')],
};

// Launch templates (issue 16): the default version of each, as DescribeLaunchTemplateVersions gives them for $Default.
const launchTemplateVersions: Partial<Record<string, LaunchTemplateVersion[]>> = {
  // The "bad launch template" of the web Auto Scaling group: public addresses and IMDSv1.
  'us-east-1': [
    {
      LaunchTemplateId: 'lt-0a1web0000000001',
      LaunchTemplateName: 'web-template',
      VersionNumber: 3,
      DefaultVersion: true,
      LaunchTemplateData: {
        ImageId: 'ami-0a1golden000001',
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, SubnetId: 'subnet-0pub0000001' }],
      },
    },
  ],
  'eu-west-1': [
    {
      LaunchTemplateId: 'lt-0b2eubatch000002',
      LaunchTemplateName: 'eu-batch-template',
      VersionNumber: 1,
      DefaultVersion: true,
      LaunchTemplateData: {
        ImageId: 'ami-0c3eubase000003',
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, SubnetId: 'subnet-0eu00000005' }],
      },
    },
  ],
};

const filterValues = (input: Record<string, unknown>, name: string): string[] | undefined =>
  (input.Filters as Array<{ Name?: string; Values?: string[] }> | undefined)?.find((f) => f.Name === name)?.Values;

/** Subnets and their zones (Lambda.5 counts the zones of a VPC function's subnets). */
const subnets: Partial<Record<string, Array<{ SubnetId: string; VpcId: string; AvailabilityZone: string }>>> = {
  'us-east-1': [
    { SubnetId: 'subnet-0pub0000001', VpcId: 'vpc-0demo0001', AvailabilityZone: 'us-east-1a' },
    { SubnetId: 'subnet-0pub0000002', VpcId: 'vpc-0demo0001', AvailabilityZone: 'us-east-1b' },
    { SubnetId: 'subnet-0prv0000003', VpcId: 'vpc-0demo0001', AvailabilityZone: 'us-east-1a' },
    { SubnetId: 'subnet-0lab0000004', VpcId: 'vpc-0demo0003', AvailabilityZone: 'us-east-1c' },
  ],
  'eu-west-1': [
    { SubnetId: 'subnet-0eu00000005', VpcId: 'vpc-0demo0002', AvailabilityZone: 'eu-west-1a' },
    { SubnetId: 'subnet-0eu00000006', VpcId: 'vpc-0demo0004', AvailabilityZone: 'eu-west-1a' },
    { SubnetId: 'subnet-0eu00000007', VpcId: 'vpc-0demo0002', AvailabilityZone: 'eu-west-1b' },
  ],
};

export const ec2Handlers: Handlers = {
  DescribeSubnets: (region) => ({ Subnets: byRegion(subnets, region) }),
  DescribeRegions: () => ({
    Regions: [
      { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      // Enabled but not scanned by the demo recording: a replay of it is refused as "not recorded".
      { RegionName: 'eu-central-1', Endpoint: 'ec2.eu-central-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'af-south-1', Endpoint: 'ec2.af-south-1.amazonaws.com', OptInStatus: 'not-opted-in' },
    ],
  }),
  DescribeSecurityGroups: (region) => ({ SecurityGroups: byRegion(securityGroups, region) }),
  GetManagedPrefixListEntries: (_region, input) => {
    const cidrs = prefixLists[String(input.PrefixListId)];
    if (!cidrs) throw awsError('InvalidPrefixListID.NotFound', `The prefix list ID '${String(input.PrefixListId)}' does not exist`);
    return { Entries: cidrs.map((Cidr) => ({ Cidr })) };
  },
  DescribeNetworkAcls: (region) => ({ NetworkAcls: byRegion(networkAcls, region) }),
  DescribeVpcs: (region) => ({ Vpcs: byRegion(vpcList, region) }),
  DescribeFlowLogs: (region) => ({ FlowLogs: byRegion(flowLogList, region) }),
  GetEbsEncryptionByDefault: (region) => ({ EbsEncryptionByDefault: ebsEncryptionByDefault[region] ?? false, SseType: 'sse-ebs' }),
  DescribeVolumes: (region) => ({ Volumes: byRegion(volumeList, region) }),
  // Answers the filtered read as EC2 does: RestorableByUserIds "all" selects public snapshots.
  DescribeSnapshots: (region, input) => {
    const publicOnly = (input.RestorableByUserIds as string[] | undefined)?.includes('all') ?? false;
    return {
      Snapshots: byRegion(snapshotList, region)
        .filter((s) => !publicOnly || s.public)
        .map(({ public: _public, ...snapshot }) => snapshot),
    };
  },
  DescribeSnapshotAttribute: (region, input) => {
    const snapshot = byRegion(snapshotList, region).find((s) => s.SnapshotId === input.SnapshotId);
    if (!snapshot) throw awsError('InvalidSnapshot.NotFound', `The snapshot '${String(input.SnapshotId)}' does not exist.`);
    if (input.Attribute !== 'createVolumePermission')
      throw awsError('InvalidParameterValue', 'the demo world models createVolumePermission only');
    return {
      SnapshotId: snapshot.SnapshotId,
      CreateVolumePermissions: [
        ...(snapshot.public ? [{ Group: 'all' }] : []),
        ...(snapshot.sharedWith ?? []).map((UserId) => ({ UserId })),
      ],
    };
  },
  DescribeImages: (region, input) => {
    const isPublic = filterValues(input, 'is-public');
    const ids = filterValues(input, 'image-id');
    return {
      Images: byRegion(imageList, region).filter(
        (i) => (!isPublic || isPublic.includes(String(i.Public))) && (!ids || ids.includes(i.ImageId!)),
      ),
    };
  },
  DescribeImageAttribute: (region, input) => {
    const image = byRegion(imageList, region).find((i) => i.ImageId === input.ImageId);
    if (!image) throw awsError('InvalidAMIID.NotFound', `The image id '[${String(input.ImageId)}]' does not exist`);
    if (input.Attribute !== 'launchPermission') throw awsError('InvalidParameterValue', 'the demo world models launchPermission only');
    return {
      ImageId: image.ImageId,
      LaunchPermissions: [...(image.Public ? [{ Group: 'all' }] : []), ...(imageLaunchShares[image.ImageId!] ?? [])],
    };
  },
  DescribeLaunchTemplateVersions: (region) => ({ LaunchTemplateVersions: byRegion(launchTemplateVersions, region) }),
  DescribeRouteTables: (region) => ({ RouteTables: byRegion(routeTableList, region) }),
  DescribeInternetGateways: (region) => ({ InternetGateways: byRegion(internetGatewayList, region) }),
  DescribeInstances: (region) => ({
    Reservations: byRegion(instanceList, region).map((i) => ({
      ReservationId: `r-${i.InstanceId!.slice(2)}`,
      OwnerId: DEMO_ACCOUNT,
      Instances: [i],
    })),
  }),
};
