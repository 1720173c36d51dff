/**
 * Shards: slices of an organization's account list, so that many machines can each scan one
 * and `merge` folds their reports. The slice comes from `--shard i/n` or from the index the
 * engines users already run give each copy of an array job.
 */
import { UsageError } from '../errors.js';

/** Slice `index` (1-based, as `--shard 1/3` reads) of `count`. */
export interface Shard {
  index: number;
  count: number;
  /** Where it came from, for the run's summary line. */
  source: string;
}

const MAX_SHARDS = 10_000;

function whole(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function checked(index: number, count: number, source: string, zeroBased: boolean): Shard {
  const first = zeroBased ? 0 : 1;
  if (count < 1 || count > MAX_SHARDS) throw new UsageError(`${source}: the shard count must be 1 to ${MAX_SHARDS}, not ${count}`);
  if (index < first || index > count - 1 + first) {
    throw new UsageError(`${source}: shard index ${index} is outside ${first}..${count - 1 + first} for ${count} shard(s)`);
  }
  return { index: zeroBased ? index + 1 : index, count, source };
}

/** `--shard 2/5`: the second of five slices. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`--shard "${text}" is not i/n (e.g. --shard 1/3 for the first of three slices)`);
  return checked(Number(m[1]), Number(m[2]), '--shard', false);
}

/**
 * The shard an engine's environment names, if any:
 * - AWS Batch array jobs set AWS_BATCH_JOB_ARRAY_INDEX (from 0) and AWS_BATCH_JOB_ARRAY_SIZE;
 * - Kubernetes Indexed Jobs set JOB_COMPLETION_INDEX (from 0) but not the completions count, so
 *   the recipe passes that as SRM_AUDIT_SHARD_COUNT (deploy/kubernetes/cronjob.yaml).
 * A half-set pair is an error: scanning everything in each of n copies would multiply the run.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard | undefined {
  const pairs: Array<[string, string]> = [
    ['AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ARRAY_SIZE'],
    ['JOB_COMPLETION_INDEX', 'SRM_AUDIT_SHARD_COUNT'],
  ];
  for (const [indexVar, countVar] of pairs) {
    // Unset or empty (a sourced .env.example): no engine index.
    if (!env[indexVar]?.trim()) continue;
    const index = whole(env[indexVar]);
    const count = whole(env[countVar]);
    if (index === undefined) throw new UsageError(`${indexVar}="${env[indexVar]}" is not a whole number`);
    if (count === undefined) {
      throw new UsageError(
        `${indexVar} is set but ${countVar} is not a whole number; set it to the number of shards (or pass --shard i/n)`,
      );
    }
    return checked(index, count, `${indexVar}/${countVar}`, true);
  }
  return undefined;
}

/**
 * The accounts of one shard: the ids sorted, then dealt round-robin, so every slice gets a
 * fair share of a sorted list and the same list always splits the same way in every process.
 */
export function sliceOf<T extends { id: string }>(accounts: readonly T[], shard: Shard | undefined): T[] {
  const sorted = [...accounts].sort((a, b) => a.id.localeCompare(b.id));
  if (!shard) return sorted;
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
