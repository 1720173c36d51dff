/**
 * One scan, start to finish: validate the request, open the seam (live, recording or
 * replaying), identify the caller, choose regions, run the checks, write the reports.
 * Anything that stops the run from starting is a UsageError (exit code 2).
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { CassetteFormatError, CassettePlayer, CassetteRecorder, readCassette, recordedRegions, type CassetteFile } from './aws/cassette.js';
import { describeError } from './aws/errors.js';
import { LoaderCache } from './aws/loader.js';
import { regions as regionsLoader, type RegionInfo } from './aws/loaders/ec2.js';
import { callerIdentity, type CallerIdentity } from './aws/loaders/sts.js';
import type { RateLimit } from './aws/rate-limit.js';
import { AwsSession, type Responder } from './aws/session.js';
import { loadedCheck, type CatalogEntry } from './engine/catalog-entry.js';
import { CATALOG_INDEX } from './engine/catalog-index.js';
import type { AnyCheck, CheckMeta } from './engine/check.js';
import type { CheckOptions } from './engine/options.js';
import { runChecks } from './engine/runner.js';
import { selectChecks, type Selection } from './engine/select.js';
import { severityRank, type Framework, type Severity } from './engine/types.js';
import { UsageError } from './errors.js';
import { applyBaseline, readBaseline } from './ops/baseline.js';
import { applyWaivers, readWaivers } from './ops/waivers.js';
import { renderAsffChunks } from './report/asff.js';
import { renderCsvChunks } from './report/csv.js';
import { renderHtmlChunks } from './report/html.js';
import { renderJsonChunks } from './report/json.js';
import { renderJunitChunks } from './report/junit.js';
import { renderMd } from './report/md.js';
import { isOpenFailure, SCHEMA_VERSION, summarize, type Findings, type Report, type ReportFinding } from './report/model.js';
import { renderOcsfChunks } from './report/ocsf.js';
import { renderSarifChunks } from './report/sarif.js';
import { buildComplianceViews, buildGrid } from './report/views.js';
import { reportBaseName, writeFileAtomic, writeReports, type Content } from './report/write.js';
import { DEMO_CASSETTE, toolVersion } from './util/package.js';
import { EXIT, EXTENSIONS, frameworkChecks, type Format } from './run-constants.js';
import { sdk } from './aws/sdk.js';
const { STSClient } = sdk<typeof import('@aws-sdk/client-sts')>('@aws-sdk/client-sts');

export { DEFAULT_FORMATS, EXIT, EXTENSIONS, FORMATS, frameworkChecks, type Format } from './run-constants.js';

/**
 * Each format's renderer. Every one that grows with the findings hands its text over in pieces,
 * made as they are written, so no report size makes one string (Markdown lists 50 rows at most).
 */
export const RENDERERS: Record<Format, (r: Report) => Content> = {
  json: renderJsonChunks,
  html: renderHtmlChunks,
  csv: renderCsvChunks,
  ocsf: renderOcsfChunks,
  asff: renderAsffChunks,
  sarif: renderSarifChunks,
  junit: renderJunitChunks,
  md: renderMd,
};
export interface ScanRequest {
  profile?: string;
  regions?: string[];
  selection: Selection;
  outputDir: string;
  formats: Format[];
  concurrency: number;
  /** AWS calls inside the SDK at once (--max-calls; default DEFAULT_MAX_CALLS). */
  maxCalls?: number;
  /** Seconds an AWS call's attempt may take (default 30). */
  requestTimeoutSeconds?: number;
  /** The largest AWS answer read, in bytes (default 64 MiB). */
  maxAnswerBytes?: number;
  endpointUrl?: string;
  failOn: Severity | 'none';
  /** Exit 1 only for failures the baseline did not have. */
  failOnNew?: boolean;
  /** Limit the run to the checks mapped to this framework, and the compliance views to it. */
  framework?: Framework;
  /** A previous JSON report to compare with. */
  baseline?: string;
  /** A waivers YAML file. */
  waivers?: string;
  /** Keep only this many timestamped reports per format (and account) in the output directory. */
  keep?: number;
  record?: string;
  replay?: string;
  demo?: boolean;
  options: CheckOptions;
  log: Logger;
  onProgress?: (done: number, total: number) => void;
  /** Tests only: a stand-in HTTP handler, so that nothing can reach the network. */
  requestHandler?: unknown;
  /** Answers calls at the seam instead of AWS (the demo builder). */
  responder?: Responder;
  /** Answers calls below the SDK's retry and signing instead of AWS (the benchmark). */
  transport?: Responder;
  rateLimits?: Partial<Record<string, RateLimit>>;
  /** Region for global services when no cassette sets it. */
  homeRegion?: string;
  /** The moment the data describes when it is not a replay (the demo builder's fixed date). */
  now?: Date;
  catalog?: readonly AnyCheck[];
}

/** A run's result; an account's scan holds its findings in an array, an organization's in a spool. */
export interface ScanResult<F extends Findings = Findings> {
  report: Report<F>;
  /** HTTP attempts, retries included (report.run.apiCalls counts calls). */
  attempts: number;
  files: string[];
  cassette?: string;
  exitCode: number;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function validateRegionNames(names: readonly string[]): void {
  for (const name of names) {
    if (!REGION_NAME.test(name)) {
      throw new UsageError(`"${name}" is not an AWS region name (expected something like eu-west-1); check --regions`);
    }
  }
}

/** Region for global services, as the AWS CLI picks it: env, then the profile, then us-east-1. */
export async function resolveHomeRegion(profile?: string): Promise<string> {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  try {
    const probe = new STSClient(profile ? { profile } : {});
    const region = await probe.config.region();
    probe.destroy();
    if (region) return region;
  } catch {
    // no region configured anywhere: the global endpoints answer from us-east-1
  }
  return 'us-east-1';
}

function loadCassette(path: string): CassetteFile {
  try {
    return readCassette(path);
  } catch (error) {
    if (error instanceof CassetteFormatError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The reports can be written to `dir`: it is a writable directory, or the nearest folder that
 * exists above it is (the reports' writer makes the rest). Nothing is created here, so a run
 * refused later (bad replay file, no credentials) leaves no trace.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new UsageError(`cannot write reports to ${dir}: ${why}; choose another --output-dir`);
  };
  let probe = dir;
  for (;;) {
    try {
      const info = await stat(probe);
      if (!info.isDirectory()) refuse(probe === dir ? 'it is not a directory' : `${probe} is not a directory`);
      break;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const parent = dirname(probe);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === probe) refuse((error as Error).message.split('\n')[0]!);
      probe = parent;
    }
  }
  try {
    await access(probe, constants.W_OK | constants.X_OK);
  } catch (error) {
    refuse(`${probe} is not writable (${(error as NodeJS.ErrnoException).code ?? 'EACCES'})`);
  }
}

/**
 * The cassette can be written to `file` once the scan ends (temp file beside it, then rename):
 * checked before any AWS call, so a mistake is not found after a whole scan. Creates nothing.
 */
async function assertRecordable(file: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new UsageError(`cannot record to ${file}: ${why}; choose another --record path`);
  };
  try {
    if ((await stat(file)).isDirectory()) refuse('it is a directory');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') refuse((error as Error).message.split('\n')[0]!);
  }
  const dir = dirname(file);
  try {
    if (!(await stat(dir)).isDirectory()) refuse(`${dir} is not a directory`);
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    refuse(code === 'ENOENT' || code === 'ENOTDIR' ? `the folder ${dir} does not exist` : `${dir} is not writable (${code ?? 'EACCES'})`);
  }
}

export async function identify(cache: LoaderCache, req: Pick<ScanRequest, 'profile' | 'endpointUrl'>): Promise<CallerIdentity> {
  try {
    return await cache.load(callerIdentity);
  } catch (error) {
    const info = describeError(error);
    if (
      /CredentialsProviderError|CredentialsError|TokenProviderError/.test(info.code) ||
      /Could not load credentials/i.test(info.message)
    ) {
      throw new UsageError(
        req.profile
          ? `no AWS credentials found for the profile "${req.profile}": run \`aws configure --profile ${req.profile}\` (or \`aws sso login --profile ${req.profile}\`) and scan again`
          : 'no AWS credentials found: set AWS_PROFILE or pass --profile (after `aws configure` or `aws sso login`), or try `srm-audit scan --demo`',
      );
    }
    if (/ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient|InvalidAccessKeyId|AccessDenied/.test(info.code)) {
      throw new UsageError(
        `AWS rejected the credentials (${info.code}: ${info.message}); refresh them (e.g. \`aws sso login\`) and run again`,
      );
    }
    if (info.kind === 'timed-out') {
      const where = req.endpointUrl ? ` at ${req.endpointUrl}` : '';
      throw new UsageError(
        `sts:GetCallerIdentity${where} timed out: ${info.message}; check the network or endpoint, or raise --request-timeout`,
      );
    }
    if (info.code === 'CassetteMiss')
      throw new UsageError(`the replay file has no sts:GetCallerIdentity answer, so the account is unknown`);
    const where = req.endpointUrl ? ` at ${req.endpointUrl}` : '';
    throw new UsageError(`cannot identify the caller with sts:GetCallerIdentity${where}: ${info.code}: ${info.message}`);
  }
}

/**
 * The regions to scan: those given (each must exist in the partition, be enabled for the
 * account, and, in a replay, be recorded in the cassette), or every enabled region (in a replay,
 * every enabled region the cassette recorded).
 */
async function chooseRegions(cache: LoaderCache, req: ScanRequest, recorded?: ReadonlySet<string>): Promise<string[]> {
  let known: RegionInfo[] | undefined;
  try {
    known = await cache.load(regionsLoader);
  } catch (error) {
    const info = describeError(error);
    if (!req.regions?.length) {
      throw new UsageError(`cannot list the account's regions (ec2:DescribeRegions: ${info.code}); pass --regions explicitly`);
    }
    req.log.warn({ code: info.code }, 'ec2:DescribeRegions failed; scanning the regions given without checking them');
  }
  if (!req.regions?.length) {
    const enabled = (known ?? [])
      .filter((r) => r.enabled && (!recorded || recorded.has(r.name)))
      .map((r) => r.name)
      .sort();
    if (enabled.length === 0) throw new UsageError('ec2:DescribeRegions returned no enabled region; pass --regions explicitly');
    return enabled;
  }
  const byName = new Map((known ?? []).map((r) => [r.name, r]));
  for (const name of req.regions) {
    const info = byName.get(name);
    if (info && !info.enabled) {
      throw new UsageError(
        `region "${name}" is not enabled for this account (an opt-in region that is not opted in): enable it in the account's Regions settings, or leave it out of --regions`,
      );
    }
    if (known?.length && !info) {
      throw new UsageError(`unknown region "${name}": this account's partition has no such region; check --regions`);
    }
    // A replay can only answer what was recorded.
    if (recorded && !recorded.has(name)) {
      throw new UsageError(
        `region "${name}" is not recorded in this cassette (it holds ${[...recorded].sort().join(', ') || 'no region'}); choose from those in --regions`,
      );
    }
  }
  return [...new Set(req.regions)];
}

/**
 * 1 when an unwaived FAIL at or above `failOn` exists (with `failOnNew`, only one the
 * baseline did not have); else 3 for a partial run; else 0.
 */
export function exitCodeFor(report: Report, failOn: Severity | 'none', failOnNew = false): number {
  if (failOn !== 'none') {
    const threshold = severityRank(failOn);
    const counts = (f: ReportFinding): boolean =>
      isOpenFailure(f) && severityRank(f.severity) >= threshold && (!failOnNew || f.baseline === 'new');
    for (const f of report.findings) if (counts(f)) return EXIT.FAILED;
  }
  return report.run.partial ? EXIT.PARTIAL : EXIT.OK;
}

/**
 * Each format of `report` under `<base>.<ext>` in `dir`, then `latest.*` as one set (write.ts);
 * the files written. Deduplicates the formats (`--format json,json` writes once).
 */
export async function writeRunReports(
  report: Report,
  dir: string,
  base: string,
  formats: readonly Format[],
  keep?: number,
): Promise<string[]> {
  return writeReports(
    dir,
    base,
    [...new Set(formats)].map((format) => ({ ext: EXTENSIONS[format], content: RENDERERS[format](report) })),
    { keep, knownExtensions: Object.values(EXTENSIONS) },
  );
}

/** The waves double up to this size; the next takes every check left. */
const FIRST_WAVES = 16;

/**
 * The checks a run executes and the catalog its views and waivers read. Without a catalog of its
 * own (tests, the benchmark), a run imports only the checks it runs: their imports start here, and
 * `checks` holds each as a catalog entry whose module is loading (the runner starts each check as
 * its module arrives); `ran` is their metadata.
 */
export function plannedChecksOf(req: Pick<ScanRequest, 'catalog' | 'selection' | 'framework'>): {
  catalog: readonly CheckMeta[];
  ran: readonly CheckMeta[];
  checks: ReadonlyArray<AnyCheck | CatalogEntry>;
} {
  if (req.catalog) {
    const checks = frameworkChecks(selectChecks(req.catalog, req.selection), req.framework);
    return { catalog: req.catalog, ran: checks, checks };
  }
  const chosen = frameworkChecks(
    selectChecks(CATALOG_INDEX, req.selection, (e) => e.meta),
    req.framework,
    (e) => e.meta,
  );
  // Imported in waves of doubling size, in catalog order: imported all at once, no module is
  // evaluated before nearly all are read, and the first checks would start only when the last
  // is loaded; one at a time, the last would wait for a turn of the event loop per module.
  const entries: CatalogEntry[] = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (let from = 0, size = 1; from < chosen.length; from += size, size = size >= FIRST_WAVES ? chosen.length : size * 2) {
    const wave = chosen.slice(from, from + size);
    const after = previous;
    const modules = wave.map((e) => after.then(() => e.load()));
    // Read by the runner; a run refused before it starts must not leave a rejection unhandled.
    previous = Promise.allSettled(modules);
    wave.forEach((e, i) => entries.push({ meta: e.meta, load: () => modules[i]! }));
  }
  return { catalog: CATALOG_INDEX.map((e) => e.meta), ran: entries.map((e) => e.meta), checks: entries };
}

/** The same, with every check's module loaded. */
export async function runChecksOf(
  req: Pick<ScanRequest, 'catalog' | 'selection' | 'framework'>,
): Promise<{ catalog: readonly CheckMeta[]; checks: AnyCheck[] }> {
  const { catalog, checks } = plannedChecksOf(req);
  return { catalog, checks: await Promise.all(checks.map(loadedCheck)) };
}

export async function scan(req: ScanRequest): Promise<ScanResult<ReportFinding[]>> {
  const { catalog, ran, checks } = plannedChecksOf(req);
  if (req.regions) validateRegionNames(req.regions);
  if (req.record && (req.replay || req.demo)) throw new UsageError('--record cannot be combined with --replay or --demo');
  if (req.replay && req.demo) throw new UsageError('--demo replays the bundled cassette; do not combine it with --replay');
  if (req.failOnNew && !req.baseline) throw new UsageError('--fail-on-new needs --baseline (the previous JSON report to compare with)');
  // Both files are read before any AWS call, so a mistake in them costs nothing.
  const waiverFile = req.waivers ? readWaivers(resolve(req.waivers), catalog) : undefined;
  const baseline = req.baseline ? readBaseline(resolve(req.baseline)) : undefined;
  const outputDir = resolve(req.outputDir);
  await assertWritableDir(outputDir);
  if (req.record) await assertRecordable(resolve(req.record));
  // One file per format, however often it is named (--format json,json).
  const formats = [...new Set(req.formats)];

  const cassettePath = req.demo ? DEMO_CASSETTE() : req.replay;
  const cassette = cassettePath ? loadCassette(cassettePath) : undefined;
  const recorder = req.record ? new CassetteRecorder() : undefined;
  const homeRegion = cassette?.homeRegion ?? req.homeRegion ?? (await resolveHomeRegion(req.profile));
  const session = new AwsSession({
    profile: req.profile,
    endpointUrl: req.endpointUrl,
    homeRegion,
    responder: req.responder ?? (cassette ? new CassettePlayer(cassette).respond : undefined),
    recorder,
    requestHandler: req.requestHandler,
    transport: req.transport,
    rateLimits: req.rateLimits,
    requestTimeoutSeconds: req.requestTimeoutSeconds,
    maxAnswerBytes: req.maxAnswerBytes,
    concurrency: req.concurrency,
    callSlots: req.maxCalls,
  });

  const startedAt = new Date();
  const bootstrap = new LoaderCache(session, '', 'aws');
  const identity = await identify(bootstrap, req);
  const regions = await chooseRegions(bootstrap, req, cassette && !req.responder ? recordedRegions(cassette) : undefined);
  if (baseline && baseline.accountId !== identity.accountId) {
    throw new UsageError(
      `the baseline ${baseline.file} is a report of account ${baseline.accountId}, not ${identity.accountId}; pass a report of this account`,
    );
  }
  req.log.info({ account: identity.accountId, regions, checks: checks.length }, 'scan starting');

  const cache = new LoaderCache(session, identity.accountId, identity.partition);
  try {
    const now = cassette ? new Date(cassette.recordedAt) : (req.now ?? startedAt);
    const outcome = await runChecks({ checks, regions, concurrency: req.concurrency, options: req.options, now }, cache, {
      log: req.log,
      onProgress: req.onProgress,
    });
    const finishedAt = new Date();
    req.log.debug({ ms: finishedAt.getTime() - startedAt.getTime(), calls: session.calls.total }, 'checks finished');
    const findings: ReportFinding[] = outcome.findings;
    const ranChecks = ran.map((c) => c.id);
    // Waivers are about today's date, not the date a replayed recording describes.
    const waivers = waiverFile ? applyWaivers(findings, waiverFile, startedAt.toISOString().slice(0, 10)) : undefined;
    const baselineInfo = baseline ? applyBaseline(findings, baseline, { checks: ranChecks, regions }) : undefined;
    const report: Report<ReportFinding[]> = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'srm-audit', version: toolVersion() },
      run: {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        accountId: identity.accountId,
        callerArn: identity.arn,
        regions,
        source: req.demo ? 'demo' : cassette ? 'replay' : 'aws',
        // A replay describes the account as it was when recorded; ages are computed as of then.
        ...(cassette ? { recordedAt: new Date(cassette.recordedAt).toISOString() } : {}),
        checks: ranChecks,
        partial: outcome.errors.length > 0,
        apiCalls: { total: session.calls.total, byOperation: session.calls.byOperation() },
        errors: outcome.errors,
        ...(req.framework ? { framework: req.framework } : {}),
      },
      summary: summarize(findings),
      findings,
      ...(baselineInfo ? { baseline: baselineInfo } : {}),
      ...(waivers ? { waivers } : {}),
      views: { grid: buildGrid(ran, findings), compliance: buildComplianceViews(catalog, ranChecks, findings, req.framework) },
    };
    const files = await writeRunReports(report, outputDir, reportBaseName(identity.accountId, report.run.startedAt), formats, req.keep);
    req.log.debug({ ms: Date.now() - finishedAt.getTime(), formats }, 'reports written');
    return {
      report,
      files,
      attempts: session.calls.attempts,
      cassette: req.record,
      exitCode: exitCodeFor(report, req.failOn, req.failOnNew),
    };
  } finally {
    if (recorder && req.record) {
      const file = recorder.toFile(homeRegion, req.now ?? startedAt, { regions });
      await writeFileAtomic(resolve(req.record), `${JSON.stringify(file, null, 1)}\n`);
    }
  }
}
