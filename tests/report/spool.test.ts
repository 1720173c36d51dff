import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportFinding } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { FindingSpool } from '../../src/report/spool.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

/** An account's findings: three checks, the fields a check repeats shared, one finding that differs from its check. */
function accountFindings(accountId: string): ReportFinding[] {
  const compliance = { 'cis-aws-5.0': ['5.1.1'] };
  const of = (n: number, over: Partial<ReportFinding>): ReportFinding =>
    sampleFinding(n, { accountId, compliance, id: `${accountId}-${n}-${over.resource?.id ?? ''}`, ...over });
  return [
    of(1, { resource: { id: 'sg-1', type: 'AWS::EC2::SecurityGroup', name: 'web\u2028tier \ud800 ✓' }, evidence: { ports: [22, 3389] } }),
    of(1, { resource: { id: 'sg-2', type: 'AWS::EC2::SecurityGroup' }, status: 'PASS', severity: 'low' }),
    // The same check with a title and compliance map of its own: kept as they are.
    of(1, { resource: { id: 'sg-3', type: 'AWS::EC2::SecurityGroup' }, title: 'Another title', compliance: { 'aws-fsbp': ['EC2.2'] } }),
    of(2, {
      resource: { id: 'i-1', type: 'AWS::EC2::Instance', arn: `arn:aws:ec2:us-east-1:${accountId}:instance/i-1` },
      waiver: { reason: 'r', owner: 'o', expires: '2099-01-01', source: 'w.yaml:1' },
      previousStatus: 'FAIL',
      baseline: 'persisting',
    }),
    of(3, { resource: { id: 'bucket', type: 'AWS::S3::Bucket' }, status: 'ERROR', message: 'Could not evaluate: "quoted"\nnext line' }),
  ];
}

const spools: FindingSpool[] = [];
const open = (dir?: string): FindingSpool => {
  const spool = new FindingSpool(dir);
  spools.push(spool);
  return spool;
};
afterEach(() => {
  for (const s of spools.splice(0)) s.close();
});

describe('the findings spool', () => {
  it('gives back every finding as it was added, in the order of the parts asked for, key order included', () => {
    const spool = open();
    expect(spool.fallback).toBeUndefined();
    const a = accountFindings('111111111111');
    const b = accountFindings('222222222222');
    const expected = JSON.stringify([...a, ...b]);
    // Added in the order the accounts finished; read in account order.
    const partB = spool.add(b);
    const partA = spool.add(a);
    expect('findings' in partA).toBe(false);
    const view = spool.view([partA, partB]);
    expect(view.length).toBe(a.length + b.length);
    expect(JSON.stringify([...view])).toBe(expected);
    // A second pass reads the same.
    expect(JSON.stringify([...view])).toBe(expected);
    // Each finding by its place.
    expect(JSON.stringify(Array.from({ length: view.length }, (_, i) => view.at(i)))).toBe(expected);
    expect(view.at(-1)).toBeUndefined();
    expect(view.at(view.length)).toBeUndefined();
  });

  it('writes what every finding of a check repeats once per check, not once per finding', () => {
    const spool = open();
    const big = 'x'.repeat(5000);
    const findings = Array.from({ length: 50 }, (_, n) =>
      sampleFinding(1, { id: `f${n}`, remediation: big, resource: { id: `r${n}`, type: 'AWS::S3::Bucket' } }),
    );
    const part = spool.add(findings);
    const view = spool.view([part]);
    expect([...view].map((f) => f.remediation)).toEqual(findings.map(() => big));
    // 50 findings of 5 kB of remediation each would be 250 kB: the spool holds the text once, in memory.
    expect((spool as unknown as { offsets: number[] }).offsets.at(-1)).toBeLessThan(50 * 400);
  });

  it('reads one check’s findings without the others, in order', () => {
    const spool = open();
    const parts = [spool.add(accountFindings('111111111111')), spool.add(accountFindings('222222222222'))];
    const view = spool.view(parts);
    const all = [...view];
    expect(JSON.stringify([...view.ofChecks!(['check-1', 'check-3'])])).toBe(
      JSON.stringify(all.filter((f) => f.checkId === 'check-1' || f.checkId === 'check-3')),
    );
    expect([...view.ofChecks!(['no-such-check'])]).toEqual([]);
  });

  it('reads findings larger than its read size, and across its reads', () => {
    const spool = open();
    const findings = [
      sampleFinding(1, { evidence: { blob: 'é'.repeat(700_000) } }),
      ...Array.from({ length: 3000 }, (_, n) => sampleFinding(2, { id: `small-${n}`, message: `m${n} ✓` })),
      sampleFinding(3, { evidence: { blob: 'z'.repeat(2_500_000) } }),
    ];
    const view = spool.view([spool.add(findings)]);
    expect(JSON.stringify([...view])).toBe(JSON.stringify(findings));
  });

  it('makes the same reports as the findings in memory', () => {
    const spool = open();
    const a = accountFindings('111111111111');
    const b = accountFindings('222222222222');
    const view = spool.view([spool.add(a), spool.add(b)]);
    const inMemory = reportOf([...a, ...b]);
    expect(renderJson({ ...inMemory, findings: view })).toBe(renderJson(inMemory));
    expect(renderHtml({ ...inMemory, findings: view })).toBe(renderHtml(inMemory));
  });

  it('leaves nothing in the temporary folder, even while it is open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-spool-test-'));
    try {
      const spool = open(dir);
      const view = spool.view([spool.add(accountFindings('111111111111'))]);
      expect(readdirSync(dir)).toEqual([]);
      expect(view.length).toBe(5);
      expect([...view]).toHaveLength(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the findings in memory, and says why, where the temporary folder cannot be written', () => {
    const spool = open(join(tmpdir(), 'srm-no-such-folder', 'deeper'));
    expect(spool.fallback).toMatch(/^cannot hold findings in .*srm-no-such-folder.*: ENOENT$/);
    const a = accountFindings('111111111111');
    const part = spool.add(a);
    expect(part).toEqual({ findings: a });
    const view = spool.view([part]);
    expect([...view]).toEqual(a);
    expect(view.at(4)).toBe(a[4]);
    expect([...view.ofChecks!(['check-2'])]).toEqual([a[3]]);
  });

  it('refuses to read once closed rather than give nothing', () => {
    const spool = open();
    const view = spool.view([spool.add(accountFindings('111111111111'))]);
    spool.close();
    expect(() => [...view]).toThrow(/closed/);
    expect(() => view.at(0)).toThrow(/closed/);
  });
});
