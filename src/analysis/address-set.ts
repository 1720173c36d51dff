/**
 * Reasoning over sets of addresses rather than the text of a CIDR: 0.0.0.0/1 plus
 * 128.0.0.0/1 is the whole internet as surely as 0.0.0.0/0 is, and 10.0.0.0/8 is none of it.
 */
import { excludeCidr, mergeCidr, parseCidr } from 'cidr-tools';

export type IpVersion = 4 | 6;

/** Ranges that are not reachable from the public internet (RFC 6890 special-purpose, private, multicast). */
const NON_PUBLIC_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
/** Only global unicast (2000::/3) is routed on the internet; 2001:db8::/32 is documentation. */
const NON_PUBLIC_V6 = ['::/3', '4000::/2', '8000::/1', '2001:db8::/32'];

/**
 * A large account asks the same questions of the same few CIDRs thousands of times (every
 * rule of 5,000 security groups, every NACL entry, every interface on every path), and the
 * answers are pure; they are remembered, within a bound, so each is worked out once.
 */
function memo<V>(limit: number): (key: string, compute: () => V) => V {
  const known = new Map<string, V>();
  return (key, compute) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as V;
    if (known.size >= limit) known.clear();
    const value = compute();
    known.set(key, value);
    return value;
  };
}
const versions = memo<IpVersion | undefined>(100_000);
// Keys here are whole CIDR lists (a large prefix list makes a long one): fewer of them.
const publicCounts = memo<bigint>(10_000);

export function ipVersionOf(cidr: string): IpVersion | undefined {
  return versions(cidr, () => {
    try {
      return parseCidr(cidr).version;
    } catch {
      return undefined;
    }
  });
}

/** How many public addresses the union of `cidrs` (all of one version) holds. */
export function publicAddressCount(cidrs: readonly string[], version: IpVersion): bigint {
  const valid = cidrs.filter((c) => ipVersionOf(c) === version);
  if (valid.length === 0) return 0n;
  // The union does not depend on order or repeats: one key for every spelling of the same set.
  const key = `${version}|${[...new Set(valid)].sort().join(',')}`;
  return publicCounts(key, () => {
    const remaining = excludeCidr(mergeCidr(valid), version === 4 ? NON_PUBLIC_V4 : NON_PUBLIC_V6);
    let count = 0n;
    for (const net of remaining) {
      const { start, end } = parseCidr(net);
      count += end - start + 1n;
    }
    return count;
  });
}

export function containsPublicAddresses(cidr: string): boolean {
  const version = ipVersionOf(cidr);
  return version !== undefined && publicAddressCount([cidr], version) > 0n;
}

/**
 * True when the union admits more public addresses than one /prefix block holds: broad
 * enough to be "the internet" rather than a known partner or office range.
 */
export function isInternetWide(cidrs: readonly string[], version: IpVersion, prefix: number): boolean {
  const bits = version === 4 ? 32 : 128;
  return publicAddressCount(cidrs, version) > 1n << BigInt(bits - prefix);
}

/** Every address of one IP version: the source set "the internet" starts from. */
export const ALL_ADDRESSES: Record<IpVersion, string> = { 4: '0.0.0.0/0', 6: '::/0' };

/** The CIDRs of `cidrs` that are of IP version `version` and parse. */
export function cidrsOfVersion(cidrs: readonly string[], version: IpVersion): string[] {
  return cidrs.filter((c) => ipVersionOf(c) === version);
}

/** The addresses of `a` outside `b` (both of one version), as merged CIDRs. */
export function subtractCidrs(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0) return [];
  return b.length === 0 ? mergeCidr([...a]) : excludeCidr([...a], [...b]);
}

/** The addresses in both `a` and `b` (both of one version), as merged CIDRs. */
export function intersectCidrs(a: readonly string[], b: readonly string[]): string[] {
  return subtractCidrs(a, subtractCidrs(a, b));
}
