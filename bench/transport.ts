/** What stands in for AWS in the benchmark: a fixed latency per call and a rate limit per API. */
import type { AwsCall, Responder } from '../src/aws/session.js';

export interface TransportOptions {
  latencyMs: number;
  /** Calls per second each operation accepts in each region before it throttles. */
  ratePerSecond: number;
  /** Calls an operation accepts at once from a full bucket. */
  burst: number;
}

export interface TransportStats {
  attempts: number;
  throttled: number;
  /** operation|region → calls answered (throttled attempts excluded). */
  answered: Map<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps the synthetic account's answers with latency and token-bucket throttling (AWS's own error). */
export function awsLike(answer: Responder, opts: TransportOptions): { transport: Responder; stats: TransportStats } {
  const stats: TransportStats = { attempts: 0, throttled: 0, answered: new Map() };
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = (key: string): boolean => {
    const now = performance.now();
    const b = buckets.get(key) ?? { tokens: opts.burst, at: now };
    b.tokens = Math.min(opts.burst, b.tokens + ((now - b.at) / 1000) * opts.ratePerSecond);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
  const transport: Responder = async (call: AwsCall) => {
    stats.attempts++;
    // AWS's limits are per account (and API and region): members of an organization never share a bucket.
    const key = `${call.accountId ? `${call.accountId}/` : ''}${call.service}:${call.operation}|${call.region}`;
    const admitted = take(key);
    await sleep(opts.latencyMs);
    if (!admitted) {
      stats.throttled++;
      throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    }
    stats.answered.set(key, (stats.answered.get(key) ?? 0) + 1);
    return answer(call);
  };
  return { transport, stats };
}
