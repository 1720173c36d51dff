/**
 * What a network ACL lets through, the way AWS evaluates it: the entries of one direction in
 * ascending rule number, the first entry that matches a packet decides, and whatever no entry
 * matches is denied by the catch-all rule `*` (listed by AWS as rule 32767). Matching is over
 * address sets, so a DENY of 0.0.0.0/0 port 22 at rule 50 shadows an ALLOW of everything at
 * rule 100, while a DENY of one /24 only carves that /24 out of it. IPv4 and IPv6 entries are
 * separate lists: an IPv4 entry never matches IPv6 traffic.
 *
 * The API answers "of these source addresses, which does the NACL admit for this packet, and
 * by which rule?", so reachability analysis can ask it per hop and per direction.
 */
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import {
  ALL_ADDRESSES,
  cidrsOfVersion,
  intersectCidrs,
  ipVersionOf,
  isInternetWide,
  subtractCidrs,
  type IpVersion,
} from './address-set.js';
import { normalizeProtocol } from './security-group.js';

/** The rule number AWS gives the catch-all deny it lists for each direction and IP version. */
export const DEFAULT_RULE_NUMBER = 32767;

export type Direction = 'ingress' | 'egress';

export interface Packet {
  direction: Direction;
  protocol: 'tcp' | 'udp';
  /** The destination port for ingress, as AWS matches PortRange. */
  port: number;
  version: IpVersion;
}

export interface RuleDecision {
  /** The entry's rule number; '*' for the implicit deny at the end of the list. */
  rule: number | '*';
  action: 'allow' | 'deny';
  /** The part of the asked-about sources this rule decided (merged CIDRs). */
  cidrs: string[];
}

export interface NaclVerdict {
  admitted: RuleDecision[];
  denied: RuleDecision[];
}

function entryMatches(entry: NetworkAclEntry, packet: Packet): boolean {
  if ((entry.Egress === true) !== (packet.direction === 'egress')) return false;
  const protocol = normalizeProtocol(entry.Protocol);
  if (protocol !== 'all' && protocol !== packet.protocol) return false;
  if (protocol === 'all' || !entry.PortRange) return true;
  // TCP/UDP entries always carry a range; one left out by an endpoint is read as every port.
  const from = entry.PortRange.From ?? 0;
  const to = entry.PortRange.To ?? 65535;
  return packet.port >= from && packet.port <= to;
}

function entryCidr(entry: NetworkAclEntry, version: IpVersion): string | undefined {
  const cidr = version === 4 ? entry.CidrBlock : entry.Ipv6CidrBlock;
  return cidr && ipVersionOf(cidr) === version ? cidr : undefined;
}

/**
 * Splits `sources` (default: every address of the packet's IP version) into the parts the
 * NACL admits and denies for `packet`, each attributed to the rule that decided it.
 */
export function evaluateNacl(
  entries: readonly NetworkAclEntry[],
  packet: Packet,
  sources: readonly string[] = [ALL_ADDRESSES[packet.version]],
): NaclVerdict {
  const ordered = entries
    .filter((e) => typeof e.RuleNumber === 'number' && entryMatches(e, packet) && entryCidr(e, packet.version))
    .sort((a, b) => a.RuleNumber! - b.RuleNumber!);
  let remaining = subtractCidrs(cidrsOfVersion([...sources], packet.version), []);
  const verdict: NaclVerdict = { admitted: [], denied: [] };
  for (const entry of ordered) {
    if (remaining.length === 0) break;
    const cidr = entryCidr(entry, packet.version)!;
    const decided = intersectCidrs(remaining, [cidr]);
    if (decided.length === 0) continue;
    const action = entry.RuleAction === 'allow' ? 'allow' : 'deny';
    (action === 'allow' ? verdict.admitted : verdict.denied).push({ rule: entry.RuleNumber!, action, cidrs: decided });
    remaining = subtractCidrs(remaining, [cidr]);
  }
  if (remaining.length) verdict.denied.push({ rule: '*', action: 'deny', cidrs: remaining });
  return verdict;
}

export interface NaclExposure {
  port: number;
  protocol: 'tcp' | 'udp';
  version: IpVersion;
  /** The allow rules admitting the internet, in rule order. */
  rules: number[];
}

/** Inbound ports of `ports` (TCP and UDP, IPv4 and IPv6) the NACL opens to the internet. */
export function naclInternetIngress(
  acl: NetworkAcl,
  ports: readonly number[],
  internetPrefix: { ipv4: number; ipv6: number },
): NaclExposure[] {
  const out: NaclExposure[] = [];
  for (const version of [4, 6] as const) {
    for (const port of ports) {
      for (const protocol of ['tcp', 'udp'] as const) {
        const { admitted } = evaluateNacl(acl.Entries ?? [], { direction: 'ingress', protocol, port, version });
        const prefix = version === 4 ? internetPrefix.ipv4 : internetPrefix.ipv6;
        if (
          !isInternetWide(
            admitted.flatMap((d) => d.cidrs),
            version,
            prefix,
          )
        )
          continue;
        out.push({ port, protocol, version, rules: admitted.map((d) => d.rule as number) });
      }
    }
  }
  return out;
}

export function ruleLabel(rule: number | '*'): string {
  return rule === '*' || rule === DEFAULT_RULE_NUMBER ? '*' : String(rule);
}

/** "ports 22, 3389 tcp+udp (IPv4) allowed by rule 100; port 22 tcp (IPv6) allowed by rule 101". */
export function describeNaclExposures(exposures: readonly NaclExposure[]): string {
  const perPort = new Map<string, { port: number; version: IpVersion; rules: string; protocols: string[] }>();
  for (const e of exposures) {
    const rules = e.rules.map(ruleLabel).join(', ');
    const key = `${e.version}|${e.port}|${rules}`;
    const entry = perPort.get(key) ?? { port: e.port, version: e.version, rules, protocols: [] };
    entry.protocols.push(e.protocol);
    perPort.set(key, entry);
  }
  const groups = new Map<string, { ports: number[]; head: string }>();
  for (const p of perPort.values()) {
    const key = `${p.version}|${p.rules}|${p.protocols.join('+')}`;
    const plural = p.rules.includes(',') ? 's' : '';
    const group = groups.get(key) ?? { ports: [], head: `${p.protocols.join('+')} (IPv${p.version}) allowed by rule${plural} ${p.rules}` };
    group.ports.push(p.port);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.ports.length > 1 ? 'ports' : 'port'} ${g.ports.join(', ')} ${g.head}`).join('; ');
}

/**
 * Entries the evaluation cannot read (no rule number, action, protocol, direction or CIDR; a
 * TCP or UDP entry without its port range): AWS always sends these, so an endpoint that leaves
 * one out makes the verdict unknown, not a PASS. A DENY read as "every port" could hide an ALLOW.
 */
export function unreadableEntries(acl: NetworkAcl): NetworkAclEntry[] {
  return (acl.Entries ?? []).filter((e) => {
    const protocol = normalizeProtocol(e.Protocol);
    return (
      typeof e.RuleNumber !== 'number' ||
      (e.RuleAction !== 'allow' && e.RuleAction !== 'deny') ||
      !e.Protocol ||
      typeof e.Egress !== 'boolean' ||
      ((protocol === 'tcp' || protocol === 'udp') && (typeof e.PortRange?.From !== 'number' || typeof e.PortRange.To !== 'number')) ||
      (!ipVersionOf(e.CidrBlock ?? '') && !ipVersionOf(e.Ipv6CidrBlock ?? ''))
    );
  });
}

/**
 * Why the NACL cannot be evaluated, or undefined when it can: its entries were not listed at all
 * (an empty list is readable: the implicit deny then decides everything), or some are unreadable.
 */
export function unreadableAcl(acl: NetworkAcl): string | undefined {
  if (!Array.isArray(acl.Entries)) return `it did not list the entries of ${acl.NetworkAclId ?? 'the network ACL'}`;
  const bad = unreadableEntries(acl).length;
  return bad
    ? `it returned ${bad} entry(ies) of ${acl.NetworkAclId ?? 'the network ACL'} without rule number, action, protocol, direction, port range or CIDR`
    : undefined;
}

/** The subnets associated with the NACL, for the report. */
export function naclSubnets(acl: NetworkAcl): string[] {
  return [...new Set((acl.Associations ?? []).map((a) => a.SubnetId).filter((s): s is string => !!s))].sort();
}
