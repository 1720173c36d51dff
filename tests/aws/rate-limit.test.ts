import { describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/aws/rate-limit.js';

describe('the client-side rate limiter', () => {
  it('admits a burst at once, then one call per 1/rate seconds, per API and region', async () => {
    vi.useFakeTimers();
    try {
      const limiter = new RateLimiter({ ec2: { rate: 10, burst: 2 } });
      const admitted: number[] = [];
      const start = Date.now();
      const calls = Array.from({ length: 5 }, (_, i) => limiter.take('ec2', 'DescribeVolumes', 'eu-west-1').then(() => admitted.push(i)));
      // Another API and another region have buckets of their own.
      const other = limiter.take('ec2', 'DescribeVolumes', 'us-east-1').then(() => admitted.push(99));
      await vi.advanceTimersByTimeAsync(0);
      expect(admitted.sort((a, b) => a - b)).toEqual([0, 1, 99]);
      await vi.advanceTimersByTimeAsync(350);
      await Promise.all([...calls, other]);
      expect(admitted).toHaveLength(6);
      expect(Date.now() - start).toBeLessThanOrEqual(400);
    } finally {
      vi.useRealTimers();
    }
  });
});
