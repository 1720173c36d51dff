import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { naclEntry } from '../../demo/world/ec2.js';
import {
  describeNaclExposures,
  evaluateNacl,
  naclInternetIngress,
  naclSubnets,
  unreadableAcl,
  unreadableEntries,
  type Packet,
} from '../../src/analysis/nacl.js';

const entry = naclEntry;
/** What AWS lists as the catch-all `*` for IPv4 and IPv6. */
const DEFAULTS = [entry(32767, 'deny', '0.0.0.0/0'), entry(32767, 'deny', '::/0')];
const ssh = (version: 4 | 6 = 4, protocol: 'tcp' | 'udp' = 'tcp'): Packet => ({ direction: 'ingress', protocol, port: 22, version });
const allowAll = entry(100, 'allow', '0.0.0.0/0');

describe('evaluateNacl: first match in rule-number order wins, over address sets', () => {
  it.each([
    ['ALLOW all at 100', [allowAll], [100]],
    ['DENY 0.0.0.0/0 port 22 at 50 shadows ALLOW all at 100', [entry(50, 'deny', '0.0.0.0/0', '6', [22, 22]), allowAll], []],
    ['listed out of order: still rule-number order', [allowAll, entry(50, 'deny', '0.0.0.0/0', '6', [22, 22])], []],
    ['DENY at 200 comes too late', [allowAll, entry(200, 'deny', '0.0.0.0/0', '6', [22, 22])], [100]],
    ['DENY of one /24 does not shadow the rest', [entry(50, 'deny', '203.0.113.0/24', '6', [22, 22]), allowAll], [100]],
    ['DENY split into halves covers everything', [entry(10, 'deny', '0.0.0.0/1'), entry(20, 'deny', '128.0.0.0/1'), allowAll], []],
    ['DENY of another port does not match', [entry(50, 'deny', '0.0.0.0/0', '6', [23, 3389]), allowAll], [100]],
    ['DENY of udp does not match tcp', [entry(50, 'deny', '0.0.0.0/0', '17', [22, 22]), allowAll], [100]],
    ['DENY -1 matches every protocol', [entry(50, 'deny', '0.0.0.0/0', '-1'), allowAll], []],
    ['ALLOW of a port range spanning 22', [entry(100, 'allow', '0.0.0.0/0', '6', [1, 1024])], [100]],
    ['ALLOW of icmp only', [entry(100, 'allow', '0.0.0.0/0', '1')], []],
    ['an IPv6 DENY does not shadow IPv4', [entry(50, 'deny', '::/0'), allowAll], [100]],
    ['egress entries do not decide ingress', [entry(100, 'allow', '0.0.0.0/0', '-1', undefined, true)], []],
    ['two ALLOWs each admit their part', [entry(100, 'allow', '0.0.0.0/1'), entry(110, 'allow', '0.0.0.0/0')], [100, 110]],
  ])('%s', (_label, entries, admittedBy) => {
    const verdict = evaluateNacl([...entries, ...DEFAULTS], ssh());
    expect(verdict.admitted.map((d) => d.rule)).toEqual(admittedBy);
  });

  it('attributes each part of the sources to the rule that decided it', () => {
    const verdict = evaluateNacl(
      [entry(50, 'deny', '203.0.113.0/24', '6', [22, 22]), entry(100, 'allow', '200.0.0.0/5'), ...DEFAULTS],
      ssh(),
    );
    expect(verdict.denied[0]).toEqual({ rule: 50, action: 'deny', cidrs: ['203.0.113.0/24'] });
    expect(verdict.admitted).toHaveLength(1);
    expect(verdict.admitted[0]!.cidrs).not.toContain('203.0.113.0/24');
    expect(verdict.denied.at(-1)?.rule).toBe(32767);
  });

  it('denies with the implicit * when no entry (not even 32767) matches', () => {
    expect(evaluateNacl([], ssh(6))).toEqual({ admitted: [], denied: [{ rule: '*', action: 'deny', cidrs: ['::/0'] }] });
  });

  it('answers for a given set of sources (for reachability)', () => {
    const verdict = evaluateNacl([entry(100, 'allow', '10.0.0.0/8'), ...DEFAULTS], ssh(), ['10.1.0.0/16', '8.8.8.0/24']);
    expect(verdict.admitted).toEqual([{ rule: 100, action: 'allow', cidrs: ['10.1.0.0/16'] }]);
    expect(verdict.denied).toEqual([{ rule: 32767, action: 'deny', cidrs: ['8.8.8.0/24'] }]);
  });

  it('evaluates egress when asked', () => {
    const acl = [entry(100, 'allow', '0.0.0.0/0', '6', [1024, 65535], true), ...DEFAULTS.map((e) => ({ ...e, Egress: true }))];
    expect(evaluateNacl(acl, { direction: 'egress', protocol: 'tcp', port: 40000, version: 4 }).admitted.map((d) => d.rule)).toEqual([100]);
  });
});

describe('naclInternetIngress', () => {
  const acl = (entries: NetworkAclEntry[]): NetworkAcl => ({ NetworkAclId: 'acl-1', Entries: [...entries, ...DEFAULTS] });

  it('the AWS default NACL (allow all at 100 for both versions) opens both admin ports over tcp and udp', () => {
    const exposures = naclInternetIngress(acl([allowAll, entry(101, 'allow', '::/0')]), [22, 3389], { ipv4: 8, ipv6: 32 });
    expect(exposures).toHaveLength(8);
    expect(describeNaclExposures(exposures)).toBe(
      'ports 22, 3389 tcp+udp (IPv4) allowed by rule 100; ports 22, 3389 tcp+udp (IPv6) allowed by rule 101',
    );
  });

  it('a deny of the admin ports ahead of allow-all closes them, per version', () => {
    const exposures = naclInternetIngress(
      acl([entry(10, 'deny', '0.0.0.0/0', '6', [22, 22]), entry(11, 'deny', '0.0.0.0/0', '6', [3389, 3389]), allowAll]),
      [22, 3389],
      { ipv4: 8, ipv6: 32 },
    );
    expect(exposures.map((e) => `${e.port}/${e.protocol}/v${e.version}`)).toEqual(['22/udp/v4', '3389/udp/v4']);
  });

  it('an allow of a partner /16 is not the internet', () => {
    expect(naclInternetIngress(acl([entry(100, 'allow', '52.10.0.0/16', '6', [22, 22])]), [22], { ipv4: 8, ipv6: 32 })).toEqual([]);
  });

  it('lists the associated subnets and flags unreadable entries', () => {
    const withAssoc: NetworkAcl = {
      Associations: [{ SubnetId: 'subnet-b' }, { SubnetId: 'subnet-a' }],
      Entries: [{ RuleNumber: 100, Protocol: '-1' }],
    };
    expect(naclSubnets(withAssoc)).toEqual(['subnet-a', 'subnet-b']);
    expect(unreadableEntries(withAssoc)).toHaveLength(1);
    expect(unreadableEntries(acl([allowAll]))).toEqual([]);
  });
});

describe('unreadableAcl: what AWS always sends, left out', () => {
  const tcpDeny = entry(50, 'deny', '0.0.0.0/0', '6', [22, 22]);
  it.each<[string, NetworkAclEntry[] | undefined, boolean]>([
    ['Entries missing', undefined, true],
    ['Entries empty (the implicit deny decides)', [], false],
    ['every field present', [tcpDeny, allowAll, ...DEFAULTS], false],
    ['tcp entry without PortRange', [{ ...tcpDeny, PortRange: undefined }], true],
    ['udp entry with PortRange.To missing', [{ ...entry(50, 'deny', '0.0.0.0/0', '17'), PortRange: { From: 22 } }], true],
    ['-1 entry without PortRange (none is due)', [entry(50, 'deny', '0.0.0.0/0', '-1')], false],
    ['icmp entry without PortRange (none is due)', [entry(50, 'allow', '0.0.0.0/0', '1')], false],
    ['Egress missing', [{ ...allowAll, Egress: undefined }], true],
    ['RuleAction missing', [{ ...allowAll, RuleAction: undefined }], true],
    ['no CIDR of either version', [{ ...allowAll, CidrBlock: undefined }], true],
  ])('%s', (_label, entries, unreadable) => {
    expect(unreadableAcl({ NetworkAclId: 'acl-1', Entries: entries }) !== undefined).toBe(unreadable);
  });
});
