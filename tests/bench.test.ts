/** Proves the benchmark harness works on the small account; it measures nothing about speed. */
import { describe, expect, it } from 'vitest';
import { describePeak, sampleMemory } from '../bench/memory.js';
import { benchOne } from '../bench/run.js';

describe('the benchmark harness', () => {
  it('scans the small synthetic account through the real checks with every call modelled', async () => {
    const r = await benchOne('small', { latencyMs: 1, ratePerSecond: 10_000, burst: 10_000, seed: 7 });
    expect(r.errors).toBe(0);
    expect(r.findings).toBeGreaterThan(0);
    expect(r.throttled).toBe(0);
    for (const [action, n] of Object.entries(r.byOperation)) expect(n.calls, action).toBe(n.minimal);
    expect(r.floorMs).toBeGreaterThan(0);
    // The peak's parts add up (rounding to MB aside) and stay under the kernel's own maximum.
    const m = r.memoryAtPeak;
    expect(Math.abs(m.heapMb + m.outsideHeapMb - m.rssMb)).toBeLessThanOrEqual(1);
    expect(Math.abs(m.oldSpaceMb + m.youngMb + m.largeObjectsMb + m.codeMb - m.heapMb)).toBeLessThanOrEqual(3);
    expect(m.heapUsedMb).toBeLessThanOrEqual(m.heapMb);
    expect(m.rssMb).toBeLessThanOrEqual(r.peakRssMb + 1);
    // CPU: the run's, and per call of the run.
    expect(r.cpuMs).toBeGreaterThan(0);
    expect(r.cpuPerCallMs).toBeCloseTo(r.cpuMs / r.calls, 1);
  });

  it('keeps the memory sample with the most RSS, and says whether it came during the checks or the reports', async () => {
    // RSS read as 100, 300, then 200 MB from then on: the 300 MB sample is the one kept.
    const readings = [100, 300];
    const sampler = sampleMemory(5, () => (readings.shift() ?? 200) * 1048576);
    await new Promise((r) => setTimeout(r, 30));
    const peak = sampler.stop();
    expect(peak.rssMb).toBe(300);
    expect(peak.atMs).toBeGreaterThan(0);
    expect(peak.outsideHeapMb).toBe(300 - peak.heapMb);
    expect(describePeak({ ...peak, atMs: 1500 }, 2000)).toContain('1.5 s in (checks)');
    expect(describePeak({ ...peak, atMs: 2500 }, 2000)).toContain('2.5 s in (reports)');
  });

  it('throttles a scan that exceeds the rate, and the SDK retries until each call succeeds', async () => {
    const r = await benchOne('small', { latencyMs: 1, ratePerSecond: 40, burst: 1, seed: 7, scanRate: 10_000 });
    expect(r.errors).toBe(0);
    expect(r.throttled).toBeGreaterThan(0);
    expect(r.attempts).toBe(r.calls + r.throttled);
  });
});

describe('the benchmark harness on an organization', () => {
  it('scans org<N> (N small accounts) with every member read once, and one AssumeRole per member', async () => {
    const r = await benchOne('org3', { latencyMs: 1, ratePerSecond: 10_000, burst: 10_000, seed: 7 });
    const single = await benchOne('small', { latencyMs: 1, ratePerSecond: 10_000, burst: 10_000, seed: 7 });
    expect(r.errors).toBe(0);
    expect(r.findings).toBe(3 * single.findings);
    for (const [action, n] of Object.entries(r.byOperation)) expect(n.calls, action).toBe(n.minimal);
    expect(r.byOperation['sts:AssumeRole']).toEqual({ calls: 3, minimal: 3 });
  });
});
