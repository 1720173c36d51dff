/**
 * Synthetic accounts for the benchmark: deterministic from a seed, sized like real large
 * accounts, answered with real pagination (page sizes honoured, continuation tokens) so
 * the scan makes the calls it would make against AWS.
 */
import type { Handlers } from '../../demo/world/types.js';

export interface SizeSpec {
  name: string;
  regions: number;
  securityGroups: number;
  buckets: number;
  users: number;
  rdsInstances: number;
  volumes: number;
  instances: number;
}

export const SIZES: Record<string, SizeSpec> = {
  small: { name: 'small', regions: 1, securityGroups: 30, buckets: 12, users: 10, rdsInstances: 4, volumes: 20, instances: 15 },
  medium: { name: 'medium', regions: 4, securityGroups: 600, buckets: 250, users: 120, rdsInstances: 60, volumes: 400, instances: 250 },
  large: {
    name: 'large',
    regions: 17,
    securityGroups: 5000,
    buckets: 2000,
    users: 1000,
    rdsInstances: 500,
    volumes: 3000,
    instances: 2000,
  },
};

/** The synthetic account's id. */
export const ACCOUNT_ID = '210987654321';

export const ALL_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'sa-east-1',
];

/** mulberry32: a small, fast, seedable PRNG, so every run of a size sees the same account. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Account {
  spec: SizeSpec;
  regions: string[];
  random: () => number;
  /** Spreads n items over the regions, unevenly (as real accounts are). */
  spread(n: number): Record<string, number>;
  pick<T>(items: readonly T[]): T;
}

export function makeAccount(spec: SizeSpec, seed: number): Account {
  const random = rng(seed);
  const regions = ALL_REGIONS.slice(0, spec.regions);
  return {
    spec,
    regions,
    random,
    spread(n) {
      const weights = regions.map((_, i) => (i === 0 ? 3 : 1) * (0.5 + random()));
      const total = weights.reduce((a, b) => a + b, 0);
      const counts = weights.map((w) => Math.floor((n * w) / total));
      counts[0]! += n - counts.reduce((a, b) => a + b, 0);
      return Object.fromEntries(regions.map((r, i) => [r, counts[i]!]));
    },
    pick: (items) => items[Math.floor(random() * items.length)]!,
  };
}

export interface PageOptions {
  /** The request parameter that sets the page size (MaxResults, MaxRecords, MaxItems, MaxBuckets). */
  limitKey: string;
  /** The request parameter carrying the continuation token. */
  tokenKey: string;
  /** The response field carrying the next token (defaults to tokenKey). */
  nextKey?: string;
  /** The API's maximum (and default, when the request sets none) page size. */
  max: number;
  defaultSize?: number;
}

/** One page of `items` as the API would return it for this request. */
export function page<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  opts: PageOptions,
): { items: T[]; next: Record<string, string> } {
  const asked = Number(input[opts.limitKey] ?? opts.defaultSize ?? opts.max);
  const size = Math.max(1, Math.min(asked, opts.max));
  const start = input[opts.tokenKey] ? Number(input[opts.tokenKey]) : 0;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? { [opts.nextKey ?? opts.tokenKey]: String(end) } : {} };
}

export const pages = (n: number, max: number): number => Math.max(1, Math.ceil(n / max));

/**
 * One service of the synthetic account: its answers, the fewest calls a scan of it needs
 * (by IAM action), and the longest chain of calls that must follow one another.
 */
export interface SyntheticService {
  service: string;
  handlers: Handlers;
  minimalCalls: Record<string, number>;
  /** Sequential calls on the longest dependent path inside this service (pages, then per-resource reads). */
  criticalPath: number;
}
