/**
 * Can the internet reach this interface, on which ports, and by which path? A packet from the
 * internet gets to an address in a VPC, and its reply gets back, only when all of these hold:
 *
 * 1. the interface has an address the internet can send to: a public IPv4 (auto-assigned or
 *    Elastic IP, shown as the interface's Association.PublicIp) or a global unicast IPv6;
 * 2. the subnet's route table sends the reply to an internet gateway. The table is the one
 *    explicitly associated with the subnet, or else the main table *of the subnet's own VPC*.
 *    Routing is longest-prefix match over address sets, so 0.0.0.0/1 + 128.0.0.0/1 to the IGW
 *    is the whole internet, and a more specific route elsewhere (peering, VPN, a blackhole)
 *    carves its addresses out. An egress-only internet gateway carries no inbound traffic;
 *    a route whose state is "blackhole", or to a gateway not attached to the VPC, carries none;
 * 3. the subnet's network ACL admits the packet inbound (rule order, first match, over address
 *    sets; see nacl.ts). NACLs are stateless, so the outbound ephemeral ports the reply uses are
 *    reported separately, as a note, when the ACL denies them;
 * 4. a security group of the interface admits it (any group: their rules are a union).
 *
 * The answer is a set of (protocol, port range) exposures, each with the route, ACL rules and
 * security-group rules that let it through. Only TCP and UDP carry ports; other protocols are
 * not assessed. Not modelled (documented limits): ingress routing through gateway route tables
 * (an IGW edge association that sends inbound traffic through an appliance), firewalls in the
 * path (AWS Network Firewall), and prefix-list routes that lead somewhere other than an IGW
 * (they can only carve addresses out, so ignoring them can over-report, never under-report).
 */
import type { InternetGateway, IpPermission, NetworkAcl, NetworkAclEntry, Route, RouteTable, SecurityGroup } from '@aws-sdk/client-ec2';
import { tagErrorAction } from '../aws/errors.js';
import {
  ALL_ADDRESSES,
  cidrsOfVersion,
  containsPublicAddresses,
  intersectCidrs,
  ipVersionOf,
  isInternetWide,
  subtractCidrs,
  type IpVersion,
} from './address-set.js';
import { evaluateNacl, ruleLabel, unreadableAcl } from './nacl.js';
import { coveredRange, normalizeProtocol, ruleSources, unreadableIngress, type PortRange } from './security-group.js';

export type Transport = 'tcp' | 'udp';
export const TRANSPORTS: readonly Transport[] = ['tcp', 'udp'];

// ---------------------------------------------------------------------------------------------
// Routing

export interface EffectiveRouteTable {
  table: RouteTable;
  /** "explicit" when associated with the subnet; "main" when the subnet falls back to its VPC's main table. */
  association: 'explicit' | 'main';
}

/**
 * Tables of the VPC (or of no stated VPC) listed without their associations: AWS always sends
 * the list, so one left out might hold the subnet's explicit association.
 */
function tablesWithoutAssociations(tables: readonly RouteTable[], vpcId: string | undefined): RouteTable[] {
  return tables.filter((t) => !Array.isArray(t.Associations) && (t.VpcId === undefined || t.VpcId === vpcId));
}

/**
 * The route table a subnet uses: its explicit association, or the main route table of the
 * subnet's own VPC (every VPC has one; another VPC's main table never applies). Undefined when
 * that cannot be told: no main table listed, or a table of the VPC listed without associations.
 */
export function effectiveRouteTable(
  tables: readonly RouteTable[],
  subnetId: string,
  vpcId: string | undefined,
): EffectiveRouteTable | undefined {
  const explicit = tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId && a.Main !== true));
  if (explicit) return { table: explicit, association: 'explicit' };
  if (!vpcId || tablesWithoutAssociations(tables, vpcId).length) return undefined;
  const main = tables.find((t) => t.VpcId === vpcId && (t.Associations ?? []).some((a) => a.Main === true));
  return main ? { table: main, association: 'main' } : undefined;
}

export interface IgwRoute {
  /** The route's destination as written: a CIDR, or "pl-… 1.2.3.0/24" for a prefix-list entry. */
  destination: string;
  cidr: string;
  gatewayId: string;
}

export interface InternetRouting {
  routeTableId: string;
  version: IpVersion;
  /** The source addresses whose replies this table sends to an internet gateway (merged CIDRs). */
  cidrs: string[];
  /** The routes to an internet gateway that decide some of those addresses. */
  routes: IgwRoute[];
  /** Why no route leads to the internet, for the message: egress-only gateways, blackholes, detached gateways. */
  notes: string[];
  /** Prefix lists named by routes to an internet gateway that could not be resolved: the answer is incomplete. */
  unresolvedPrefixLists: string[];
}

export interface RoutingOptions {
  /** Internet gateways of the region; undefined when they were not read (the routes' own state is trusted). */
  gateways?: readonly InternetGateway[];
  /** CIDRs of a prefix list, or undefined when they could not be read. */
  prefixListCidrs?: (prefixListId: string) => string[] | undefined;
}

function prefixLength(cidr: string): number {
  return Number(cidr.split('/')[1] ?? (cidr.includes(':') ? 128 : 32));
}

/** An internet gateway's attachment to `vpcId` is usable ("available" is how AWS reports an attached IGW). */
function gatewayUsable(gatewayId: string, vpcId: string | undefined, opts: RoutingOptions): string | null {
  const gateway = opts.gateways?.find((g) => g.InternetGatewayId === gatewayId);
  // A gateway the listing does not show, or shows without its attachment list, is given the
  // benefit of the doubt: the route counts (AWS always sends the list, empty once detached).
  if (!gateway || !Array.isArray(gateway.Attachments)) return null;
  // AWS documents the state of an attached IGW as "available" (the SDK's enum says "attached").
  const attached = gateway.Attachments.some(
    (a) => (!vpcId || a.VpcId === vpcId) && ['available', 'attached', 'undefined'].includes(String(a.State)),
  );
  return attached ? null : `${gatewayId} is not attached to ${vpcId ?? 'the VPC'}`;
}

const igwOf = (route: Route): string | undefined => (route.GatewayId?.startsWith('igw-') ? route.GatewayId : undefined);
const eigwOf = (route: Route): string | undefined =>
  [route.EgressOnlyInternetGatewayId, route.GatewayId].find((id): id is string => !!id && id.startsWith('eigw-'));

/**
 * The addresses of one IP version whose replies the table sends to an internet gateway, by
 * longest-prefix match over every route of that version: each route decides the addresses of
 * its destination that no more specific route has decided.
 */
export function internetRouting(
  table: RouteTable,
  version: IpVersion,
  vpcId: string | undefined,
  opts: RoutingOptions = {},
): InternetRouting {
  const candidates: Array<{ cidr: string; route: Route }> = [];
  const unresolved = new Set<string>();
  for (const route of table.Routes ?? []) {
    const dest = version === 4 ? route.DestinationCidrBlock : route.DestinationIpv6CidrBlock;
    if (dest && ipVersionOf(dest) === version) candidates.push({ cidr: dest, route });
    else if (route.DestinationPrefixListId && igwOf(route)) {
      const cidrs = opts.prefixListCidrs?.(route.DestinationPrefixListId);
      if (!cidrs) unresolved.add(route.DestinationPrefixListId);
      else for (const cidr of cidrsOfVersion(cidrs, version)) candidates.push({ cidr, route });
    }
  }
  candidates.sort((a, b) => prefixLength(b.cidr) - prefixLength(a.cidr));
  let remaining = [ALL_ADDRESSES[version]];
  let cidrs: string[] = [];
  const routes: IgwRoute[] = [];
  const notes = new Set<string>();
  for (const { cidr, route } of candidates) {
    if (remaining.length === 0) break;
    const decided = intersectCidrs(remaining, [cidr]);
    if (decided.length === 0) continue;
    remaining = subtractCidrs(remaining, [cidr]);
    const igw = igwOf(route);
    const eigw = eigwOf(route);
    if (eigw) {
      notes.add(`${cidr} goes to egress-only gateway ${eigw}, which admits no inbound traffic`);
      continue;
    }
    if (!igw) continue;
    if (route.State === 'blackhole') {
      notes.add(`the route ${cidr} → ${igw} is a blackhole`);
      continue;
    }
    const unusable = gatewayUsable(igw, vpcId ?? table.VpcId, opts);
    if (unusable) {
      notes.add(unusable);
      continue;
    }
    cidrs = cidrs.concat(decided);
    const viaList = route.DestinationPrefixListId && !(version === 4 ? route.DestinationCidrBlock : route.DestinationIpv6CidrBlock);
    routes.push({ destination: viaList ? `${route.DestinationPrefixListId} ${cidr}` : cidr, cidr, gatewayId: igw });
  }
  return {
    routeTableId: table.RouteTableId ?? 'unknown',
    version,
    cidrs: subtractCidrs(cidrs, []),
    routes,
    notes: [...notes],
    unresolvedPrefixLists: [...unresolved].sort(),
  };
}

/** Does the routing reach the internet at all (more than one /N of public addresses)? */
export function routesToInternet(routing: InternetRouting, internetPrefix: { ipv4: number; ipv6: number }): boolean {
  return isInternetWide(routing.cidrs, routing.version, routing.version === 4 ? internetPrefix.ipv4 : internetPrefix.ipv6);
}

// ---------------------------------------------------------------------------------------------
// Filtering: NACL inbound and security groups, over port ranges

export interface SgRuleHit {
  groupId: string;
  rule: string;
  source: string;
}

export interface ExposedRange extends PortRange {
  protocol: Transport;
  version: IpVersion;
  /** The internet sources admitted end to end (merged CIDRs). */
  sources: string[];
  /** Destinations of the IGW routes the replies take. */
  routes: IgwRoute[];
  /** NACL inbound rules that admit those sources. */
  naclRules: Array<number | '*'>;
  sgRules: SgRuleHit[];
}

export interface FilterInput {
  version: IpVersion;
  /** Sources the routing lets through (InternetRouting.cidrs); ALL_ADDRESSES for "if it were routed". */
  routed: readonly string[];
  routes: readonly IgwRoute[];
  naclEntries: readonly NetworkAclEntry[];
  groups: readonly SecurityGroup[];
  prefixListCidrs: (prefixListId: string) => string[] | undefined;
  internetPrefix: { ipv4: number; ipv6: number };
}

export interface FilterResult {
  ranges: ExposedRange[];
  unresolvedPrefixLists: string[];
}

/** Port boundaries of the NACL entries of one direction for `protocol`. */
function naclCuts(entries: readonly NetworkAclEntry[], egress: boolean, protocol: Transport): number[] {
  const cuts: number[] = [];
  for (const e of entries) {
    if ((e.Egress === true) !== egress) continue;
    const p = normalizeProtocol(e.Protocol);
    if (p !== protocol || !e.PortRange) continue;
    cuts.push(Math.max(0, e.PortRange.From ?? 0), Math.min(65535, e.PortRange.To ?? 65535) + 1);
  }
  return cuts;
}

interface SgPiece {
  range: PortRange;
  groupId: string;
  perm: IpPermission;
}

/**
 * Every TCP and UDP port range open end to end for one IP version: the port space is cut at
 * every security-group and NACL boundary, and each piece is judged once on (routed sources ∩
 * security-group sources), then through the NACL in rule order. Protocol -1 covers every port.
 */
export function reachablePortRanges(input: FilterInput): FilterResult {
  const { version } = input;
  const prefix = version === 4 ? input.internetPrefix.ipv4 : input.internetPrefix.ipv6;
  const unresolved = new Set<string>();
  const ranges: ExposedRange[] = [];
  const routed = cidrsOfVersion([...input.routed], version);
  if (!isInternetWide(routed, version, prefix)) return { ranges, unresolvedPrefixLists: [] };
  for (const protocol of TRANSPORTS) {
    const pieces: SgPiece[] = input.groups.flatMap((g) =>
      (g.IpPermissions ?? []).flatMap((perm) => {
        const range = coveredRange(perm, protocol);
        return range ? [{ range, groupId: g.GroupId ?? 'unknown', perm }] : [];
      }),
    );
    if (pieces.length === 0) continue;
    const cuts = [
      ...new Set([0, 65536, ...pieces.flatMap((p) => [p.range.from, p.range.to + 1]), ...naclCuts(input.naclEntries, false, protocol)]),
    ]
      .filter((c) => c >= 0 && c <= 65536)
      .sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const piece = { from: cuts[i]!, to: cuts[i + 1]! - 1 };
      const covering = pieces.filter((p) => p.range.from <= piece.from && piece.to <= p.range.to);
      if (covering.length === 0) continue;
      const sgSources = covering.flatMap((p) =>
        ruleSources(p.perm, input, unresolved)
          .filter((s) => s.version === version)
          .map((s) => ({ ...s, groupId: p.groupId })),
      );
      const offered = intersectCidrs(
        routed,
        sgSources.flatMap((s) => s.cidrs),
      );
      if (!isInternetWide(offered, version, prefix)) continue;
      const nacl = evaluateNacl(input.naclEntries, { direction: 'ingress', protocol, port: piece.from, version }, offered);
      const admitted = subtractCidrs(
        nacl.admitted.flatMap((d) => d.cidrs),
        [],
      );
      if (!isInternetWide(admitted, version, prefix)) continue;
      const exposure: ExposedRange = {
        protocol,
        version,
        ...piece,
        sources: admitted,
        routes: input.routes.filter((r) => intersectCidrs(admitted, [r.cidr]).some(containsPublicAddresses)),
        naclRules: nacl.admitted.filter((d) => d.cidrs.some(containsPublicAddresses)).map((d) => d.rule),
        sgRules: dedupeHits(
          sgSources
            .filter((s) => intersectCidrs(admitted, s.cidrs).some(containsPublicAddresses))
            .map((s) => ({ groupId: s.groupId, rule: s.rule, source: s.source })),
        ),
      };
      const last = ranges.at(-1);
      if (last && last.protocol === protocol && last.to + 1 === piece.from && samePath(last, exposure)) {
        last.to = piece.to;
        last.sources = subtractCidrs([...last.sources, ...admitted], []);
      } else ranges.push(exposure);
    }
  }
  return { ranges, unresolvedPrefixLists: [...unresolved].sort() };
}

function dedupeHits(hits: SgRuleHit[]): SgRuleHit[] {
  const seen = new Map<string, SgRuleHit>();
  for (const h of hits) seen.set(`${h.groupId}|${h.rule}|${h.source}`, h);
  return [...seen.values()];
}

const pathKey = (e: ExposedRange): string =>
  JSON.stringify([e.routes.map((r) => r.destination), e.naclRules, e.sgRules.map((h) => `${h.groupId}|${h.rule}|${h.source}`)]);

function samePath(a: ExposedRange, b: ExposedRange): boolean {
  return pathKey(a) === pathKey(b);
}

// ---------------------------------------------------------------------------------------------
// The reply: NACLs are stateless

export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: 65535 };

export interface BlockedReturn extends PortRange {
  rules: Array<number | '*'>;
}

/**
 * The ephemeral port ranges (1024-65535, where clients' source ports lie) on which the NACL
 * denies outbound replies to an internet-wide part of `destinations`.
 */
export function blockedReturnPorts(
  entries: readonly NetworkAclEntry[],
  protocol: Transport,
  version: IpVersion,
  destinations: readonly string[],
  internetPrefix: { ipv4: number; ipv6: number },
): BlockedReturn[] {
  const prefix = version === 4 ? internetPrefix.ipv4 : internetPrefix.ipv6;
  const cuts = [...new Set([EPHEMERAL_PORTS.from, EPHEMERAL_PORTS.to + 1, ...naclCuts(entries, true, protocol)])]
    .filter((c) => c >= EPHEMERAL_PORTS.from && c <= EPHEMERAL_PORTS.to + 1)
    .sort((a, b) => a - b);
  const out: BlockedReturn[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = { from: cuts[i]!, to: cuts[i + 1]! - 1 };
    const { denied } = evaluateNacl(entries, { direction: 'egress', protocol, port: piece.from, version }, destinations);
    if (
      !isInternetWide(
        denied.flatMap((d) => d.cidrs),
        version,
        prefix,
      )
    )
      continue;
    const rules = denied.filter((d) => d.cidrs.some(containsPublicAddresses)).map((d) => d.rule);
    const last = out.at(-1);
    if (last && last.to + 1 === piece.from && last.rules.join() === rules.join()) last.to = piece.to;
    else out.push({ ...piece, rules });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Port classes and the text of a path

export interface PortClasses {
  admin: readonly number[];
  database: readonly number[];
  intendedPublic: { tcp: readonly number[]; udp: readonly number[] };
}

export interface RangeClass {
  /** admin or database ports inside: critical. */
  admin: number[];
  database: number[];
  /** Only intended public ports: informational. */
  intended: boolean;
}

export function classifyRange(range: PortRange & { protocol: Transport }, classes: PortClasses): RangeClass {
  const inside = (ports: readonly number[]) => [...new Set(ports)].filter((p) => p >= range.from && p <= range.to).sort((a, b) => a - b);
  const intended = new Set(classes.intendedPublic[range.protocol]);
  let allIntended = range.to - range.from < 65536;
  for (let p = range.from; p <= range.to && allIntended; p++) allIntended = intended.has(p);
  return { admin: inside(classes.admin), database: inside(classes.database), intended: allIntended };
}

function shortList(ports: readonly number[], max = 5): string {
  return ports.length <= max ? ports.join(', ') : `${ports.slice(0, max).join(', ')}, …`;
}

/** "admin 22, 3389; database 3306" or "intended public"; empty for an ordinary port. */
export function classLabel(c: RangeClass): string {
  if (c.intended) return 'intended public';
  const parts: string[] = [];
  if (c.admin.length) parts.push(`admin ${shortList(c.admin)}`);
  if (c.database.length) parts.push(`database ${shortList(c.database)}`);
  return parts.join('; ');
}

export function portText(e: PortRange & { protocol: Transport }): string {
  return `${e.protocol}/${e.from === e.to ? e.from : `${e.from}-${e.to}`}`;
}

export interface PathContext {
  /** The address (or endpoint) the internet connects to. */
  address: string;
  subnetId: string;
  routeTableId: string;
  aclId: string;
}

/**
 * "tcp/22 (admin 22) to 54.1.2.3 in subnet-1 via igw-1 → rtb-1 (0.0.0.0/0) → acl-1 rule 100
 * allow → sg-1 rule tcp 22 0.0.0.0/0". parseExposures reads this back for the HTML view.
 */
export function describeExposure(e: ExposedRange, label: string, ctx: PathContext): string {
  const gateways = [...new Set(e.routes.map((r) => r.gatewayId))].join(', ') || 'an internet gateway';
  const dests = e.routes.map((r) => r.destination).join(', ');
  const rules = e.naclRules.map(ruleLabel);
  const sg = new Map<string, string[]>();
  for (const h of e.sgRules) {
    const key = `${h.groupId} rule ${h.rule}`;
    sg.set(key, [...(sg.get(key) ?? []), h.source]);
  }
  const sgText = [...sg.entries()].map(([k, sources]) => `${k} ${sources.join(' + ')}`).join(', ');
  const tag = label ? ` (${label})` : '';
  return (
    `${portText(e)}${tag} to ${ctx.address} in ${ctx.subnetId} via ${gateways} → ${ctx.routeTableId} (${dests}) → ` +
    `${ctx.aclId} rule${rules.length > 1 ? 's' : ''} ${rules.join(', ')} allow → ${sgText}`
  );
}

export function describeBlockedReturn(blocked: readonly BlockedReturn[], protocol: Transport, version: IpVersion, aclId: string): string {
  const ranges = blocked.map((b) => (b.from === b.to ? String(b.from) : `${b.from}-${b.to}`)).join(', ');
  const rules = [...new Set(blocked.flatMap((b) => b.rules.map(ruleLabel)))].join(', ');
  return `${aclId} denies outbound ${protocol} ${ranges} to the IPv${version} internet (rule${rules.includes(',') ? 's' : ''} ${rules}), so replies on those ephemeral ports would be dropped`;
}

export interface ParsedExposure {
  port: string;
  label: string;
  address: string;
  path: string;
}

const EXPOSURE = /^((?:tcp|udp)\/\d+(?:-\d+)?)(?: \(([^)]*)\))? to (\S+) (in \S+ via .*)$/;

/** The exposures a reachability finding's message lists (see describeExposure), in order. */
export function parseExposures(message: string): { exposures: ParsedExposure[]; note: string } {
  const marker = message.indexOf(': ');
  if (marker < 0) return { exposures: [], note: '' };
  let body = message.slice(marker + 2);
  let note = '';
  const noteAt = body.indexOf(' Note: ');
  if (noteAt >= 0) {
    note = body.slice(noteAt + ' Note: '.length);
    body = body.slice(0, noteAt);
  }
  body = body.replace(/\.$/, '');
  const exposures = body
    .split(/; (?=(?:tcp|udp)\/\d)/)
    .map((part) => EXPOSURE.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ port: m[1]!, label: m[2] ?? '', address: m[3]!, path: m[4]! }));
  return { exposures, note };
}

// ---------------------------------------------------------------------------------------------
// One endpoint (an interface, or an RDS instance in one of its subnets), end to end

export interface RegionNetwork {
  routeTables: readonly RouteTable[];
  /** Undefined when not read: routes are then judged on their own state. */
  gateways?: readonly InternetGateway[];
  acls: readonly NetworkAcl[];
  groups: ReadonlyMap<string, SecurityGroup>;
  prefixListCidrs: (prefixListId: string) => string[] | undefined;
  internetPrefix: { ipv4: number; ipv6: number };
}

export interface Endpoint {
  subnetId: string | undefined;
  vpcId: string | undefined;
  /** The interface's own security groups; undefined when the listing did not say (unknown, not none). */
  groupIds: readonly string[] | undefined;
  /** Addresses the internet can send to, by IP version (an RDS endpoint's DNS name stands for its public IPv4). */
  addresses: Record<IpVersion, readonly string[]>;
  /** Only these ports listen (an RDS instance's endpoint port); undefined for every port. */
  listener?: { protocol: Transport; port: number };
}

export interface EndpointExposure {
  range: ExposedRange;
  context: PathContext;
}

export interface EndpointVerdict {
  exposures: EndpointExposure[];
  /** Notes on stateless return traffic, one per (protocol, version) exposed. */
  returnNotes: string[];
  /** Why nothing is exposed, per IP version evaluated. */
  reasons: string[];
  /** What the NACL and security groups would let in were the endpoint addressed and routed (for a PASS message). */
  wouldAdmit: ExposedRange[];
}

/** Could not be evaluated: a subnet, route table, NACL, security group or prefix list the verdict needs is unknown. */
export class ReachabilityUnknown extends Error {
  override name = 'ReachabilityUnknown';
  constructor(
    message: string,
    /** The read whose answer lacked it, e.g. ec2:DescribeSecurityGroups. */
    readonly action: string,
  ) {
    super(message);
    // Reported against that read wherever it is caught.
    tagErrorAction(this, action);
  }
}

export type FilterCache = Map<string, FilterResult>;

function aclOfSubnet(acls: readonly NetworkAcl[], subnetId: string): NetworkAcl | undefined {
  return acls.find((a) => (a.Associations ?? []).some((s) => s.SubnetId === subnetId));
}

const clip = (r: ExposedRange, listener: Endpoint['listener']): ExposedRange | null => {
  if (!listener) return r;
  if (r.protocol !== listener.protocol || listener.port < r.from || listener.port > r.to) return null;
  return { ...r, from: listener.port, to: listener.port };
};

function filterFor(key: string, input: FilterInput, cache: FilterCache | undefined): FilterResult {
  const hit = cache?.get(key);
  if (hit) return hit;
  const result = reachablePortRanges(input);
  cache?.set(key, result);
  return result;
}

/**
 * Everything the internet can reach on one endpoint, with paths; or, when nothing, why not.
 * Throws ReachabilityUnknown only when the missing piece matters to the verdict: an endpoint
 * without a public address needs no route table, NACL or security group to be judged.
 */
export function evaluateEndpoint(endpoint: Endpoint, network: RegionNetwork, cache?: FilterCache): EndpointVerdict {
  const verdict: EndpointVerdict = { exposures: [], returnNotes: [], reasons: [], wouldAdmit: [] };
  const versions = ([4, 6] as const).filter((v) => endpoint.addresses[v].length > 0);
  const groupIds = endpoint.groupIds ?? [];
  const groupsKnown = endpoint.groupIds !== undefined && groupIds.every((id) => network.groups.has(id));
  const groups = groupIds.flatMap((id) => network.groups.get(id) ?? []);
  const acl = endpoint.subnetId ? aclOfSubnet(network.acls, endpoint.subnetId) : undefined;
  const sgKey = [...groupIds].sort().join(',');
  /** What would be let in regardless of address and route: for the message of an unexposed endpoint, never the verdict. */
  const withWouldAdmit = (): EndpointVerdict => {
    if (acl && groupsKnown) {
      for (const version of [4, 6] as const) {
        const input: FilterInput = {
          version,
          routed: [ALL_ADDRESSES[version]],
          routes: [],
          naclEntries: acl.Entries ?? [],
          groups,
          prefixListCidrs: network.prefixListCidrs,
          internetPrefix: network.internetPrefix,
        };
        const { ranges } = filterFor(`any|${acl.NetworkAclId}|${sgKey}|${version}`, input, cache);
        verdict.wouldAdmit.push(...ranges.map((r) => clip(r, endpoint.listener)).filter((r): r is ExposedRange => r !== null));
      }
    }
    return verdict;
  };

  if (versions.length === 0) return withWouldAdmit();

  if (!endpoint.subnetId) throw new ReachabilityUnknown('the interface names no subnet', 'ec2:DescribeInstances');
  const chosen = effectiveRouteTable(network.routeTables, endpoint.subnetId, endpoint.vpcId);
  if (!chosen) {
    const unlisted = endpoint.vpcId ? tablesWithoutAssociations(network.routeTables, endpoint.vpcId) : [];
    throw new ReachabilityUnknown(
      unlisted.length
        ? `route table ${unlisted[0]!.RouteTableId ?? 'unknown'} was listed without its associations, so the table ${endpoint.subnetId} uses is unknown`
        : `no route table is associated with ${endpoint.subnetId} and no main route table of ${endpoint.vpcId ?? 'its VPC'} was listed`,
      'ec2:DescribeRouteTables',
    );
  }
  // Every table holds at least its local route: one listed without routes is unknown, not "no way out".
  if (!Array.isArray(chosen.table.Routes)) {
    throw new ReachabilityUnknown(
      `route table ${chosen.table.RouteTableId ?? 'unknown'} was listed without its routes`,
      'ec2:DescribeRouteTables',
    );
  }
  const rtbId = chosen.table.RouteTableId ?? 'unknown';
  const rtbText = chosen.association === 'main' ? `${rtbId} (main route table of ${endpoint.vpcId ?? chosen.table.VpcId})` : rtbId;
  for (const version of versions) {
    const routing = internetRouting(chosen.table, version, endpoint.vpcId, network);
    if (routing.unresolvedPrefixLists.length) {
      throw new ReachabilityUnknown(
        `route table ${rtbId} routes prefix list ${routing.unresolvedPrefixLists[0]} to an internet gateway, and it could not be read`,
        'ec2:GetManagedPrefixListEntries',
      );
    }
    if (!routesToInternet(routing, network.internetPrefix)) {
      const notes = routing.notes.length ? `: ${routing.notes.join('; ')}` : '';
      verdict.reasons.push(
        `${endpoint.subnetId} uses ${rtbText}, which has no route to an internet gateway for the IPv${version} internet (${ALL_ADDRESSES[version]})${notes}`,
      );
      continue;
    }
    if (!acl) throw new ReachabilityUnknown(`no network ACL is associated with ${endpoint.subnetId}`, 'ec2:DescribeNetworkAcls');
    // An entry left unreadable may be the DENY that closes a path, or the ALLOW that opens one.
    const aclUnreadable = unreadableAcl(acl);
    if (aclUnreadable) throw new ReachabilityUnknown(aclUnreadable, 'ec2:DescribeNetworkAcls');
    if (!endpoint.groupIds)
      throw new ReachabilityUnknown('the listing does not name the security groups of the interface', 'ec2:DescribeInstances');
    if (!groupsKnown) {
      const missing = groupIds.filter((id) => !network.groups.has(id));
      throw new ReachabilityUnknown(`security group ${missing.join(', ')} was not listed`, 'ec2:DescribeSecurityGroups');
    }
    const aclId = acl.NetworkAclId ?? 'unknown';
    const input: FilterInput = {
      version,
      routed: routing.cidrs,
      routes: routing.routes,
      naclEntries: acl.Entries ?? [],
      groups,
      prefixListCidrs: network.prefixListCidrs,
      internetPrefix: network.internetPrefix,
    };
    const routeKey = routing.routes.map((r) => `${r.destination}>${r.gatewayId}`).join(',');
    const { ranges, unresolvedPrefixLists } = filterFor(`${rtbId}|${routeKey}|${aclId}|${sgKey}|${version}`, input, cache);
    const exposed = ranges.map((r) => clip(r, endpoint.listener)).filter((r): r is ExposedRange => r !== null);
    const unreadableGroup = exposed.length ? undefined : groups.find((g) => unreadableIngress(g));
    if (unreadableGroup) {
      throw new ReachabilityUnknown(
        `security group ${unreadableGroup.GroupId ?? 'unknown'}: ${unreadableIngress(unreadableGroup)}`,
        'ec2:DescribeSecurityGroups',
      );
    }
    if (exposed.length === 0 && unresolvedPrefixLists.length) {
      throw new ReachabilityUnknown(
        `security-group prefix list ${unresolvedPrefixLists[0]} could not be read`,
        'ec2:GetManagedPrefixListEntries',
      );
    }
    if (exposed.length === 0) {
      verdict.reasons.push(
        `${endpoint.subnetId} routes the IPv${version} internet through ${rtbId}, but ${aclId} and ${groupIds.join(', ') || 'no security group'} together admit no ${endpoint.listener ? `${endpoint.listener.protocol}/${endpoint.listener.port}` : 'TCP or UDP port'} from it`,
      );
      continue;
    }
    const context: PathContext = {
      address: endpoint.addresses[version].join(','),
      subnetId: endpoint.subnetId,
      routeTableId: rtbId,
      aclId,
    };
    verdict.exposures.push(...exposed.map((range) => ({ range, context })));
    for (const protocol of TRANSPORTS) {
      const admitted = exposed.filter((r) => r.protocol === protocol).flatMap((r) => r.sources);
      if (admitted.length === 0) continue;
      const blocked = blockedReturnPorts(acl.Entries ?? [], protocol, version, subtractCidrs(admitted, []), network.internetPrefix);
      if (blocked.length) verdict.returnNotes.push(describeBlockedReturn(blocked, protocol, version, aclId));
    }
  }
  return verdict.exposures.length ? verdict : withWouldAdmit();
}
