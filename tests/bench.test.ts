/** Proves the benchmark harness works on the small account; it measures nothing about speed. */
import { describe, expect, it } from 'vitest';
import { benchOne } from '../bench/run.js';

describe('the benchmark harness', () => {
  it('scans the small synthetic account through the real checks with every call modelled', async () => {
    const r = await benchOne('small', { latencyMs: 1, ratePerSecond: 10_000, burst: 10_000, seed: 7 });
    expect(r.errors).toBe(0);
    expect(r.findings).toBeGreaterThan(0);
    expect(r.throttled).toBe(0);
    for (const [action, n] of Object.entries(r.byOperation)) expect(n.calls, action).toBe(n.minimal);
    expect(r.floorMs).toBeGreaterThan(0);
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
