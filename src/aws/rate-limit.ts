/**
 * Client-side rate limits per API and region, so a large scan stays under AWS's throttling
 * instead of tripping it and backing off. A token bucket per (service, operation, region):
 * a call waits for a token (no fixed sleeps); the SDK's adaptive retry mode handles the
 * throttling that still happens.
 */
export interface RateLimit {
  /** Sustained calls per second. */
  rate: number;
  /** Calls allowed at once from a full bucket. */
  burst: number;
}

/**
 * Defaults per service. EC2 documents its request-token buckets (non-mutating actions: a
 * bucket of 100 refilled at 20 per second, per account and region); the others publish no
 * figure, and these stay well inside what they are seen to accept.
 */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimit> = {
  ec2: { rate: 20, burst: 100 },
  iam: { rate: 10, burst: 20 },
  sts: { rate: 50, burst: 50 },
  rds: { rate: 20, burst: 40 },
  s3: { rate: 100, burst: 100 },
  s3control: { rate: 20, burst: 20 },
  accessanalyzer: { rate: 10, burst: 20 },
  default: { rate: 20, burst: 40 },
};

class TokenBucket {
  private tokens: number;
  private last = performance.now();
  private queue: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly limit: RateLimit) {
    this.tokens = limit.burst;
  }

  take(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.drain();
    });
  }

  private drain(): void {
    const now = performance.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
    this.last = now;
    while (this.queue.length && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()!();
    }
    if (this.queue.length && !this.timer) {
      const wait = Math.ceil(((1 - this.tokens) / this.limit.rate) * 1000);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, wait);
    }
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  /** `limits` by service name, with `default` for the rest; missing entries use DEFAULT_RATE_LIMITS. */
  constructor(private readonly limits: Partial<Record<string, RateLimit>> = {}) {}

  private limitFor(service: string): RateLimit {
    return this.limits[service] ?? this.limits.default ?? DEFAULT_RATE_LIMITS[service] ?? DEFAULT_RATE_LIMITS.default!;
  }

  take(service: string, operation: string, region: string): Promise<void> {
    const key = `${service}:${operation}|${region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limitFor(service));
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
