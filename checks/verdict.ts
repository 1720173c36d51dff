/** One evaluated resource's outcome, as the shared per-resource loops of several checks report it. */
import type { ResultOptions, ResultSink } from '../src/engine/check.js';
import type { Resource } from '../src/engine/types.js';

export type Verdict = ({ status: 'pass' | 'fail' | 'notApplicable'; message: string } | { status: 'error'; error: unknown }) & {
  /** The verdict's own severity or evidence, merged over the caller's options. */
  options?: ResultOptions;
};

export function reportVerdict(result: ResultSink, resource: Resource, verdict: Verdict, opts?: ResultOptions): void {
  const merged = verdict.options ? { ...opts, ...verdict.options } : opts;
  if (verdict.status === 'error') result.error(resource, verdict.error, merged);
  else result[verdict.status](resource, verdict.message, merged);
}

export const pass = (message: string): Verdict => ({ status: 'pass', message });
export const fail = (message: string): Verdict => ({ status: 'fail', message });
