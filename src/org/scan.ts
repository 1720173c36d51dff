/**
 * An organization run: the caller's credentials list the accounts, each account is read through
 * its own assumed role with its own session (clients, rate limits, call counter) and its own
 * loader cache, accounts run side by side under --account-concurrency, and an account that
 * cannot be read is an account-level ERROR while the others go on.
 */
import { resolve } from 'node:path';
import pLimit from 'p-limit';
import { describeError } from '../aws/errors.js';
import { LoaderCache } from '../aws/loader.js';
import { regions as regionsLoader } from '../aws/loaders/ec2.js';
import { AwsSession } from '../aws/session.js';
import { runChecks, type RunError } from '../engine/runner.js';
import { UsageError } from '../errors.js';
import { readBaseline } from '../ops/baseline.js';
import { readWaivers } from '../ops/waivers.js';
import type { AccountError, AccountInfo, RunInfo } from '../report/model.js';
import { FindingSpool, type SpoolPart } from '../report/spool.js';
import { reportBaseName } from '../report/write.js';
import {
  assertWritableDir,
  exitCodeFor,
  identify,
  resolveHomeRegion,
  runChecksOf,
  validateRegionNames,
  writeRunReports,
  type ScanRequest,
  type ScanResult,
} from '../scan.js';
import { roleArnFor, roleCredentials } from './credentials.js';
import { assembleOrganizationReport, countsOf, markFinding, marksOf, sumCalls } from './report.js';
import { sliceOf, type Shard } from './shard.js';
import { resolveTargets, validateTargetRequest, type AccountTarget, type TargetRequest } from './targets.js';

export { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_ROLE_NAME } from './defaults.js';

export interface OrganizationRequest extends TargetRequest {
  roleName: string;
  externalId?: string;
  accountConcurrency: number;
  shard?: Shard;
}

export interface OrganizationScanRequest extends ScanRequest {
  org: OrganizationRequest;
}

interface AccountOutcome {
  info: AccountInfo;
  /** Its findings, marked with the run's waivers and baseline, in the spool. */
  findings: SpoolPart;
  errors: RunError[];
  apiCalls: RunInfo['apiCalls'];
  attempts: number;
}

function accountError(target: AccountTarget, errors: AccountError[], apiCalls: RunInfo['apiCalls']): AccountOutcome {
  return {
    info: { ...target, status: 'error', partial: true, errors, regions: [], counts: countsOf([]), apiCalls: apiCalls.total },
    findings: { findings: [] },
    errors: [],
    apiCalls,
    attempts: 0,
  };
}

/** Refuses what an organization run cannot do, before any AWS call. */
export function validateOrganizationRequest(req: OrganizationScanRequest): void {
  validateTargetRequest(req.org);
  if (req.record || req.replay || req.demo) {
    throw new UsageError('--record, --replay and --demo hold one account; they cannot be combined with --organization, --ou or --accounts');
  }
  if (!req.org.roleName.trim()) throw new UsageError('--role-name is empty; name the read-only audit role deployed in each account');
  if (/^OrganizationAccountAccessRole$/i.test(req.org.roleName.replace(/^.*\//, ''))) {
    req.log.warn(
      'OrganizationAccountAccessRole has AdministratorAccess: srm-audit only reads, but prefer the read-only role of deploy/member-role-stackset.yaml',
    );
  }
}

/** What the session of the caller (who lists the accounts and assumes their roles) is made from. */
export type CallerSettings = Pick<
  ScanRequest,
  | 'profile'
  | 'endpointUrl'
  | 'responder'
  | 'requestHandler'
  | 'transport'
  | 'rateLimits'
  | 'concurrency'
  | 'maxCalls'
  | 'requestTimeoutSeconds'
  | 'maxAnswerBytes'
>;

/**
 * The caller's session. The members' sessions are made from it (`forAccount`), so every setting
 * that bounds a call (deadline, answer size, calls in flight) must be here to reach them.
 */
export function callerSession(req: CallerSettings, homeRegion: string): AwsSession {
  return new AwsSession({
    profile: req.profile,
    endpointUrl: req.endpointUrl,
    homeRegion,
    responder: req.responder,
    requestHandler: req.requestHandler,
    transport: req.transport,
    rateLimits: req.rateLimits,
    concurrency: req.concurrency,
    callSlots: req.maxCalls,
    requestTimeoutSeconds: req.requestTimeoutSeconds,
    maxAnswerBytes: req.maxAnswerBytes,
  });
}

export async function scanOrganization(req: OrganizationScanRequest): Promise<ScanResult> {
  const { catalog, checks } = await runChecksOf(req);
  if (req.regions) validateRegionNames(req.regions);
  validateOrganizationRequest(req);
  if (req.failOnNew && !req.baseline) throw new UsageError('--fail-on-new needs --baseline (the previous JSON report to compare with)');
  const waiverFile = req.waivers ? readWaivers(resolve(req.waivers), catalog) : undefined;
  const baseline = req.baseline ? readBaseline(resolve(req.baseline)) : undefined;
  const outputDir = resolve(req.outputDir);
  await assertWritableDir(outputDir);

  const homeRegion = req.homeRegion ?? (await resolveHomeRegion(req.profile));
  const caller = callerSession(req, homeRegion);
  const startedAt = new Date();
  const bootstrap = new LoaderCache(caller, '', 'aws');
  const identity = await identify(bootstrap, req);
  const targets = sliceOf(await resolveTargets(bootstrap, req.org), req.org.shard);
  req.log.info({ accounts: targets.length, shard: req.org.shard, checks: checks.length }, 'organization scan starting');
  const now = req.now ?? startedAt;
  const marks = marksOf(waiverFile, baseline, startedAt.toISOString().slice(0, 10));
  // A finished account's findings go to disk: the run's memory grows with the accounts in flight.
  const spool = new FindingSpool();
  if (spool.fallback) req.log.warn(`${spool.fallback}; the findings are kept in memory`);

  const scanAccount = async (target: AccountTarget): Promise<AccountOutcome> => {
    const roleArn = roleArnFor(identity.partition, target.id, req.org.roleName);
    const credentials = roleCredentials(caller, identity.partition, roleArn, req.org.externalId);
    const session = caller.forAccount(target.id, credentials);
    try {
      return await scanWith(target, roleArn, credentials, session);
    } finally {
      // Nothing of a finished account's session is needed again: the peak then grows with the
      // accounts in flight, not with those done.
      session.close();
    }
  };

  const scanWith = async (
    target: AccountTarget,
    roleArn: string,
    credentials: ReturnType<typeof roleCredentials>,
    session: AwsSession,
  ): Promise<AccountOutcome> => {
    const calls = (): RunInfo['apiCalls'] => ({ total: session.calls.total, byOperation: session.calls.byOperation() });
    try {
      await credentials();
    } catch (error) {
      const info = describeError(error);
      return accountError(
        target,
        [{ action: 'sts:AssumeRole', code: info.code, message: `cannot assume ${roleArn}: ${info.message}` }],
        calls(),
      );
    }
    const cache = new LoaderCache(session, target.id, identity.partition);
    let regions = req.regions ? [...new Set(req.regions)] : undefined;
    if (!regions) {
      try {
        regions = (await cache.load(regionsLoader))
          .filter((r) => r.enabled)
          .map((r) => r.name)
          .sort();
      } catch (error) {
        const info = describeError(error);
        return accountError(
          target,
          [{ action: 'ec2:DescribeRegions', code: info.code, message: `cannot list the account's regions: ${info.message}` }],
          calls(),
        );
      }
    }
    const outcome = await runChecks(
      { checks, regions, concurrency: req.concurrency, options: req.options, now, accountScoped: true },
      cache,
      {
        log: req.log,
      },
    );
    req.log.debug({ account: target.id, calls: session.calls.total }, 'account finished');
    for (const f of outcome.findings) markFinding(marks, f);
    const held = spool.fallback;
    const findings = spool.add(outcome.findings);
    if (spool.fallback && !held) req.log.warn(`${spool.fallback}; the findings of the accounts still to finish are kept in memory`);
    return {
      info: {
        ...target,
        status: 'scanned',
        partial: outcome.errors.length > 0,
        errors: [],
        regions,
        counts: countsOf(outcome.findings),
        apiCalls: session.calls.total,
      },
      findings,
      errors: outcome.errors,
      apiCalls: calls(),
      attempts: session.calls.attempts,
    };
  };

  const limit = pLimit(Math.max(1, req.org.accountConcurrency));
  // In account order, whatever order they finish in: the report is the same on every run.
  const outcomes = await Promise.all(targets.map((t) => limit(() => scanAccount(t))));
  const finishedAt = new Date();
  req.log.debug({ ms: finishedAt.getTime() - startedAt.getTime(), accounts: outcomes.length }, 'checks finished');
  const report = assembleOrganizationReport({
    startedAt,
    finishedAt,
    callerAccountId: identity.accountId,
    callerArn: identity.arn,
    source: 'aws',
    ranChecks: checks,
    catalog,
    findings: spool.view(outcomes.map((o) => o.findings)),
    accounts: outcomes.map((o) => o.info),
    errors: outcomes.flatMap((o) => o.errors),
    apiCalls: sumCalls([{ total: caller.calls.total, byOperation: caller.calls.byOperation() }, ...outcomes.map((o) => o.apiCalls)]),
    organization: {
      roleName: req.org.roleName,
      ...(req.org.ou ? { ou: req.org.ou } : {}),
      ...(req.org.shard ? { shard: { index: req.org.shard.index, count: req.org.shard.count } } : {}),
    },
    framework: req.framework,
    marks,
  });
  const label = `org-${identity.accountId}${req.org.shard ? `-shard${req.org.shard.index}of${req.org.shard.count}` : ''}`;
  const files = await writeRunReports(report, outputDir, reportBaseName(label, report.run.startedAt), req.formats, req.keep);
  req.log.debug({ ms: Date.now() - finishedAt.getTime(), formats: req.formats }, 'reports written');
  return {
    report,
    files,
    attempts: caller.calls.attempts + outcomes.reduce((n, o) => n + o.attempts, 0),
    exitCode: exitCodeFor(report, req.failOn, req.failOnNew),
  };
}
