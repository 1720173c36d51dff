import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import {
  describeExposures,
  internetExposure,
  internetOpenPortRanges,
  normalizeProtocol,
  permissionCoversPort,
  portsOutside,
  unreadableIngress,
} from '../../src/analysis/security-group.js';

const INTERNET = { ipv4: 8, ipv6: 32 };
const lists: Record<string, string[]> = {
  'pl-world': ['0.0.0.0/0', '::/0'],
  'pl-office': ['198.51.100.0/24', '8.8.8.0/24'],
  'pl-v6only': ['2000::/3'],
};
const opts = { prefixListCidrs: (id: string) => lists[id], internetPrefix: INTERNET };
const rule = (
  protocol: string,
  from: number | undefined,
  to: number | undefined,
  v4: string[] = [],
  v6: string[] = [],
  pls: string[] = [],
): IpPermission => ({
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  IpRanges: v4.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
  PrefixListIds: pls.map((PrefixListId) => ({ PrefixListId })),
});
const sg = (...perms: IpPermission[]): SecurityGroup => ({ GroupId: 'sg-1', IpPermissions: perms });

describe('normalizeProtocol / permissionCoversPort', () => {
  it.each([
    ['-1', 'all'],
    ['6', 'tcp'],
    ['tcp', 'tcp'],
    ['TCP', 'tcp'],
    ['17', 'udp'],
    ['1', 'icmp'],
    ['58', 'icmpv6'],
    ['50', 'ip-50'],
  ])('%s → %s', (raw, expected) => expect(normalizeProtocol(raw)).toBe(expected));

  it.each([
    ['-1 covers any port', rule('-1', undefined, undefined), 22, true],
    ['6 covers a port in range', rule('6', 20, 25), 22, true],
    ['tcp range ends are inclusive', rule('tcp', 22, 22), 22, true],
    ['tcp outside the range', rule('tcp', 23, 25), 22, false],
    ['udp covers the port too', rule('udp', 0, 65535), 3389, true],
    ['icmp never covers a port', rule('icmp', -1, -1), 22, false],
    ['protocol 50 (ESP) carries no ports', rule('50', undefined, undefined), 22, false],
  ])('%s', (_label, perm, port, expected) => expect(permissionCoversPort(perm, port)).toBe(expected));
});

describe('internetExposure over ports', () => {
  it.each([
    ['0.0.0.0/0', sg(rule('tcp', 22, 22, ['0.0.0.0/0'])), [22]],
    ['split halves in two rules', sg(rule('tcp', 22, 22, ['0.0.0.0/1']), rule('tcp', 0, 100, ['128.0.0.0/1'])), [22]],
    ['a /4 of public space', sg(rule('tcp', 22, 22, ['64.0.0.0/4'])), [22]],
    ['private ranges only', sg(rule('tcp', 22, 22, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])), []],
    ['an office /24', sg(rule('tcp', 22, 22, ['203.0.113.0/24'])), []],
    ['protocol -1 from ::/0', sg(rule('-1', undefined, undefined, [], ['::/0'])), [22, 3389]],
    ['protocol 6 (numbered tcp)', sg(rule('6', 3389, 3389, ['0.0.0.0/0'])), [3389]],
    ['a port range spanning 22', sg(rule('tcp', 1, 1024, ['0.0.0.0/0'])), [22]],
    ['an internet-wide prefix list', sg(rule('tcp', 22, 22, [], [], ['pl-world'])), [22]],
    ['a small prefix list', sg(rule('tcp', 22, 22, [], [], ['pl-office'])), []],
    ['a security-group reference', sg({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-2' }] }), []],
    // Before: [22] — the two protocols' sources were pooled, though no service is open beyond one /8.
    [
      'tcp from one /8 and udp from another: neither protocol is internet-wide',
      sg(rule('tcp', 22, 22, ['3.0.0.0/8']), rule('udp', 22, 22, ['4.0.0.0/8'])),
      [],
    ],
    [
      'tcp from one /8 and all traffic from another: tcp is',
      sg(rule('tcp', 22, 22, ['3.0.0.0/8']), rule('-1', undefined, undefined, ['4.0.0.0/8'])),
      [22],
    ],
    ['udp alone from 0.0.0.0/0', sg(rule('17', 3389, 3389, ['0.0.0.0/0'])), [3389]],
    ['icmp type 22 is not port 22', sg(rule('icmp', 22, -1, ['0.0.0.0/0'])), []],
    ['icmpv6 (58) from ::/0', sg(rule('58', -1, -1, [], ['::/0'])), []],
    ['protocol 50 (ESP) carries no port', sg(rule('50', undefined, undefined, ['0.0.0.0/0'])), []],
    ['tcp with ports -1/-1 covers every port', sg(rule('tcp', -1, -1, ['0.0.0.0/0'])), [22, 3389]],
  ])('%s', (_label, group, ports) => {
    const { exposures } = internetExposure(group, { ...opts, ports: [22, 3389] });
    expect([...new Set(exposures.map((e) => e.port))]).toEqual(ports);
  });

  it('keeps IPv4 and IPv6 apart and can be asked about one version', () => {
    const group = sg(rule('tcp', 22, 22, ['10.0.0.0/8'], ['::/0']), rule('tcp', 22, 22, [], [], ['pl-v6only']));
    expect(internetExposure(group, { ...opts, ports: [22], versions: [4] }).exposures).toEqual([]);
    const [v6] = internetExposure(group, { ...opts, ports: [22], versions: [6] }).exposures;
    expect(v6?.sources.map((s) => s.source)).toEqual(['::/0', 'pl-v6only']);
  });

  it('judges no rule of a group whose rules came as something other than a list, which unreadableIngress reports', () => {
    const group = { GroupId: 'sg-1', IpPermissions: {} } as unknown as SecurityGroup;
    for (const ports of [[], [22]])
      expect(internetExposure(group, { ...opts, ports })).toEqual({ exposures: [], unresolvedPrefixLists: [] });
    expect(unreadableIngress(group)).toMatch(/did not list the inbound rules/);
  });

  it('reports unresolved prefix lists instead of passing them', () => {
    const result = internetExposure(sg(rule('tcp', 22, 22, [], [], ['pl-missing'])), { ...opts, ports: [22] });
    expect(result).toEqual({ exposures: [], unresolvedPrefixLists: ['pl-missing'] });
  });

  it('judges a long port list as it judges each port alone (seeded random groups)', () => {
    let seed = 20261203;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const some = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.3);
    const v4 = ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '3.0.0.0/8', '4.0.0.0/8', '10.0.0.0/8', '203.0.113.0/24', '64.0.0.0/4'];
    const v6 = ['::/0', '2000::/3', '2001:db8::/32', 'fc00::/7', '2000::/4', '3000::/4'];
    const pls = ['pl-world', 'pl-office', 'pl-v6only', 'pl-missing'];
    const port = () => pick([-1, 0, 1, 20, 21, 22, 23, 25, 30, 40, 3389, 65535]);
    for (let n = 0; n < 400; n++) {
      const perms = Array.from({ length: Math.floor(random() * 5) }, () => {
        const [from, to] = [port(), port()].sort((a, b) => a - b);
        return rule(pick(['tcp', 'udp', '-1', '6', '17', 'icmp', '50']), from, to, some(v4), some(v6), some(pls));
      });
      const ports = [
        ...new Set(Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick([0, 1, 20, 21, 22, 23, 25, 30, 40, 3389]))),
      ];
      const versions = pick([[4], [6], [4, 6]] as const);
      const whole = internetExposure(sg(...perms), { ...opts, ports, versions });
      const alone = ports.map((p) => internetExposure(sg(...perms), { ...opts, ports: [p], versions }));
      expect(whole.exposures).toEqual(alone.flatMap((a) => a.exposures));
      expect(whole.unresolvedPrefixLists).toEqual([...new Set(alone.flatMap((a) => a.unresolvedPrefixLists))].sort());
    }
  });

  it('names every port, grouping ports opened by the same sources', () => {
    const { exposures } = internetExposure(sg(rule('-1', undefined, undefined, ['0.0.0.0/0'])), { ...opts, ports: [21, 22, 3389] });
    expect(describeExposures(exposures)).toBe('ports 21, 22, 3389 (IPv4) from 0.0.0.0/0 via all traffic');
  });
});

describe('internetOpenPortRanges', () => {
  const ranges = (group: SecurityGroup) =>
    internetOpenPortRanges(group, opts).exposures.map((e) => `${e.protocol} ${e.from}-${e.to} v${e.version}`);

  it.each([
    ['80 and 443 only', sg(rule('tcp', 80, 80, ['0.0.0.0/0']), rule('tcp', 443, 443, ['0.0.0.0/0'])), ['tcp 80-80 v4', 'tcp 443-443 v4']],
    ['protocol -1 opens every tcp and udp port', sg(rule('-1', undefined, undefined, ['0.0.0.0/0'])), ['tcp 0-65535 v4', 'udp 0-65535 v4']],
    [
      'two /8s, each too small alone, are internet-wide only where both ranges overlap',
      sg(rule('tcp', 1000, 2000, ['8.0.0.0/8']), rule('tcp', 1500, 3000, ['9.0.0.0/8'])),
      ['tcp 1500-2000 v4'],
    ],
    ['icmp is not a port', sg(rule('icmp', -1, -1, ['0.0.0.0/0'])), []],
    ['udp from ::/0', sg(rule('17', 53, 53, [], ['::/0'])), ['udp 53-53 v6']],
    ['private sources', sg(rule('tcp', 0, 65535, ['10.0.0.0/8'])), []],
  ])('%s', (_label, group, expected) => expect(ranges(group)).toEqual(expected));

  it('subtracts authorised ports from an open range', () => {
    expect(portsOutside({ from: 0, to: 65535 }, [443, 80])).toEqual([
      { from: 0, to: 79 },
      { from: 81, to: 442 },
      { from: 444, to: 65535 },
    ]);
    expect(portsOutside({ from: 80, to: 80 }, [80, 443])).toEqual([]);
  });
});

describe('unreadableIngress: what AWS always sends, left out', () => {
  it.each<[string, IpPermission[] | undefined, boolean]>([
    ['IpPermissions missing', undefined, true],
    ['no rules (AWS sends an empty list)', [], false],
    ['a complete rule', [rule('tcp', 22, 22, ['0.0.0.0/0'])], false],
    ['only a group reference', [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-2' }] }], false],
    ['IpProtocol missing', [{ ...rule('tcp', 22, 22, ['0.0.0.0/0']), IpProtocol: undefined }], true],
    ['no source list at all', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }], true],
    ['an IpRange without CidrIp', [{ IpProtocol: '-1', IpRanges: [{ Description: 'x' }] }], true],
    ['an IPv4 CIDR in Ipv6Ranges', [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '0.0.0.0/0' }] }], true],
    ['a prefix-list reference without its id', [{ IpProtocol: '-1', PrefixListIds: [{}] }], true],
  ])('%s', (_label, perms, unreadable) => {
    expect(unreadableIngress({ GroupId: 'sg-1', IpPermissions: perms }) !== undefined).toBe(unreadable);
  });
});
