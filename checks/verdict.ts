/** One evaluated resource's outcome, as the shared per-resource loops of several checks report it. */
import type { ResultOptions, ResultSink } from '../src/engine/check.js';
import type { Resource } from '../src/engine/types.js';

export type Verdict = { status: 'pass' | 'fail' | 'notApplicable'; message: string } | { status: 'error'; error: unknown };

export function reportVerdict(result: ResultSink, resource: Resource, verdict: Verdict, opts?: ResultOptions): void {
  if (verdict.status === 'error') result.error(resource, verdict.error, opts);
  else result[verdict.status](resource, verdict.message, opts);
}

export const pass = (message: string): Verdict => ({ status: 'pass', message });
export const fail = (message: string): Verdict => ({ status: 'fail', message });

/** Stands for a whole list that could not be read in a region (distinct from the check's own region result). */
export function listResource(region: string, type: string, what: string): Resource {
  return { id: `${region}/${type.split('::').pop()!}`, type, name: `${what} in ${region}` };
}
