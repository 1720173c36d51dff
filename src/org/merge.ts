/**
 * `srm-audit merge REPORTS… --output-dir DIR`: folds the JSON reports of shards (or of single
 * accounts) into one organization report. It refuses reports of another schema version and
 * account sets that overlap, keeps every account's partial state, and re-applies baseline and
 * waivers across the whole organization (a shard's own are dropped: they saw only its slice).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { CATALOG_INDEX } from '../engine/catalog-index.js';
import type { CheckMeta } from '../engine/check.js';
import { findingId } from '../engine/runner.js';
import { UsageError } from '../errors.js';
import { readBaseline } from '../ops/baseline.js';
import { readWaivers } from '../ops/waivers.js';
import { newAjv } from '../ops/yaml-file.js';
import { SCHEMA_VERSION, type AccountInfo, type ReportDocument, type ReportFinding } from '../report/model.js';
import { reportBaseName } from '../report/write.js';
import { assertWritableDir, exitCodeFor, writeRunReports, type Format, type ScanResult } from '../scan.js';
import type { Severity } from '../engine/types.js';
import { packageRoot } from '../util/package.js';
import { assembleOrganizationReport, countsOf, markFinding, marksOf, sumCalls } from './report.js';

export interface MergeRequest {
  files: string[];
  outputDir: string;
  formats: Format[];
  failOn: Severity | 'none';
  failOnNew?: boolean;
  baseline?: string;
  waivers?: string;
  keep?: number;
  catalog?: readonly CheckMeta[];
  /** The moment of the merge (waivers are about today); tests fix it. */
  now?: Date;
}

let validator: ValidateFunction | undefined;
function validateReport(report: unknown): ValidateFunction['errors'] {
  validator ??= newAjv().compile(JSON.parse(readFileSync(join(packageRoot(), 'schema', 'report.schema.json'), 'utf8')) as object);
  return validator(report) ? null : validator.errors;
}

function readReport(file: string): ReportDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read: ${(error as Error).message.split('\n')[0]}`;
    throw new UsageError(`${file} ${why}; pass JSON reports written by srm-audit scan`);
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new UsageError(
      `${file} is a report of schema ${typeof version === 'string' ? version : '(none)'}, not ${SCHEMA_VERSION}; scan every shard with the same srm-audit version as merge`,
    );
  }
  const errors = validateReport(parsed);
  if (errors)
    throw new UsageError(`${file} is not a valid srm-audit report (${errors[0]?.instancePath || 'top level'} ${errors[0]?.message ?? ''})`);
  return parsed as ReportDocument;
}

/** A single-account report's one account, as an organization report would list it. */
function accountsOf(report: ReportDocument): AccountInfo[] {
  if (report.accounts) return report.accounts;
  const { run } = report;
  return [
    {
      id: run.accountId,
      name: '',
      status: 'scanned',
      partial: run.partial,
      errors: [],
      regions: run.regions,
      counts: countsOf(report.findings),
      apiCalls: run.apiCalls.total,
    },
  ];
}

/** The finding as scanned, without the state a shard's own baseline or waivers gave it; its id carries its account. */
function asScanned(f: ReportFinding): ReportFinding {
  const { baseline: _b, previousStatus: _p, waiver: _w, ...finding } = f;
  return { ...finding, id: findingId(f.checkId, f.resource, f.region, f.accountId) };
}

/**
 * Shard reports say which slice of how many they are: a merge missing one would leave that
 * slice's accounts out without a word, so it is refused, naming the missing shards.
 */
function assertShardsComplete(reports: ReadonlyArray<{ file: string; report: ReportDocument }>): void {
  const shards = reports.map(({ report }) => report.run.organization?.shard).filter((s) => s !== undefined);
  if (shards.length === 0) return;
  const counts = new Set(shards.map((s) => s.count));
  if (counts.size > 1)
    throw new UsageError(`the reports are shards of different splits (${[...counts].join(', ')} shards); merge the shards of one run`);
  const count = shards[0]!.count;
  const have = new Set(shards.map((s) => s.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
  if (missing.length) {
    throw new UsageError(
      `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: their accounts would be left out; merge every shard's report`,
    );
  }
}

export async function mergeReports(req: MergeRequest): Promise<ScanResult> {
  const catalog = req.catalog ?? CATALOG_INDEX.map((e) => e.meta);
  if (req.files.length === 0) throw new UsageError('merge needs at least one JSON report');
  if (req.failOnNew && !req.baseline) throw new UsageError('--fail-on-new needs --baseline (the previous JSON report to compare with)');
  const waiverFile = req.waivers ? readWaivers(resolve(req.waivers), catalog) : undefined;
  const baseline = req.baseline ? readBaseline(resolve(req.baseline)) : undefined;
  const outputDir = resolve(req.outputDir);
  await assertWritableDir(outputDir);
  const reports = req.files.map((file) => ({ file, report: readReport(resolve(file)) }));

  const owner = new Map<string, string>();
  for (const { file, report } of reports) {
    for (const a of accountsOf(report)) {
      const other = owner.get(a.id);
      if (other)
        throw new UsageError(`account ${a.id} is in both ${other} and ${file}; merge reports of disjoint account sets (one per shard)`);
      owner.set(a.id, file);
    }
  }
  assertShardsComplete(reports);
  const known = new Map(catalog.map((c) => [c.id, c]));
  const ran = new Set<string>();
  for (const { file, report } of reports) {
    for (const id of report.run.checks) {
      if (!known.has(id))
        throw new UsageError(`${file} ran check ${id}, which this srm-audit does not know; merge with the version that scanned`);
      ran.add(id);
    }
  }
  const frameworks = new Set(reports.map(({ report }) => report.run.framework));
  const sources = new Set(reports.map(({ report }) => report.run.source));
  const first = reports[0]!.report;
  const errors = reports.flatMap(({ report }) => report.run.errors.map((e) => ({ accountId: e.accountId ?? report.run.accountId, ...e })));
  // Findings in account order, each account's own order kept: what one organization run writes.
  const findings = reports.flatMap(({ report }) => report.findings.map(asScanned)).sort((a, b) => a.accountId.localeCompare(b.accountId));
  const now = req.now ?? new Date();
  const marks = marksOf(waiverFile, baseline, now.toISOString().slice(0, 10));
  for (const f of findings) markFinding(marks, f);
  const report = assembleOrganizationReport({
    startedAt: new Date(Math.min(...reports.map(({ report }) => Date.parse(report.run.startedAt)))),
    finishedAt: new Date(Math.max(...reports.map(({ report }) => Date.parse(report.run.finishedAt)))),
    callerAccountId: first.run.accountId,
    callerArn: first.run.callerArn,
    source: sources.size === 1 ? first.run.source : 'aws',
    ranChecks: catalog.filter((c) => ran.has(c.id)),
    catalog,
    findings,
    accounts: reports.flatMap(({ report }) => accountsOf(report)),
    errors,
    apiCalls: sumCalls(reports.map(({ report }) => report.run.apiCalls)),
    organization: {
      roleName: reports.find(({ report }) => report.run.organization)?.report.run.organization?.roleName ?? 'none',
      mergedReports: reports.length,
    },
    ...(frameworks.size === 1 && first.run.framework ? { framework: first.run.framework } : {}),
    marks,
  });
  const files = await writeRunReports(
    report,
    outputDir,
    reportBaseName(`org-${first.run.accountId}-merged`, report.run.startedAt),
    req.formats,
    req.keep,
  );
  return { report, files, attempts: 0, exitCode: exitCodeFor(report, req.failOn, req.failOnNew) };
}
