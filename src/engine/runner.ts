/**
 * Runs checks over regions with bounded concurrency, and turns whatever goes wrong
 * inside one check into ERROR findings for that check and region: the scan goes on,
 * and the run is marked partial.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { describeError, errorSentence } from '../aws/errors.js';
import { inTurn } from '../aws/slice.js';
import { loaderClosure, type Loader, type LoaderCache } from '../aws/loader.js';
import { loadedCheck, type CatalogEntry } from './catalog-entry.js';
import { scopeResource, type AnyCheck, type ResultOptions, type ResultSink } from './check.js';
import type { CheckOptions } from './options.js';
import { CATEGORIES, type Finding, type Resource, type Status } from './types.js';

export interface RunError {
  /** Organization runs: the account the error is in. */
  accountId?: string;
  checkId: string;
  region: string;
  resourceId: string;
  action?: string;
  code: string;
  kind: string;
  message: string;
}

export interface ScanPlan {
  /**
   * The checks, or catalog entries whose modules are still to load: each check starts once its
   * module is loaded, while later ones still load (the whole catalog takes about half a second,
   * and the first checks' reads, Access Advisor's chain among them, go meanwhile).
   */
  checks: ReadonlyArray<AnyCheck | CatalogEntry>;
  regions: readonly string[];
  concurrency: number;
  options: CheckOptions;
  /** The moment the data describes (see CheckContext.now). */
  now: Date;
  /**
   * Organization runs: finding ids and errors carry the account. The same check on a resource
   * without the account in its key (a region's setting, a bucket name) gives one finding per
   * account, and they must not share an id; single-account runs keep their ids as they were.
   */
  accountScoped?: boolean;
}

export interface ScanOutcome {
  findings: Finding[];
  errors: RunError[];
}

export function findingId(checkId: string, resource: Resource, region: string, accountId?: string): string {
  // The first 16 bytes in hex, written as a string of their own: `.digest('hex').slice(0, 32)`
  // gives a slice that keeps the whole 64-character digest alive (about 64 bytes more per
  // finding held until the reports are written).
  return createHash('sha256')
    .update(`${checkId}\u0000${resource.arn ?? resource.id}\u0000${region}${accountId === undefined ? '' : `\u0000${accountId}`}`)
    .digest()
    .toString('hex', 0, 16);
}

export interface RunHooks {
  log?: Logger;
  /** Called after each (check, region) task: done and total tasks. */
  onProgress?: (done: number, total: number) => void;
}

export async function runChecks(plan: ScanPlan, cache: LoaderCache, hooks: RunHooks = {}): Promise<ScanOutcome> {
  const findings: Finding[] = [];
  const errors: RunError[] = [];
  const shared = new SharedParts();
  const limit = pLimit(Math.max(1, plan.concurrency));
  const regionsOf = (check: Pick<AnyCheck, 'scope'>): readonly string[] => (check.scope === 'global' ? ['global'] : plan.regions);
  const total = plan.checks.reduce((n, c) => n + regionsOf('meta' in c ? c.meta : c).length, 0);
  // How many tasks still to finish may read each loader (directly or through another): at
  // none, its results are released, so a large account's reads do not outlive their checks.
  // Nothing is released while a check's module is still loading: that check may read any loader.
  const readers = new Map<Loader, number>();
  let loading = true;
  let failed: { error: unknown } | undefined;
  const running: Array<Promise<void>> = [];
  const release = (loader: Loader): void => {
    if (!loading && readers.get(loader) === 0) cache.release(loader);
  };
  let done = 0;
  const start = (check: AnyCheck): Array<Promise<void>> => {
    const closure = loaderClosure(Object.values(check.loaders as Record<string, Loader>));
    const regions = regionsOf(check);
    for (const loader of closure) readers.set(loader, (readers.get(loader) ?? 0) + regions.length);
    return regions.map((region) =>
      limit(async () => {
        try {
          // A check's module could not be loaded: the run fails, so nothing more is asked of AWS.
          if (failed) return;
          await runOne(check, region, plan, cache, shared, findings, errors, hooks.log);
        } finally {
          for (const loader of closure) {
            readers.set(loader, readers.get(loader)! - 1);
            release(loader);
          }
        }
        hooks.onProgress?.(++done, total);
      }),
    );
  };
  // In the plan's order (the catalog's: its tasks queue in that order), each as soon as its module
  // and those before it are loaded. A task's failure (a progress hook that throws) is the run's,
  // once every task has ended; it must not go unhandled while later modules load.
  for (const c of plan.checks) {
    try {
      for (const task of start(await loadedCheck(c))) {
        task.catch(() => undefined);
        running.push(task);
      }
    } catch (error) {
      failed ??= { error };
    }
  }
  loading = false;
  for (const loader of readers.keys()) release(loader);
  await Promise.all(running);
  // A check whose module could not be loaded is a broken installation, not a finding.
  if (failed) throw failed.error;
  findings.sort(compareFindings);
  errors.sort((a, b) => `${a.checkId}|${a.region}|${a.resourceId}`.localeCompare(`${b.checkId}|${b.region}|${b.resourceId}`));
  return { findings, errors };
}

async function runOne(
  check: AnyCheck,
  region: string,
  plan: ScanPlan,
  cache: LoaderCache,
  shared: SharedParts,
  findings: Finding[],
  errors: RunError[],
  log?: Logger,
): Promise<void> {
  const { accountId, partition } = cache;
  const emit = (status: Status, resource: Resource, message: string, opts: ResultOptions = {}): void => {
    const findingRegion = opts.region ?? region;
    findings.push({
      id: findingId(check.id, resource, findingRegion, plan.accountScoped ? accountId : undefined),
      checkId: check.id,
      title: check.title,
      status,
      severity: opts.severity ?? check.severity,
      category: check.category,
      responsibility: check.responsibility,
      service: check.service,
      region: findingRegion,
      accountId,
      resource: shared.resource(resource),
      message: shared.text(message),
      remediation: check.remediation,
      compliance: check.compliance,
      ...(opts.evidence ? { evidence: opts.evidence } : {}),
    });
  };
  const listError = (resource: Resource, error: unknown, opts: Pick<ResultOptions, 'region'> = {}): void => {
    const info = describeError(error);
    errors.push({
      ...(plan.accountScoped ? { accountId } : {}),
      checkId: check.id,
      region: opts.region ?? region,
      resourceId: resource.id,
      action: info.action,
      code: info.code,
      kind: info.kind,
      message: info.message,
    });
  };
  const reportError = (resource: Resource, error: unknown, opts: ResultOptions = {}): void => {
    const info = describeError(error);
    if (info.kind === 'internal') log?.error({ err: error, checkId: check.id, region }, 'check raised an internal error');
    const sentence = info.kind === 'internal' ? `internal error in the check: ${info.code}: ${info.message}` : errorSentence(info);
    emit('ERROR', resource, `Could not evaluate: ${sentence}`, opts);
    listError(resource, error, opts);
  };
  const result: ResultSink = {
    pass: (resource, message, opts) => emit('PASS', resource, message, opts),
    fail: (resource, message, opts) => emit('FAIL', resource, message, opts),
    notApplicable: (resource, message, opts) => emit('NOT_APPLICABLE', resource, message, opts),
    error: reportError,
    degraded: listError,
  };
  // A check can reach only the loaders it declares: they are all `load` holds. Answers reach it
  // in slices of the event loop (a chain's at once), so timers run between checks' work.
  const load = Object.fromEntries(
    Object.entries(check.loaders as Record<string, Loader>).map(([name, loader]) => [
      name,
      (...args: unknown[]) => {
        const answer = cache.load(loader, ...args);
        if (loader.chain) return answer;
        const handed = answer.then(inTurn);
        // As the cache's own promise is: a check that drops a read it started is not a crash.
        handed.catch(() => undefined);
        return handed;
      },
    ]),
  );
  try {
    await check.run({
      region,
      regions: plan.regions,
      accountId,
      partition,
      load,
      result,
      options: plan.options,
      now: plan.now,
      endpointSlots: cache.aws.endpointSlots,
    });
  } catch (error) {
    reportError(scopeResource(region, accountId, partition), error);
  }
}

/**
 * `text` as one flat string. A message built from parts (`${a} of ${b}: ${list}`) is held by
 * V8 as a tree of its parts, about 32 bytes a node; a large account keeps over a hundred
 * thousand findings, most with such a message, until the reports are written. Converting a
 * string to a number makes V8 flatten it in place, and the garbage collector then drops the
 * tree (the same trick as the `flatstr` package).
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/**
 * One copy of each message and resource the findings of a run repeat. Checks build their own
 * copy of a resource (its ARN a string of their own) and of a message for each finding, and a
 * large account's findings repeat both: the benchmark's large account gives 127,128 findings
 * with 7,035 distinct messages and 22,324 distinct resources. The findings are held until the
 * reports are written; with those parts held once each, the findings 10 s into that scan took
 * 21 MB (and the shared parts 7 MB) instead of 43 MB.
 *
 * A resource is shared only with one of the same fields in the same order, so the reports are
 * unchanged (a finding's resource is never modified once emitted).
 */
export class SharedParts {
  private readonly strings = new Map<string, string>();
  private readonly resources = new Map<string, Resource[]>();

  /** `value`, flat, as the first equal string given. */
  text(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    flat(value);
    this.strings.set(value, value);
    return value;
  }

  /** A copy of `resource` with flat strings, or an equal one (same fields, same order) given before. */
  resource(resource: Resource): Resource {
    const entries = Object.entries(resource);
    if (!entries.every(([, value]) => typeof value === 'string' || value === undefined)) return { ...resource };
    const key = resource.arn ?? resource.id;
    let same = this.resources.get(key);
    if (!same) this.resources.set(this.text(key), (same = []));
    for (const known of same) if (sameFields(known, entries)) return known;
    const copy = Object.fromEntries(
      entries.map(([field, value]) => [field, typeof value === 'string' ? this.text(value) : value]),
    ) as unknown as Resource;
    same.push(copy);
    return copy;
  }
}

function sameFields(known: Resource, entries: Array<[string, unknown]>): boolean {
  const keys = Object.keys(known);
  if (keys.length !== entries.length) return false;
  return entries.every(([key, value], i) => keys[i] === key && (known as unknown as Record<string, unknown>)[key] === value);
}

const categoryOrder = (c: string): number => CATEGORIES.indexOf(c as (typeof CATEGORIES)[number]);

function compareFindings(a: Finding, b: Finding): number {
  return (
    categoryOrder(a.category) - categoryOrder(b.category) ||
    a.checkId.localeCompare(b.checkId) ||
    a.region.localeCompare(b.region) ||
    a.resource.id.localeCompare(b.resource.id) ||
    a.status.localeCompare(b.status) ||
    a.id.localeCompare(b.id)
  );
}
