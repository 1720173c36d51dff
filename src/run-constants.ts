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
