/** What the HTML report says about a finding, as plain data: names, shortening, exposure and order. */
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../src/engine/types.js';
import {
  fixFirst,
  orderFindings,
  reachableResources,
  resourceLabel,
  scriptJson,
  shortenMiddle,
  utcText,
} from '../../src/report/html-present.js';
import { sampleFinding } from '../helpers/report.js';
import { visibleBidi, wellFormed } from '../../src/report/text.js';

const ROOT = 'arn:aws:iam::123456789012:root';
const named = (resource: Resource, service = 'iam') => resourceLabel(sampleFinding(1, { resource, service }));

describe('resourceLabel', () => {
  it.each([
    [{ id: '123456789012', type: 'AWS::::Account', arn: ROOT, name: 'account password policy' }, 'account 123456789012 (password policy)'],
    [{ id: '123456789012', type: 'AWS::::Account', arn: ROOT, name: 'root user' }, 'root user of account 123456789012'],
    [{ id: '123456789012', type: 'AWS::::Account', arn: ROOT, name: 'account 123456789012' }, 'account 123456789012'],
    [{ id: '123456789012', type: 'AWS::::Account', arn: ROOT }, 'account 123456789012 (iam settings)'],
    [{ id: 'eu-west-1', type: 'AWS::::Region', name: 'eu-west-1 (123456789012)' }, 'eu-west-1 · account 123456789012'],
    [{ id: 'i-0abc', type: 'AWS::EC2::Instance', name: 'bastion', arn: 'arn:aws:ec2:us-east-1:1:instance/i-0abc' }, 'bastion'],
    [{ id: 'alice', type: 'AWS::IAM::User', name: 'alice' }, 'alice'],
    [{ id: 'vol-1', type: 'AWS::EC2::Volume' }, 'vol-1'],
  ] as Array<[Resource, string]>)('%o reads %s', (resource, label) => {
    expect(named(resource).label).toBe(label);
  });

  it('never gives the root ARN of an account-level setting, and keeps the id and ARN of others for the tooltip', () => {
    const account = named({ id: '123456789012', type: 'AWS::::Account', arn: ROOT, name: 'account password policy' });
    expect(account.arn).toBeUndefined();
    expect(account.id).toBe('123456789012');
    expect(account.key).toBe(ROOT); // the filter key stays what the findings carry
    const instance = named({ id: 'i-0abc', type: 'AWS::EC2::Instance', name: 'bastion', arn: 'arn:x' });
    expect(instance).toEqual({ label: 'bastion', id: 'i-0abc', arn: 'arn:x', key: 'arn:x' });
  });
});

describe('shortenMiddle', () => {
  it.each([
    ['short', 10, 'short'],
    ['arn:aws:iam::123456789012:user/alice', 20, 'arn:aws:ia…ser/alice'],
    ['0123456789', 9, '0123…6789'],
    ['\u{1F600}\u{1F600}\u{1F600}\u{1F600}\u{1F600}', 4, '\u{1F600}\u{1F600}…\u{1F600}'], // never half a surrogate pair
    ['a\uD800bcdef', 100, 'a\uFFFDbcdef'],
  ])('%s at %i characters is %s', (text, max, out) => {
    expect(shortenMiddle(text, max)).toBe(out);
    expect(Array.from(shortenMiddle(text, max)).length).toBeLessThanOrEqual(max);
  });
});

describe('utcText and scriptJson', () => {
  it('states an instant in UTC without milliseconds, and leaves a non-date alone', () => {
    expect(utcText('2026-11-20T12:00:05.123Z')).toBe('2026-11-20 12:00:05 UTC');
    expect(utcText('yesterday')).toBe('yesterday');
  });

  it('writes JSON with no "<" and no raw line separators, read back unchanged', () => {
    const value = { a: '</script><!-- \u2028\u2029', b: 'x\uD800' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ a: value.a, b: 'x\uFFFD' });
  });

  it('reads back every string, key or value, well-formed with its bidi controls shown, whatever backslashes and surrogates surround them', () => {
    // Pieces that interact in JSON text: backslashes before a surrogate, escapes that look like
    // surrogates, pairs, halves of pairs, bidi controls and quotes.
    const pieces = ['\\', '\\\\', 'ud800', '\\ud800', '\uD800', '\uDC00', '\uD83D\uDE00', '\u202E', '\u2066', '"', 'a', '<', '\u2028', 'é'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const expected = (s: string) => visibleBidi(wellFormed(s));
    for (let i = 0; i < 2000; i++) {
      const key = text();
      const value = { m: text(), list: [text(), 3, null, { [key]: text() }] };
      const parsed = JSON.parse(scriptJson(value)) as typeof value;
      expect(parsed.m).toBe(expected(value.m));
      expect(parsed.list[0]).toBe(expected(value.list[0] as string));
      expect(parsed.list[1]).toBe(3);
      expect(parsed.list[3]).toEqual({ [expected(key)]: expected((value.list[3] as Record<string, string>)[key]!) });
    }
  });
});

describe('ordering and fix-first', () => {
  const reach = (id: string, status: 'FAIL' | 'PASS' = 'FAIL') =>
    sampleFinding(90, {
      checkId: 'ec2-instance-internet-reachable',
      status,
      severity: 'critical',
      resource: { id, type: 'AWS::EC2::Instance' },
      message: 'Reachable from the internet: tcp/22 …',
    });
  const internalCritical = sampleFinding(1, { checkId: 'a-crit', severity: 'critical', resource: { id: 'pw', type: 'AWS::::Account' } });
  const exposedHigh = sampleFinding(2, { checkId: 'x-high', severity: 'high', resource: { id: 'i-web', type: 'AWS::EC2::Instance' } });
  const internalHigh = sampleFinding(3, { checkId: 'c-high', severity: 'high', resource: { id: 'i-db', type: 'AWS::EC2::Instance' } });
  const publicMedium = sampleFinding(4, { checkId: 'd-med', severity: 'medium', responsibility: 'public-access' });
  const passHigh = sampleFinding(5, {
    checkId: 'c-high',
    severity: 'high',
    status: 'PASS',
    resource: { id: 'i-a', type: 'AWS::EC2::Instance' },
  });
  const waived = sampleFinding(6, {
    checkId: 'e-crit',
    severity: 'critical',
    waiver: { reason: 'r', owner: 'o', expires: '2999-01-01', source: 'w:1' },
  });
  const findings = [publicMedium, passHigh, internalHigh, exposedHigh, internalCritical, waived, reach('i-web', 'PASS')];
  const reachable = reachableResources([...findings, reach('i-web')]);

  it('finds the resources a reachability check found reachable', () => {
    expect([...reachable]).toEqual(['i-web']);
  });

  it('orders by severity, then the check’s exposure, then check; failures first within a check', () => {
    const order = orderFindings(findings, reachable).map((f) => `${f.checkId}:${f.status}${f.waiver ? '/waived' : ''}`);
    expect(order).toEqual([
      'a-crit:FAIL',
      'e-crit:FAIL/waived',
      'ec2-instance-internet-reachable:PASS',
      'x-high:FAIL',
      'c-high:FAIL',
      'c-high:PASS',
      'd-med:FAIL',
    ]);
  });

  it('orders seeded random findings as the rule says: severity, the check’s exposure, check, status, exposure, name, region', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const many = Array.from({ length: 600 }, (_, i) =>
      sampleFinding(100 + i, {
        checkId: pick(['a-check', 'b-check', 'c-check', 'ec2-instance-internet-reachable']),
        severity: pick(['critical', 'high', 'medium', 'low', 'informational'] as const),
        status: pick(['FAIL', 'PASS', 'ERROR', 'NOT_APPLICABLE'] as const),
        responsibility: pick(['public-access', 'identity-and-access'] as const),
        region: pick(['eu-west-1', 'us-east-1', 'global', 'EU-west-1']),
        resource: { id: pick(['i-web', 'b', 'B', 'á', 'a10', 'a2', 'Zeta', 'éclair']), type: 'AWS::EC2::Instance' },
        ...(random() < 0.1 ? { waiver: { reason: 'r', owner: 'o', expires: '2999-01-01', source: 'w:1' } } : {}),
      }),
    );
    const open = reachableResources(many);
    // The rule, written out plainly: the keys looked up and compared on every comparison.
    const rank = { critical: 5, high: 4, medium: 3, low: 2, informational: 1 } as Record<string, number>;
    const statusRank = (f: (typeof many)[number]) =>
      f.waiver && f.status === 'FAIL' ? 2 : { FAIL: 0, ERROR: 1, PASS: 3, NOT_APPLICABLE: 4 }[f.status];
    const exposure = (f: (typeof many)[number]) =>
      open.has(f.resource.arn ?? f.resource.id) ? 2 : f.responsibility === 'public-access' && f.status === 'FAIL' ? 1 : 0;
    const worst = (checkId: string) =>
      Math.max(0, ...many.filter((f) => f.checkId === checkId && f.status === 'FAIL' && !f.waiver).map(exposure));
    const expected = [...many].sort(
      (a, b) =>
        rank[b.severity]! - rank[a.severity]! ||
        worst(b.checkId) - worst(a.checkId) ||
        (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
        statusRank(a) - statusRank(b) ||
        exposure(b) - exposure(a) ||
        resourceLabel(a).label.localeCompare(resourceLabel(b).label) ||
        a.region.localeCompare(b.region),
    );
    expect(orderFindings(many, open).map((f) => f.id)).toEqual(expected.map((f) => f.id));
  });

  it('ranks what to fix first by severity × exposure, leaving out waived failures and passes', () => {
    const ranked = fixFirst(findings, reachable);
    expect(ranked.map((x) => [x.checkId, x.score])).toEqual([
      ['x-high', 8], // high (4) on an internet-reachable resource (× 2)
      ['a-crit', 5],
      ['d-med', 4.5], // medium (3) public (× 1.5)
      ['c-high', 4],
    ]);
    expect(ranked[0]).toMatchObject({ failures: 1, reachable: 1, example: 'i-web' });
    expect(fixFirst(findings, reachable, 2)).toHaveLength(2);
  });
});
