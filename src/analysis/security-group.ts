/**
 * Which ports a security group opens to the internet. A rule covers a port when its
 * protocol is -1 (all traffic), or it is TCP or UDP (by name or number) and the port lies
 * in [FromPort, ToPort]. Sources are IPv4/IPv6 CIDRs and managed prefix lists, judged
 * over address sets; a rule that references another security group admits no internet
 * source.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { cidrsOfVersion, containsPublicAddresses, ipVersionOf, isInternetWide, type IpVersion } from './address-set.js';

export type Protocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | `ip-${string}`;

export function normalizeProtocol(raw: string | undefined): Protocol {
  const p = String(raw ?? '').toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  if (p === 'icmp' || p === '1') return 'icmp';
  if (p === 'icmpv6' || p === '58') return 'icmpv6';
  return `ip-${p}`;
}

/** Does the rule admit `port` over `protocol` (default: over TCP or UDP)? */
export function permissionCoversPort(perm: IpPermission, port: number, protocol?: 'tcp' | 'udp'): boolean {
  return (protocol ? [protocol] : (['tcp', 'udp'] as const)).some((p) => {
    const range = coveredRange(perm, p);
    return range !== null && port >= range.from && port <= range.to;
  });
}

export function describePermission(perm: IpPermission): string {
  const protocol = normalizeProtocol(perm.IpProtocol);
  if (protocol === 'all') return 'all traffic';
  if (protocol === 'tcp' || protocol === 'udp') {
    const from = perm.FromPort ?? 0;
    const to = perm.ToPort ?? 65535;
    return from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
  }
  return protocol;
}

export interface SourceAddresses {
  /** A CIDR, or a prefix list id. */
  source: string;
  cidrs: string[];
  version: IpVersion;
  rule: string;
}

export interface PortExposure {
  port: number;
  version: IpVersion;
  /** The sources (CIDRs or prefix lists) holding public addresses that admit the port. */
  sources: SourceAddresses[];
}

export interface ExposureResult {
  exposures: PortExposure[];
  /** Prefix lists a rule references that could not be resolved: the verdict is incomplete. */
  unresolvedPrefixLists: string[];
}

export interface ExposureOptions {
  ports: readonly number[];
  versions?: readonly IpVersion[];
  /** CIDRs of a prefix list, or undefined when they could not be read. */
  prefixListCidrs: (prefixListId: string) => string[] | undefined;
  internetPrefix: { ipv4: number; ipv6: number };
}

/** The (CIDR or prefix-list) sources of one rule, split by IP version. */
export function ruleSources(
  perm: IpPermission,
  opts: Pick<ExposureOptions, 'prefixListCidrs'>,
  unresolved: Set<string>,
): SourceAddresses[] {
  const out: SourceAddresses[] = [];
  const rule = describePermission(perm);
  for (const r of perm.IpRanges ?? []) if (r.CidrIp) out.push({ source: r.CidrIp, cidrs: [r.CidrIp], version: 4, rule });
  for (const r of perm.Ipv6Ranges ?? []) if (r.CidrIpv6) out.push({ source: r.CidrIpv6, cidrs: [r.CidrIpv6], version: 6, rule });
  for (const pl of perm.PrefixListIds ?? []) {
    if (!pl.PrefixListId) continue;
    const cidrs = opts.prefixListCidrs(pl.PrefixListId);
    if (!cidrs) {
      unresolved.add(pl.PrefixListId);
      continue;
    }
    for (const version of [4, 6] as const) {
      const ofVersion = cidrsOfVersion(cidrs, version);
      if (ofVersion.length) out.push({ source: pl.PrefixListId, cidrs: ofVersion, version, rule });
    }
  }
  return out;
}

/** The sources holding public addresses, when together they are internet-wide; otherwise null. */
function internetSources(sources: readonly SourceAddresses[], version: IpVersion, opts: Pick<ExposureOptions, 'internetPrefix'>) {
  const ofVersion = sources.filter((s) => s.version === version);
  const prefix = version === 4 ? opts.internetPrefix.ipv4 : opts.internetPrefix.ipv6;
  if (
    !isInternetWide(
      ofVersion.flatMap((s) => s.cidrs),
      version,
      prefix,
    )
  )
    return null;
  return ofVersion.filter((s) => s.cidrs.some(containsPublicAddresses));
}

export function internetExposure(group: SecurityGroup, opts: ExposureOptions): ExposureResult {
  const versions = opts.versions ?? [4, 6];
  const unresolved = new Set<string>();
  const exposures: PortExposure[] = [];
  // Rules an endpoint sent as something else than a list are unreadable (unreadableIngress says so).
  const perms = Array.isArray(group.IpPermissions) ? group.IpPermissions : [];
  // A rule's sources are the same for every port it admits: worked out once per rule, and only
  // for a rule that admits one of the ports (an unreadable prefix list elsewhere is no matter).
  const ruleSourceLists = new Map<number, SourceAddresses[]>();
  const sourcesOfRule = (i: number): SourceAddresses[] => {
    let sources = ruleSourceLists.get(i);
    if (!sources) ruleSourceLists.set(i, (sources = ruleSources(perms[i]!, opts, unresolved)));
    return sources;
  };
  // Ports admitted by the same rules (of each protocol) are open to the same sources: judged
  // once per such set of rules (a group's rules usually admit a long port list in a few sets).
  const judged = new Map<string, Array<[IpVersion, SourceAddresses[]]>>();
  // Each protocol on its own: a TCP rule from one half of the internet and a UDP rule from
  // the other open no single service to all of it.
  const ranges = (['tcp', 'udp'] as const).map((protocol) => perms.map((perm) => coveredRange(perm, protocol)));
  for (const port of opts.ports) {
    const admitting = ranges.map((ofProtocol) => {
      const rules: number[] = [];
      ofProtocol.forEach((range, i) => {
        if (range && port >= range.from && port <= range.to) rules.push(i);
      });
      return rules;
    });
    const key = admitting.map((rules) => rules.join(',')).join('|');
    let open = judged.get(key);
    if (!open) {
      const sources = admitting.map((rules) => rules.flatMap(sourcesOfRule));
      open = versions.map((version): [IpVersion, SourceAddresses[]] => {
        const wide = sources.flatMap((s) => internetSources(s, version, opts) ?? []);
        // An all-traffic rule is a source of both protocols: list it once.
        return [version, [...new Map(wide.map((s) => [`${s.rule}|${s.source}|${s.version}`, s])).values()]];
      });
      judged.set(key, open);
    }
    for (const [version, distinct] of open) if (distinct.length) exposures.push({ port, version, sources: distinct });
  }
  return { exposures, unresolvedPrefixLists: [...unresolved].sort() };
}

/** A rule AWS would never send: no protocol, none of the four source lists, or a CIDR that does not parse as its version. */
function unreadablePermission(perm: IpPermission): boolean {
  if (!perm.IpProtocol) return true;
  if (!perm.IpRanges && !perm.Ipv6Ranges && !perm.PrefixListIds && !perm.UserIdGroupPairs) return true;
  return (
    (perm.IpRanges ?? []).some((r) => ipVersionOf(r.CidrIp ?? '') !== 4) ||
    (perm.Ipv6Ranges ?? []).some((r) => ipVersionOf(r.CidrIpv6 ?? '') !== 6) ||
    (perm.PrefixListIds ?? []).some((pl) => !pl.PrefixListId)
  );
}

/**
 * Why the group's inbound rules cannot be fully judged, or undefined when they can. AWS always
 * sends IpPermissions (empty when the group has no rule; the SDK reads that as []) and, in each
 * rule, IpProtocol and the source lists: an endpoint that leaves them out makes "no rule admits
 * the internet" unknown, so the caller reports ERROR unless the readable rules already fail it.
 */
export function unreadableIngress(group: SecurityGroup): string | undefined {
  if (!Array.isArray(group.IpPermissions)) return 'it did not list the inbound rules (IpPermissions) of the group';
  const bad = group.IpPermissions.filter(unreadablePermission).length;
  return bad ? `${bad} inbound rule(s) of the group lack a protocol, a source list or a readable CIDR` : undefined;
}

/** Prefix list ids referenced by ingress rules, to resolve before calling internetExposure. */
export function referencedPrefixLists(group: SecurityGroup): string[] {
  const ids = new Set<string>();
  for (const perm of group.IpPermissions ?? []) for (const pl of perm.PrefixListIds ?? []) if (pl.PrefixListId) ids.add(pl.PrefixListId);
  return [...ids].sort();
}

/**
 * "ports 22, 3389 (IPv4) from 0.0.0.0/0 via all traffic; port 22 (IPv6) from ::/0 via tcp 22":
 * ports admitted by the same sources are named together, every port is named.
 */
export function describeExposures(exposures: readonly PortExposure[]): string {
  const groups = new Map<string, { version: IpVersion; via: string; ports: number[] }>();
  for (const e of exposures) {
    const via = [...new Set(e.sources.map((s) => `${s.source} via ${s.rule}`))].join(', ');
    const key = `${e.version}|${via}`;
    const group = groups.get(key) ?? { version: e.version, via, ports: [] };
    group.ports.push(e.port);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => `${g.ports.length > 1 ? 'ports' : 'port'} ${g.ports.join(', ')} (IPv${g.version}) from ${g.via}`)
    .join('; ');
}

export interface PortRange {
  from: number;
  to: number;
}

export interface RangeExposure extends PortRange {
  protocol: 'tcp' | 'udp';
  version: IpVersion;
  sources: SourceAddresses[];
}

/** The [from, to] a TCP/UDP rule covers for `protocol`, or null when it covers none of it. */
export function coveredRange(perm: IpPermission, protocol: 'tcp' | 'udp'): PortRange | null {
  const p = normalizeProtocol(perm.IpProtocol);
  if (p === 'all') return { from: 0, to: 65535 };
  if (p !== protocol) return null;
  const from = perm.FromPort ?? 0;
  const to = perm.ToPort ?? 65535;
  if (from === -1 && to === -1) return { from: 0, to: 65535 };
  return from <= to ? { from: Math.max(0, from), to: Math.min(65535, to) } : null;
}

/**
 * Every TCP and UDP port range the group opens to the internet, exactly: the rules' ranges
 * cut the port space into pieces covered by the same rules, and each piece is judged on the
 * union of those rules' sources (two rules from 0.0.0.0/1 and 128.0.0.0/1 open what they share).
 * Protocol -1 counts as every TCP and UDP port; other protocols (ICMP, …) carry no ports.
 */
export function internetOpenPortRanges(
  group: SecurityGroup,
  opts: Omit<ExposureOptions, 'ports'>,
): { exposures: RangeExposure[]; unresolvedPrefixLists: string[] } {
  const versions = opts.versions ?? [4, 6];
  const unresolved = new Set<string>();
  const exposures: RangeExposure[] = [];
  for (const protocol of ['tcp', 'udp'] as const) {
    const rules = (group.IpPermissions ?? []).flatMap((perm) => {
      const range = coveredRange(perm, protocol);
      return range ? [{ range, sources: ruleSources(perm, opts, unresolved) }] : [];
    });
    const cuts = [...new Set(rules.flatMap((r) => [r.range.from, r.range.to + 1]))].sort((a, b) => a - b);
    for (const version of versions) {
      for (let i = 0; i + 1 < cuts.length; i++) {
        const piece = { from: cuts[i]!, to: cuts[i + 1]! - 1 };
        const covering = rules.filter((r) => r.range.from <= piece.from && piece.to <= r.range.to);
        const open = internetSources(
          covering.flatMap((r) => r.sources),
          version,
          opts,
        );
        if (!open) continue;
        const last = exposures.at(-1);
        // Adjacent pieces open to the same sources read as one range.
        if (
          last &&
          last.protocol === protocol &&
          last.version === version &&
          last.to + 1 === piece.from &&
          sameSources(last.sources, open)
        ) {
          last.to = piece.to;
        } else {
          exposures.push({ protocol, version, ...piece, sources: open });
        }
      }
    }
  }
  return { exposures, unresolvedPrefixLists: [...unresolved].sort() };
}

function sameSources(a: readonly SourceAddresses[], b: readonly SourceAddresses[]): boolean {
  const key = (list: readonly SourceAddresses[]) => [...new Set(list.map((s) => s.source))].sort().join(',');
  return key(a) === key(b);
}

/** The parts of `range` outside the `allowed` ports. */
export function portsOutside(range: PortRange, allowed: readonly number[]): PortRange[] {
  const out: PortRange[] = [];
  let from = range.from;
  for (const port of [...new Set(allowed)].sort((a, b) => a - b)) {
    if (port < from || port > range.to) continue;
    if (port > from) out.push({ from, to: port - 1 });
    from = port + 1;
  }
  if (from <= range.to) out.push({ from, to: range.to });
  return out;
}

export function describeRange(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}
