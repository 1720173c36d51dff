import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Baseline } from '../../src/ops/baseline.js';
import type { WaiverFile } from '../../src/ops/waivers.js';
import { assembleOrganizationReport, markFinding, marksOf } from '../../src/org/report.js';
import { zeroCounts, type Findings, type ReportFinding } from '../../src/report/model.js';
import { FindingSpool, spoolFileSystem } from '../../src/report/spool.js';
import { ReportWriteError } from '../../src/report/write.js';
import { RENDERERS } from '../../src/scan.js';
import { sampleFinding } from '../helpers/report.js';

const CALLER = '999999999999';

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
/** A fresh folder under the system's temporary one, removed after the test. */
const folders: string[] = [];
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'srm-spool-test-'));
  folders.push(dir);
  return dir;
};
/** A file-system error as Node gives it. */
const fsError = (code: string): Error => Object.assign(new Error(code), { code });
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of spools.splice(0)) s.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
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

  it('makes the same organization report, in every format, as the findings in memory, with waivers and a baseline', () => {
    const waivers: WaiverFile = {
      file: 'w.yaml',
      waivers: [
        { checkId: 'check-1', resources: ['sg-*'], reason: 'first', owner: 'o', expires: '2099-01-01', source: 'w.yaml:2' },
        { checkId: 'check-1', resources: ['sg-1'], reason: 'second', owner: 'o', expires: '2099-01-01', source: 'w.yaml:8' },
      ],
    };
    const old = accountFindings('111111111111').map((f, i) => ({ ...f, status: i % 2 ? f.status : ('FAIL' as const) }));
    const baseline: Baseline = { file: 'old.json', startedAt: '2026-11-01T00:00:00.000Z', accountId: CALLER, findings: old };
    const report = (findings: (parts: ReportFinding[][]) => Findings) => {
      const marks = marksOf(waivers, baseline, '2026-12-03');
      const parts = ['111111111111', '222222222222'].map((id) => accountFindings(id));
      for (const part of parts) for (const f of part) markFinding(marks, f);
      const checks = [...new Set(parts.flat().map((f) => f.checkId))].map((id) => ({
        id,
        category: 'infrastructure' as const,
        responsibility: 'network-firewall' as const,
        compliance: { 'cis-aws-5.0': ['5.1.1'] },
      }));
      return assembleOrganizationReport({
        startedAt: new Date('2026-12-03T10:00:00Z'),
        finishedAt: new Date('2026-12-03T10:01:00Z'),
        callerAccountId: CALLER,
        callerArn: `arn:aws:iam::${CALLER}:role/auditor`,
        source: 'aws',
        ranChecks: checks,
        catalog: checks,
        findings: findings(parts),
        accounts: ['111111111111', '222222222222'].map((id) => ({
          id,
          name: id,
          status: 'scanned' as const,
          partial: false,
          errors: [],
          regions: ['us-east-1'],
          counts: zeroCounts(),
          apiCalls: 1,
        })),
        errors: [],
        apiCalls: { total: 2, byOperation: {} },
        organization: { roleName: 'SrmAuditReadOnly' },
        marks,
      });
    };
    const inMemory = report((parts) => parts.flat());
    const spool = open();
    const spooled = report((parts) => spool.view(parts.map((p) => spool.add(p))));
    expect(Array.isArray(spooled.findings)).toBe(false);
    expect(inMemory.waivers?.applied.map((w) => [w.reason, w.matched])).toEqual([['first', 4]]);
    expect(inMemory.baseline?.counts.persisting).toBeGreaterThan(0);
    const text = (content: ReturnType<(typeof RENDERERS)[keyof typeof RENDERERS]>) =>
      typeof content === 'string' ? content : [...content].join('');
    for (const [format, render] of Object.entries(RENDERERS)) {
      expect(text(render(spooled)), format).toBe(text(render(inMemory)));
    }
  });

  it('keeps an account in memory, and the accounts after it, when the disk fills up while it is written; nothing is lost', () => {
    const write = spoolFileSystem.writeSync;
    const spool = open();
    const first = accountFindings('111111111111');
    // Large enough to be written in several pieces: the second piece fails.
    const second = Array.from({ length: 4000 }, (_, n) => sampleFinding(2, { id: `big-${n}`, message: 'm'.repeat(600) }));
    const third = accountFindings('333333333333');
    let writes = 0;
    const partA = spool.add(first);
    vi.spyOn(spoolFileSystem, 'writeSync').mockImplementation((...args: Parameters<typeof write>) => {
      if (++writes === 2) throw fsError('ENOSPC');
      return write(...args);
    });
    const partB = spool.add(second);
    const partC = spool.add(third);
    expect(spool.fallback).toBe('cannot hold more findings in the temporary folder: ENOSPC (no space left on device)');
    expect(partB).toEqual({ findings: second });
    expect(partC).toEqual({ findings: third });
    const view = spool.view([partA, partB, partC]);
    expect(JSON.stringify([...view])).toBe(JSON.stringify([...first, ...second, ...third]));
    expect(view.at(2)).toEqual(first[2]);
    expect(view.at(first.length + 7)).toBe(second[7]);
  });

  it('is not used where its file cannot be unlinked, and leaves nothing behind', () => {
    const unlink = spoolFileSystem.unlinkSync;
    const dir = folder();
    let refused = 0;
    vi.spyOn(spoolFileSystem, 'unlinkSync').mockImplementation((path) => {
      if (refused++ === 0) throw fsError('EBUSY');
      unlink(path);
    });
    const spool = open(dir);
    expect(spool.fallback).toMatch(/^cannot hold findings in .*: EBUSY$/);
    const a = accountFindings('111111111111');
    expect(spool.add(a)).toEqual({ findings: a });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes its folder when its file is closed, where an unlinked open file keeps the folder (Windows)', () => {
    const rmdir = spoolFileSystem.rmdirSync;
    const dir = folder();
    let held = true;
    vi.spyOn(spoolFileSystem, 'rmdirSync').mockImplementation((path) => {
      if (held) throw fsError('ENOTEMPTY');
      rmdir(path);
    });
    const spool = open(dir);
    expect(spool.fallback).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
    held = false;
    spool.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says in one line that the findings cannot be read back, rather than blame a report', () => {
    const spool = open();
    const view = spool.view([spool.add(accountFindings('111111111111'))]);
    vi.spyOn(spoolFileSystem, 'readSync').mockImplementation(() => {
      throw fsError('EIO');
    });
    expect(() => [...view]).toThrow(new ReportWriteError('cannot read the findings back from the temporary folder: EIO'));
    expect(() => view.at(0)).toThrow(ReportWriteError);
  });

  it('leaves nothing in the temporary folder, even while it is open', () => {
    const dir = folder();
    const spool = open(dir);
    const view = spool.view([spool.add(accountFindings('111111111111'))]);
    expect(readdirSync(dir)).toEqual([]);
    expect(view.length).toBe(5);
    expect([...view]).toHaveLength(5);
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
