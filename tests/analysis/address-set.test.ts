import { describe, expect, it } from 'vitest';
import { intersectCidrs, isInternetWide, publicAddressCount, subtractCidrs } from '../../src/analysis/address-set.js';

describe('isInternetWide (default /8 IPv4, /32 IPv6)', () => {
  it.each([
    ['0.0.0.0/0', 4, true],
    ['0.0.0.0/1 + 128.0.0.0/1 (split halves)', 4, true],
    ['64.0.0.0/4 (a /4 of public space)', 4, true],
    ['8.0.0.0/7', 4, true],
    ['8.0.0.0/8 (exactly one /8: not more than one)', 4, false],
    ['10.0.0.0/8 (private)', 4, false],
    ['224.0.0.0/3 (multicast and reserved)', 4, false],
    ['203.0.113.0/24', 4, false],
    ['::/0', 6, true],
    ['2000::/3', 6, true],
    ['fc00::/7 (unique local)', 6, false],
    ['2001:db8::/32 (documentation)', 6, false],
    ['2600::/16', 6, true],
    ['2600:1f18::/32', 6, false],
  ] as const)('%s (IPv%s) → %s', (label, version, expected) => {
    const cidrs = label.split(' (')[0]!.split(' + ');
    expect(isInternetWide(cidrs, version, version === 4 ? 8 : 32)).toBe(expected);
  });

  it('counts the union, not the sum, of overlapping ranges', () => {
    expect(publicAddressCount(['8.0.0.0/8', '8.0.0.0/9'], 4)).toBe(1n << 24n);
    expect(isInternetWide(['8.0.0.0/8', '8.0.0.0/9'], 4, 8)).toBe(false);
  });

  it('ignores CIDRs of the other version and unparseable text', () => {
    expect(publicAddressCount(['::/0', 'not-a-cidr'], 4)).toBe(0n);
  });
});

describe('set operations', () => {
  it('subtracts and intersects', () => {
    expect(subtractCidrs(['0.0.0.0/0'], ['0.0.0.0/1'])).toEqual(['128.0.0.0/1']);
    expect(intersectCidrs(['0.0.0.0/0'], ['10.1.0.0/16'])).toEqual(['10.1.0.0/16']);
    expect(intersectCidrs(['10.0.0.0/8'], ['11.0.0.0/8'])).toEqual([]);
    expect(subtractCidrs([], ['0.0.0.0/0'])).toEqual([]);
  });
});
