/**
 * Which ports a security group opens to the internet. A rule covers a port when its
 * protocol is -1 (all traffic), or it is TCP or UDP (by name or number) and the port lies
 * in [FromPort, ToPort]. Sources are IPv4/IPv6 CIDRs and managed prefix lists, judged
 * over address sets; a rule that references another security group admits no internet
 * source.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { containsPublicAddresses, isInternetWide, type IpVersion } from './address-set.js';

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

/** Does the rule admit `port` over TCP or UDP? */
export function permissionCoversPort(perm: IpPermission, port: number): boolean {
  const protocol = normalizeProtocol(perm.IpProtocol);
  if (protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== 'udp') return false;
  // TCP/UDP rules always carry a range; a missing bound is read as "any" rather than as none.
  const from = perm.FromPort ?? 0;
  const to = perm.ToPort ?? 65535;
  return (from === -1 && to === -1) || (port >= from && port <= to);
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

/** Every (CIDR or prefix-list) source of every rule admitting `port`, split by IP version. */
function sourcesFor(perms: readonly IpPermission[], port: number, opts: ExposureOptions, unresolved: Set<string>): SourceAddresses[] {
  const out: SourceAddresses[] = [];
  for (const perm of perms) {
    if (!permissionCoversPort(perm, port)) continue;
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
        const ofVersion = cidrs.filter((c) => (version === 4 ? !c.includes(':') : c.includes(':')));
        if (ofVersion.length) out.push({ source: pl.PrefixListId, cidrs: ofVersion, version, rule });
      }
    }
  }
  return out;
}

export function internetExposure(group: SecurityGroup, opts: ExposureOptions): ExposureResult {
  const versions = opts.versions ?? [4, 6];
  const unresolved = new Set<string>();
  const exposures: PortExposure[] = [];
  const perms = group.IpPermissions ?? [];
  for (const port of opts.ports) {
    const sources = sourcesFor(perms, port, opts, unresolved);
    for (const version of versions) {
      const ofVersion = sources.filter((s) => s.version === version);
      const prefix = version === 4 ? opts.internetPrefix.ipv4 : opts.internetPrefix.ipv6;
      if (
        !isInternetWide(
          ofVersion.flatMap((s) => s.cidrs),
          version,
          prefix,
        )
      )
        continue;
      exposures.push({ port, version, sources: ofVersion.filter((s) => s.cidrs.some(containsPublicAddresses)) });
    }
  }
  return { exposures, unresolvedPrefixLists: [...unresolved].sort() };
}

/** Prefix list ids referenced by ingress rules, to resolve before calling internetExposure. */
export function referencedPrefixLists(group: SecurityGroup): string[] {
  const ids = new Set<string>();
  for (const perm of group.IpPermissions ?? []) for (const pl of perm.PrefixListIds ?? []) if (pl.PrefixListId) ids.add(pl.PrefixListId);
  return [...ids].sort();
}

/** "port 22 (IPv4) from 0.0.0.0/0 via tcp 20-25; port 3389 (IPv6) from ::/0 via all traffic". */
export function describeExposures(exposures: readonly PortExposure[]): string {
  return exposures
    .map((e) => {
      const via = [...new Set(e.sources.map((s) => `${s.source} via ${s.rule}`))].join(', ');
      return `port ${e.port} (IPv${e.version}) from ${via}`;
    })
    .join('; ');
}
