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
