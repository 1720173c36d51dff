import type { InternetGateway, IpPermission, NetworkAcl, NetworkAclEntry, Route, RouteTable, SecurityGroup } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { naclEntry } from '../../demo/world/ec2.js';
import { subtractCidrs } from '../../src/analysis/address-set.js';
import { ALLOW_ALL } from '../helpers/network.js';
import {
  classifyRange,
  classLabel,
  describeExposure,
  effectiveRouteTable,
  evaluateEndpoint,
  internetRouting,
  parseExposures,
  portText,
  ReachabilityUnknown,
  type Endpoint,
  type RegionNetwork,
} from '../../src/analysis/reachability.js';

const PREFIX = { ipv4: 8, ipv6: 32 };

// A small synthetic world: two VPCs, each with a main route table; vpc-a has a public and a private subnet.
const route = (dest: string, target: string, extra: Partial<Route> = {}): Route => ({
  ...(dest.includes(':') ? { DestinationIpv6CidrBlock: dest } : { DestinationCidrBlock: dest }),
  ...(target.startsWith('eigw-') ? { EgressOnlyInternetGatewayId: target } : { GatewayId: target }),
  State: 'active',
  ...extra,
});
const table = (id: string, vpc: string, routes: Route[], opts: { main?: boolean; subnets?: string[] } = {}): RouteTable => ({
  RouteTableId: id,
  VpcId: vpc,
  Routes: [route('10.0.0.0/16', 'local'), ...routes],
  Associations: [
    ...(opts.main ? [{ Main: true, RouteTableId: id, RouteTableAssociationId: `rtbassoc-${id}-main` }] : []),
    ...(opts.subnets ?? []).map((SubnetId) => ({ Main: false, SubnetId, RouteTableId: id })),
  ],
});
const acl = (id: string, subnets: string[], entries: NetworkAclEntry[] = ALLOW_ALL): NetworkAcl => ({
  NetworkAclId: id,
  Entries: entries,
  Associations: subnets.map((SubnetId) => ({ SubnetId, NetworkAclId: id })),
});
const tcp = (from: number, to: number, ...cidrs: string[]): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
});
const sg = (id: string, ...perms: IpPermission[]): SecurityGroup => ({ GroupId: id, IpPermissions: perms });

function world(
  over: { tables?: RouteTable[]; acls?: NetworkAcl[]; groups?: SecurityGroup[]; gateways?: InternetGateway[] } = {},
): RegionNetwork {
  const groups = over.groups ?? [sg('sg-ssh', tcp(22, 22, '0.0.0.0/0'))];
  return {
    routeTables: over.tables ?? [
      table('rtb-main-a', 'vpc-a', [], { main: true }),
      table('rtb-public', 'vpc-a', [route('0.0.0.0/0', 'igw-a'), route('::/0', 'igw-a')], { subnets: ['subnet-public'] }),
      table('rtb-main-b', 'vpc-b', [route('0.0.0.0/0', 'igw-b')], { main: true }),
    ],
    gateways: over.gateways,
    acls: over.acls ?? [acl('acl-a', ['subnet-public', 'subnet-private'])],
    groups: new Map(groups.map((g) => [g.GroupId!, g])),
    prefixListCidrs: () => undefined,
    internetPrefix: PREFIX,
  };
}

const endpoint = (over: Partial<Endpoint> = {}): Endpoint => ({
  subnetId: 'subnet-public',
  vpcId: 'vpc-a',
  groupIds: ['sg-ssh'],
  addresses: { 4: ['54.0.0.10'], 6: [] },
  ...over,
});

const ports = (network: RegionNetwork, e: Endpoint) =>
  evaluateEndpoint(e, network).exposures.map((x) => `${portText(x.range)} v${x.range.version}`);

describe('reachability over small synthetic VPCs (the cases the issue lists)', () => {
  it('public subnet + public IP + open SG: exposed, with the path', () => {
    const v = evaluateEndpoint(endpoint(), world());
    expect(v.exposures.map((x) => portText(x.range))).toEqual(['tcp/22']);
    const [x] = v.exposures;
    expect(describeExposure(x!.range, 'admin 22', x!.context)).toBe(
      'tcp/22 (admin 22) to 54.0.0.10 in subnet-public via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg-ssh rule tcp 22 0.0.0.0/0',
    );
  });

  it('same without a public IP: not exposed, whatever the SG says (and no route table, NACL or SG is needed to say so)', () => {
    const v = evaluateEndpoint(endpoint({ addresses: { 4: [], 6: [] } }), world());
    expect(v.exposures).toEqual([]);
    expect(v.wouldAdmit.map(portText)).toEqual(['tcp/22']);
    expect(() => evaluateEndpoint(endpoint({ addresses: { 4: [], 6: [] }, groupIds: ['sg-unknown'] }), world({ acls: [] }))).not.toThrow();
  });

  it('private subnet (its table has no IGW route) + public IP: not exposed, and says which table', () => {
    const v = evaluateEndpoint(endpoint({ subnetId: 'subnet-private' }), world());
    expect(v.exposures).toEqual([]);
    expect(v.reasons.join()).toContain('rtb-main-a (main route table of vpc-a), which has no route to an internet gateway');
  });

  it("no explicit association: the subnet's own VPC's main table decides, not another VPC's main table with an IGW route", () => {
    const network = world({
      tables: [
        table('rtb-main-b', 'vpc-b', [route('0.0.0.0/0', 'igw-b')], { main: true }),
        table('rtb-main-a', 'vpc-a', [], { main: true }),
      ],
    });
    expect(effectiveRouteTable(network.routeTables, 'subnet-private', 'vpc-a')?.table.RouteTableId).toBe('rtb-main-a');
    expect(ports(network, endpoint({ subnetId: 'subnet-private' }))).toEqual([]);
    // The same subnet in vpc-b would be exposed: the VPC is what picks the main table.
    expect(ports(network, endpoint({ subnetId: 'subnet-private', vpcId: 'vpc-b' }))).toEqual(['tcp/22 v4']);
  });

  it('NACL deny-first on port 22: not on 22, yes on the other ports the SG opens', () => {
    const network = world({
      groups: [sg('sg-ssh', tcp(20, 25, '0.0.0.0/0'), tcp(8080, 8080, '0.0.0.0/0'))],
      acls: [acl('acl-a', ['subnet-public'], [naclEntry(50, 'deny', '0.0.0.0/0', '6', [22, 22]), ...ALLOW_ALL])],
    });
    expect(ports(network, endpoint())).toEqual(['tcp/20-21 v4', 'tcp/23-25 v4', 'tcp/8080 v4']);
  });

  it('SG protocol -1 from 0.0.0.0/1 + 128.0.0.0/1: exposed on every TCP and UDP port, as two ranges', () => {
    const network = world({ groups: [sg('sg-ssh', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }] })] });
    const v = evaluateEndpoint(endpoint(), network);
    expect(v.exposures.map((x) => portText(x.range))).toEqual(['tcp/0-65535', 'udp/0-65535']);
    expect(describeExposure(v.exposures[0]!.range, '', v.exposures[0]!.context)).toContain(
      'sg-ssh rule all traffic 0.0.0.0/1 + 128.0.0.0/1',
    );
  });

  it('IPv6 address with a ::/0 route to the IGW and SG ::/0: exposed over IPv6', () => {
    const network = world({ groups: [sg('sg-ssh', tcp(22, 22, '::/0'))] });
    const v = evaluateEndpoint(endpoint({ addresses: { 4: [], 6: ['2600:1f18::10'] } }), network);
    expect(v.exposures.map((x) => `${portText(x.range)} v${x.range.version}`)).toEqual(['tcp/22 v6']);
    expect(describeExposure(v.exposures[0]!.range, '', v.exposures[0]!.context)).toContain('rtb-public (::/0) → acl-a rule 101 allow');
  });

  it('egress-only internet gateway: not exposed over IPv6, and says why', () => {
    const network = world({
      groups: [sg('sg-ssh', tcp(22, 22, '::/0'))],
      tables: [table('rtb-v6', 'vpc-a', [route('0.0.0.0/0', 'nat-1'), route('::/0', 'eigw-1')], { subnets: ['subnet-public'] })],
    });
    const v = evaluateEndpoint(endpoint({ addresses: { 4: [], 6: ['2600:1f18::10'] } }), network);
    expect(v.exposures).toEqual([]);
    expect(v.reasons.join()).toContain('egress-only gateway eigw-1, which admits no inbound traffic');
  });
});

describe('route tables listed without what AWS always sends', () => {
  const publicTable = table('rtb-public', 'vpc-a', [route('0.0.0.0/0', 'igw-a')], { subnets: ['subnet-public'] });
  const mainTable = table('rtb-main-a', 'vpc-a', [], { main: true });
  // Before: the subnet fell back to the main table (no IGW route) or read "no routes": PASS either way.
  it.each<[string, RouteTable[], RegExp | 'exposed']>([
    [
      'another table of the VPC without Associations',
      [mainTable, { ...publicTable, Associations: undefined }],
      /listed without its associations/,
    ],
    ['the chosen table without Routes', [mainTable, { ...publicTable, Routes: undefined }], /rtb-public was listed without its routes/],
    [
      "another VPC's table without Associations does not matter",
      [mainTable, publicTable, { RouteTableId: 'rtb-b', VpcId: 'vpc-b' }],
      'exposed',
    ],
  ])('%s', (_label, tables, expected) => {
    const run = () => evaluateEndpoint(endpoint(), world({ tables }));
    if (expected === 'exposed') expect(run().exposures).not.toEqual([]);
    else expect(run).toThrow(expected);
  });
});

describe('routing over address sets', () => {
  // The local route (10.0.0.0/16) is more specific than any route to the IGW: the VPC's own addresses never leave.
  const OUTSIDE_VPC = subtractCidrs(['0.0.0.0/0'], ['10.0.0.0/16']);
  const igwTable = (...routes: Route[]) => table('rtb-x', 'vpc-a', routes, { subnets: ['subnet-public'] });

  it('two halves to the IGW make the whole internet', () => {
    const r = internetRouting(igwTable(route('0.0.0.0/1', 'igw-a'), route('128.0.0.0/1', 'igw-a')), 4, 'vpc-a');
    expect(r.cidrs).toEqual(OUTSIDE_VPC);
  });

  it('a more specific route elsewhere carves its addresses out (longest prefix match)', () => {
    const r = internetRouting(igwTable(route('0.0.0.0/0', 'igw-a'), route('0.0.0.0/1', 'pcx-1')), 4, 'vpc-a');
    expect(r.cidrs).toEqual(['128.0.0.0/1']);
    // Half the internet is still the internet: the interface stays exposed, to that half.
    const network = world({ tables: [igwTable(route('0.0.0.0/0', 'igw-a'), route('0.0.0.0/1', 'pcx-1'))] });
    const v = evaluateEndpoint(endpoint(), network);
    expect(v.exposures[0]?.range.sources).toEqual(['128.0.0.0/1']);
  });

  it('the local route never counts: a /0 to a NAT gateway is no way in', () => {
    expect(internetRouting(igwTable(route('0.0.0.0/0', 'nat-1')), 4, 'vpc-a').cidrs).toEqual([]);
  });

  it('a blackhole route to an IGW, or an IGW attached to another VPC, carries nothing', () => {
    expect(internetRouting(igwTable(route('0.0.0.0/0', 'igw-a', { State: 'blackhole' })), 4, 'vpc-a').cidrs).toEqual([]);
    const detached = internetRouting(igwTable(route('0.0.0.0/0', 'igw-a')), 4, 'vpc-a', {
      gateways: [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-b', State: 'available' as never }] }],
    });
    expect(detached.cidrs).toEqual([]);
    expect(detached.notes).toEqual(['igw-a is not attached to vpc-a']);
    const attached = internetRouting(igwTable(route('0.0.0.0/0', 'igw-a')), 4, 'vpc-a', {
      gateways: [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-a', State: 'available' as never }] }],
    });
    expect(attached.cidrs).toEqual(OUTSIDE_VPC);
  });

  it.each<[string, InternetGateway[] | undefined, boolean]>([
    ['gateways not read: the route counts', undefined, true],
    ['gateway not listed: the route counts', [], true],
    ['gateway listed without its attachment list: the route counts', [{ InternetGatewayId: 'igw-a' }], true],
    ['attachment without a state: the route counts', [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-a' }] }], true],
    ['attachments listed empty: detached, the route carries nothing', [{ InternetGatewayId: 'igw-a', Attachments: [] }], false],
    ['attached elsewhere', [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-b', State: 'available' as never }] }], false],
    ['detaching', [{ InternetGatewayId: 'igw-a', Attachments: [{ VpcId: 'vpc-a', State: 'detaching' }] }], false],
  ])('gateway attachment: %s', (_label, gateways, routed) => {
    const r = internetRouting(igwTable(route('0.0.0.0/0', 'igw-a')), 4, 'vpc-a', { gateways });
    expect(r.cidrs).toEqual(routed ? OUTSIDE_VPC : []);
  });

  it('IPv4 and IPv6 routes are separate: 0.0.0.0/0 to the IGW does not route IPv6', () => {
    const t = igwTable(route('0.0.0.0/0', 'igw-a'));
    expect(internetRouting(t, 6, 'vpc-a').cidrs).toEqual([]);
  });

  it('a prefix-list route to the IGW is resolved, and unknown when it cannot be', () => {
    const t = igwTable({ DestinationPrefixListId: 'pl-1', GatewayId: 'igw-a', State: 'active' });
    expect(internetRouting(t, 4, 'vpc-a', { prefixListCidrs: () => ['0.0.0.0/1', '128.0.0.0/1'] }).cidrs).toEqual(OUTSIDE_VPC);
    expect(internetRouting(t, 4, 'vpc-a', { prefixListCidrs: () => undefined }).unresolvedPrefixLists).toEqual(['pl-1']);
    expect(() => evaluateEndpoint(endpoint(), world({ tables: [t] }))).toThrow(ReachabilityUnknown);
  });
});

describe('the rest of the path', () => {
  it('a security group from 10.0.0.0/8 only, or a NACL allowing one /24, is not the internet', () => {
    expect(ports(world({ groups: [sg('sg-ssh', tcp(22, 22, '10.0.0.0/8'))] }), endpoint())).toEqual([]);
    const narrow = world({ acls: [acl('acl-a', ['subnet-public'], [naclEntry(100, 'allow', '198.51.100.0/24'), ...ALLOW_ALL.slice(2)])] });
    expect(ports(narrow, endpoint())).toEqual([]);
  });

  it('security groups of the interface are a union: one group opens what the other does not', () => {
    const network = world({ groups: [sg('sg-a', tcp(22, 22, '0.0.0.0/1')), sg('sg-b', tcp(22, 22, '128.0.0.0/1'))] });
    expect(ports(network, endpoint({ groupIds: ['sg-a', 'sg-b'] }))).toEqual(['tcp/22 v4']);
    expect(ports(network, endpoint({ groupIds: ['sg-a'] }))).toEqual(['tcp/22 v4']);
  });

  it('an RDS listener clips the ranges to its port', () => {
    const network = world({ groups: [sg('sg-ssh', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })] });
    expect(ports(network, endpoint({ listener: { protocol: 'tcp', port: 5432 } }))).toEqual(['tcp/5432 v4']);
  });

  it('notes when the NACL drops the replies on outbound ephemeral ports (stateless)', () => {
    const entries = [
      naclEntry(100, 'allow', '0.0.0.0/0', '-1'),
      naclEntry(100, 'allow', '0.0.0.0/0', '6', [443, 443], true),
      naclEntry(110, 'allow', '0.0.0.0/0', '6', [32768, 65535], true),
    ];
    const v = evaluateEndpoint(endpoint(), world({ acls: [acl('acl-a', ['subnet-public'], entries)] }));
    expect(v.exposures.map((x) => portText(x.range))).toEqual(['tcp/22']);
    expect(v.returnNotes).toEqual([
      'acl-a denies outbound tcp 1024-32767 to the IPv4 internet (rule *), so replies on those ephemeral ports would be dropped',
    ]);
    expect(evaluateEndpoint(endpoint(), world()).returnNotes).toEqual([]);
  });

  it('an unknown security group, NACL or route table is an error only when the verdict needs it', () => {
    expect(() => evaluateEndpoint(endpoint({ groupIds: ['sg-gone'] }), world())).toThrow(/sg-gone/);
    expect(() => evaluateEndpoint(endpoint(), world({ acls: [] }))).toThrow(/no network ACL/);
    expect(() => evaluateEndpoint(endpoint({ vpcId: 'vpc-z', subnetId: 'subnet-z' }), world())).toThrow(/no main route table of vpc-z/);
    // A private subnet needs neither its NACL nor its groups to be judged unreachable.
    expect(evaluateEndpoint(endpoint({ subnetId: 'subnet-private', groupIds: ['sg-gone'] }), world({ acls: [] })).exposures).toEqual([]);
  });
});

describe('port classes and the message format', () => {
  const classes = { admin: [22, 3389], database: [3306, 5432], intendedPublic: { tcp: [80, 443], udp: [] } };

  it('marks the admin and database ports inside a range, and intended public ports', () => {
    expect(classLabel(classifyRange({ protocol: 'tcp', from: 0, to: 65535 }, classes))).toBe('admin 22, 3389; database 3306, 5432');
    expect(classLabel(classifyRange({ protocol: 'tcp', from: 443, to: 443 }, classes))).toBe('intended public');
    expect(classLabel(classifyRange({ protocol: 'tcp', from: 80, to: 443 }, classes))).toBe('');
    expect(classLabel(classifyRange({ protocol: 'udp', from: 443, to: 443 }, classes))).toBe('');
  });

  it('parses back the exposures and the note a message lists', () => {
    const message =
      'Reachable from the internet: tcp/0-65535 (admin 22; database 5432) to 54.0.0.10,54.0.0.11 in subnet-1 via igw-1 → rtb-1 (0.0.0.0/0) → acl-1 rule 100 allow → sg-1 rule all traffic 0.0.0.0/1 + 128.0.0.0/1; udp/53 to 2600::1 in subnet-1 via igw-1 → rtb-1 (::/0) → acl-1 rules 101, 102 allow → sg-2 rule udp 53 ::/0. Note: acl-1 denies outbound tcp 1024-65535.';
    const { exposures, note } = parseExposures(message);
    expect(exposures.map((e) => [e.port, e.label, e.address])).toEqual([
      ['tcp/0-65535', 'admin 22; database 5432', '54.0.0.10,54.0.0.11'],
      ['udp/53', '', '2600::1'],
    ]);
    expect(exposures[1]!.path).toBe('in subnet-1 via igw-1 → rtb-1 (::/0) → acl-1 rules 101, 102 allow → sg-2 rule udp 53 ::/0');
    expect(note).toBe('acl-1 denies outbound tcp 1024-65535.');
    expect(parseExposures('Not reachable from the internet: no public address.').exposures).toEqual([]);
  });
});
