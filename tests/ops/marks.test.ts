import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineMarker, type Baseline } from '../../src/ops/baseline.js';
import { applyWaivers, WaiverMarker, type WaiverFile } from '../../src/ops/waivers.js';
import type { ReportFinding, WaiverRecord } from '../../src/report/model.js';
import { sampleFinding } from '../helpers/report.js';

const waiver = (checkId: string, resources: string[], expires: string, reason: string): WaiverRecord => ({
  checkId,
  resources,
  reason,
  owner: 'sec',
  expires,
  source: `w.yaml:${reason}`,
});

describe('waivers, a finding at a time', () => {
  const file: WaiverFile = {
    file: 'w.yaml',
    waivers: [
      waiver('check-1', ['res-1'], '2026-01-01', 'expired'),
      waiver('check-1', ['res-*'], '2099-01-01', 'first live'),
      waiver('check-1', ['res-1'], '2099-01-01', 'second live, also matching'),
      waiver('check-2', ['nothing-matches'], '2099-01-01', 'stale'),
    ],
  };
  const findings = (): ReportFinding[] => [
    sampleFinding(1, { resource: { id: 'res-1', type: 'AWS::EC2::SecurityGroup' } }),
    sampleFinding(1, { resource: { id: 'res-2', type: 'AWS::EC2::SecurityGroup' }, status: 'PASS' }),
    sampleFinding(1, { id: 'third', resource: { id: 'res-3', type: 'AWS::EC2::SecurityGroup' } }),
    sampleFinding(2, { resource: { id: 'res-9', type: 'AWS::EC2::SecurityGroup' } }),
  ];

  it('gives a failure the first live waiver of the file that matches it, and counts what each did', () => {
    const marker = new WaiverMarker(file, '2026-12-03');
    const fs = findings();
    for (const f of fs) marker.mark(f);
    expect(fs.map((f) => f.waiver?.reason)).toEqual(['first live', undefined, 'first live', undefined]);
    const info = marker.info();
    expect(info.expired.map((w) => w.reason)).toEqual(['expired']);
    expect(info.stale.map((w) => w.reason)).toEqual(['second live, also matching', 'stale']);
    expect(info.applied.map((w) => [w.reason, w.matched])).toEqual([['first live', 2]]);
  });

  it('marks in batches (an organization, account by account) as applyWaivers marks all at once', () => {
    const once = findings();
    const whole = applyWaivers(once, file, '2026-12-03');
    const marker = new WaiverMarker(file, '2026-12-03');
    const batched = findings();
    for (const batch of [batched.slice(0, 1), batched.slice(1)]) for (const f of batch) marker.mark(f);
    expect(marker.info()).toEqual(whole);
    expect(batched).toEqual(once);
  });
});

describe('the baseline, a finding at a time', () => {
  const previous = (n: number, status: ReportFinding['status'], over: Partial<ReportFinding> = {}): ReportFinding =>
    sampleFinding(n, { id: `f${n}`, status, ...over });
  const baseline: Baseline = {
    file: 'old.json',
    startedAt: '2026-11-01T00:00:00.000Z',
    accountId: '123456789012',
    findings: [
      previous(1, 'FAIL'),
      previous(2, 'FAIL'),
      previous(3, 'PASS'),
      previous(4, 'FAIL'),
      previous(5, 'FAIL', { region: 'eu-west-3' }),
      previous(6, 'FAIL'),
      previous(7, 'FAIL'),
      // The same id twice: the later entry is the one compared with, as a Map of the findings keeps it.
      previous(7, 'PASS'),
    ],
  };
  const now = (): ReportFinding[] => [
    previous(1, 'FAIL'),
    previous(2, 'PASS'),
    previous(3, 'FAIL'),
    previous(6, 'ERROR'),
    previous(7, 'FAIL'),
  ];
  const run = { checks: ['check-1', 'check-2', 'check-3', 'check-4', 'check-5', 'check-6', 'check-7'], regions: ['us-east-1'] };

  it('says what is new, persisting, resolved, gone and not re-checked', () => {
    const marker = new BaselineMarker(baseline);
    const fs = now();
    for (const f of fs) marker.mark(f);
    expect(fs.map((f) => [f.id, f.baseline, f.previousStatus])).toEqual([
      ['f1', 'persisting', 'FAIL'],
      ['f2', 'resolved', 'FAIL'],
      ['f3', 'new', 'PASS'],
      ['f6', 'new', 'FAIL'],
      ['f7', 'new', 'PASS'],
    ]);
    const info = marker.info(run);
    // f4 is gone (its check ran in its region); f5's region was not scanned; f6 is an ERROR now; f7 was seen.
    expect(info.gone.map((g) => g.id)).toEqual(['f4']);
    expect(info.notRechecked.map((g) => g.id)).toEqual(['f5', 'f6']);
    expect(info.counts).toEqual({ new: 3, persisting: 1, resolved: 2, notRechecked: 2 });
  });

  it('marks in batches as applyBaseline marks all at once', () => {
    const once = now();
    const whole = applyBaseline(once, baseline, run);
    const marker = new BaselineMarker(baseline);
    const batched = now();
    for (const batch of [batched.slice(0, 2), batched.slice(2)]) for (const f of batch) marker.mark(f);
    expect(marker.info(run)).toEqual(whole);
    expect(batched).toEqual(once);
  });
});
