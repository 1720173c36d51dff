/**
 * What the CLI needs to know about a run before it loads any of the run's code: the report
 * formats, the exit codes, and the framework filter. (scan.ts re-exports them.)
 */
import type { CheckMeta } from './engine/check.js';
import type { Framework } from './engine/types.js';
import { UsageError } from './errors.js';

export const FORMATS = ['json', 'html', 'csv', 'ocsf', 'asff', 'sarif', 'junit', 'md'] as const;
export type Format = (typeof FORMATS)[number];
/** Written when --format is not given. */
export const DEFAULT_FORMATS: Format[] = ['json', 'html'];
/** File extensions: the JSON-based formats say which JSON they hold. */
export const EXTENSIONS: Record<Format, string> = {
  json: 'json',
  html: 'html',
  csv: 'csv',
  ocsf: 'ocsf.json',
  asff: 'asff.json',
  sarif: 'sarif',
  junit: 'junit.xml',
  md: 'md',
};

/** Looked for in the working directory when --config is not given. */
export const CONFIG_FILE_NAME = 'srm-audit.config.yaml';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, PARTIAL: 3 } as const;

/** Near the AWS CLI's: a few seconds to connect, tens of seconds to answer (--request-timeout). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
export const CONNECT_TIMEOUT_MS = 5000;
/** The largest AWS answer read (--max-answer-size): far above any page AWS sends a read-only call. */
export const DEFAULT_MAX_ANSWER_MIB = 64;

/** The checks mapped to `framework` (all of them when none is given). */
export function frameworkChecks<C>(
  checks: C[],
  framework: Framework | undefined,
  metaOf: (c: C) => Pick<CheckMeta, 'compliance'> = (c) => c as Pick<CheckMeta, 'compliance'>,
): C[] {
  if (!framework) return checks;
  const mapped = checks.filter((c) => (metaOf(c).compliance[framework] ?? []).length > 0);
  if (mapped.length === 0)
    throw new UsageError(`no selected check maps to ${framework}; run \`srm-audit list-checks\` to see the mappings`);
  return mapped;
}

/**
 * AWS calls inside the SDK at once (--max-calls). Enough to keep one core busy at AWS's usual
 * latencies (well under a millisecond of CPU per call against tens of milliseconds on the
 * wire), few enough that a call let in is not queued behind thousands of others for its share
 * of the core (see CallLane).
 */
export const DEFAULT_MAX_CALLS = 64;
