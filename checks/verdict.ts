/** One evaluated resource's outcome, as the shared per-resource loops of several checks report it. */
import type { ResultOptions, ResultSink } from '../src/engine/check.js';
import type { Resource } from '../src/engine/types.js';

/**
 * `unread`: a read the verdict did without failed (see ResultSink.degraded); it is listed in run.errors.
 * `options`: the verdict's own severity or evidence, merged over the caller's options.
 */
export type Verdict = (
  { status: 'pass' | 'fail' | 'notApplicable'; message: string; unread?: unknown } | { status: 'error'; error: unknown }
) & { options?: ResultOptions };

export function reportVerdict(result: ResultSink, resource: Resource, verdict: Verdict, opts?: ResultOptions): void {
  const merged = verdict.options ? { ...opts, ...verdict.options } : opts;
  if (verdict.status === 'error') return result.error(resource, verdict.error, merged);
  result[verdict.status](resource, verdict.message, merged);
  if (verdict.unread !== undefined) result.degraded(resource, verdict.unread, merged);
}

const withUnread = (unread: unknown) => (unread === undefined ? {} : { unread });
export const pass = (message: string, unread?: unknown): Verdict => ({ status: 'pass', message, ...withUnread(unread) });
export const fail = (message: string, unread?: unknown): Verdict => ({ status: 'fail', message, ...withUnread(unread) });

/** Stands for a whole list that could not be read in a region (distinct from the check's own region result). */
export function listResource(region: string, type: string, what: string): Resource {
  return { id: `${region}/${type.split('::').pop()!}`, type, name: `${what} in ${region}` };
}
