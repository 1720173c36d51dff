#!/usr/bin/env node
/** Commands and options only: the work is in scan.ts, the catalog and the reporters. */
import { readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Logger } from 'pino';
import { loadEntries } from './engine/catalog-entry.js';
import { CATALOG_INDEX } from './engine/catalog-index.js';
import { selectChecks, type Selection } from './engine/select.js';
import { CATEGORIES, FRAMEWORKS, SEVERITIES, type Framework, type Severity } from './engine/types.js';
import { UsageError } from './errors.js';
import { DEMO_OPTIONS } from './demo-options.js';
// The scan, the policy builder and the checks' code are imported when a command needs them, so
// `--version`, `--help` and `list-checks` start without loading the SDK.
import {
  CONFIG_FILE_NAME,
  CONNECT_TIMEOUT_MS,
  DEFAULT_FORMATS,
  DEFAULT_MAX_ANSWER_MIB,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  EXIT,
  FORMATS,
  frameworkChecks,
  type Format,
  DEFAULT_MAX_CALLS,
} from './run-constants.js';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_ROLE_NAME } from './org/defaults.js';
import { parseShard, shardFromEnv } from './org/shard.js';
import type { ScanResult } from './scan.js';
import { boundHeapGrowth } from './util/heap.js';
import { toolVersion } from './util/package.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is drawn only there). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Tests only: where logs go (defaults to stderr). */
  logDestination?: NodeJS.WritableStream;
  requestHandler?: unknown;
  /** Tests only: where the default config file is looked for (defaults to process.cwd()). */
  cwd?: string;
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * A list option given but empty (`--regions ""`) would silently mean "all": refuse it; so is an
 * empty name inside it (`a,,b`), most likely a name lost in editing.
 */
function names(value: string): string[] {
  const chosen = list(value);
  if (chosen.length === 0) throw new InvalidArgumentError('name at least one (comma-separated).');
  if (chosen.length !== value.split(',').length) {
    throw new InvalidArgumentError('it has an empty name (two commas in a row, or a comma at an end); name each one.');
  }
  return chosen;
}

/**
 * The profiles the AWS config and credentials files define, read the way the SDK and the AWS CLI
 * find them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/). The SDK reports an unknown
 * profile only as "could not load credentials", so the name is checked here, as the AWS CLI does.
 */
function profileFiles(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

function definedProfiles(env: NodeJS.ProcessEnv): Set<string> {
  const files = profileFiles(env);
  const found = new Set<string>();
  const sections = (file: string): string[] => {
    try {
      return [...readFileSync(file, 'utf8').matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)].map((m) => m[1]!);
    } catch {
      return [];
    }
  };
  for (const section of sections(files.config)) {
    if (section === 'default') found.add(section);
    else if (section.startsWith('profile ')) found.add(section.slice('profile '.length).trim());
  }
  for (const section of sections(files.credentials)) found.add(section);
  return found;
}

function assertProfileExists(profile: string, env: NodeJS.ProcessEnv): void {
  if (definedProfiles(env).has(profile)) return;
  const { config, credentials } = profileFiles(env);
  throw new UsageError(
    `the profile "${profile}" (from --profile or AWS_PROFILE) is not defined in ${config} or ${credentials}; \`aws configure list-profiles\` lists the profiles, \`aws configure --profile ${profile}\` creates it`,
  );
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4096) throw new InvalidArgumentError('expected a whole number from 1 to 4096.');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError('expected a number of seconds above 0, at most 3600.');
  return n;
}

function keepCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of reports to keep, 1 or more.');
  return n;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function formats(value: string): Format[] {
  const chosen = list(value);
  for (const f of chosen) {
    if (!FORMATS.includes(f as Format)) throw new InvalidArgumentError(`unknown format "${f}"; use ${FORMATS.join(', ')}.`);
  }
  if (chosen.length === 0) throw new InvalidArgumentError('name at least one format.');
  return chosen as Format[];
}

interface SelectionFlags {
  checks?: string[];
  excludeChecks?: string[];
  category?: string[];
}
const selectionOf = (o: SelectionFlags): Selection => ({ checks: o.checks, excludeChecks: o.excludeChecks, categories: o.category });

function addSelectionOptions(cmd: Command): Command {
  return cmd
    .option('--checks <ids>', 'only these check ids (comma-separated)', names)
    .option('--exclude-checks <ids>', 'skip these check ids (comma-separated)', names)
    .option('--category <names>', `only these categories: ${CATEGORIES.join(', ')}`, names);
}

async function makeLogger(level: string, io: Io): Promise<Logger> {
  const { pino } = await import('pino');
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, io.logDestination ?? pino.destination(2));
}

function progressPrinter(io: Io): ((done: number, total: number) => void) | undefined {
  if (!io.isTTY) return undefined;
  return (done, total) => io.stderr(`\rscanning: ${done}/${total} check-region tasks${done === total ? '\n' : ''}`);
}

/** The lines a scan or a merge prints: what was read, the counts, the files written. */
function printRunSummary(io: Io, result: ScanResult): void {
  const { summary, run, accounts } = result.report;
  const unreadable = accounts?.filter((a) => a.status === 'error').length ?? 0;
  const shard = run.organization?.shard;
  const scope = accounts
    ? `organization (caller ${run.accountId}), ${accounts.length} account(s)${unreadable ? ` (${unreadable} could not be read)` : ''}${shard ? `, shard ${shard.index}/${shard.count}` : ''}`
    : `account ${run.accountId}`;
  io.stdout(
    `srm-audit: ${scope}, ${run.regions.length} region(s), ${run.checks.length} check(s), ${run.apiCalls.total} API calls\n` +
      `  ${summary.byStatus.FAIL} FAIL${summary.waived ? ` (${summary.waived} waived)` : ''}, ${summary.byStatus.PASS} PASS, ${summary.byStatus.ERROR} ERROR, ${summary.byStatus.NOT_APPLICABLE} NOT_APPLICABLE${run.partial ? ' (partial run)' : ''}\n` +
      (result.report.baseline
        ? `  since the baseline: ${result.report.baseline.counts.new} new, ${result.report.baseline.counts.persisting} persisting, ${result.report.baseline.counts.resolved} resolved, ${result.report.baseline.counts.notRechecked} not re-checked\n`
        : '') +
      (result.report.waivers?.expired.length || result.report.waivers?.stale.length
        ? `  waivers: ${result.report.waivers.expired.length} expired, ${result.report.waivers.stale.length} stale (see the report)\n`
        : '') +
      (accounts ?? [])
        .filter((a) => a.status === 'error')
        .map((a) => `  account ${a.id}: ERROR ${a.errors.map((e) => `${e.action ?? ''} ${e.code}: ${e.message}`).join('; ')}\n`)
        .join('') +
      result.files.map((f) => `  wrote ${f}\n`).join('') +
      (result.cassette ? `  recorded ${result.cassette}\n` : ''),
  );
}

interface OrganizationFlags {
  organization?: boolean;
  ou?: string;
  accounts?: string[];
  roleName: string;
  externalId?: string;
  accountConcurrency: number;
  shard?: string;
}

const isOrganizationRun = (o: Partial<OrganizationFlags>): boolean => !!(o.organization || o.ou || o.accounts);

function organizationRequest(o: OrganizationFlags, env: NodeJS.ProcessEnv) {
  return {
    organization: !!o.organization,
    ou: o.ou,
    accounts: o.accounts,
    roleName: o.roleName,
    externalId: o.externalId,
    accountConcurrency: o.accountConcurrency,
    shard: o.shard ? parseShard(o.shard) : shardFromEnv(env),
  };
}

function addOrganizationOptions(cmd: Command): Command {
  return cmd
    .option('--organization', "scan the organization's ACTIVE accounts (from its management account or a delegated administrator)")
    .option('--ou <id>', 'only the accounts under this OU (recursively)')
    .option('--accounts <ids>', 'exactly these account ids (comma-separated)', names)
    .option(
      '--role-name <name>',
      `the read-only audit role assumed in each account (see deploy/member-role-stackset.yaml)`,
      DEFAULT_ROLE_NAME,
    )
    .addOption(new Option('--external-id <id>', 'the external id the member role requires').env('SRM_AUDIT_EXTERNAL_ID'));
}

/** `org plan` and `merge`; the work is in src/org/. */
function addOrganizationCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  addOrganizationOptions(program.command('org').description('organization helpers (see `org plan --help`)').command('plan'))
    .description('print the accounts an organization scan would cover, as JSON (the input of a CI matrix or a Step Functions map)')
    .addOption(new Option('--profile <name>', 'named profile from the AWS config files').env('AWS_PROFILE'))
    .addOption(new Option('--endpoint-url <url>', 'send every AWS call to this endpoint').env('AWS_ENDPOINT_URL'))
    .option('--shards <n>', 'also deal the accounts into n shards, each with its --shard and --accounts values', positiveInt)
    .action(async (o) => {
      if (!isOrganizationRun(o)) throw new UsageError('org plan needs --organization, --ou or --accounts');
      if (o.profile) assertProfileExists(o.profile, process.env);
      const { planOrganization } = await import('./org/plan.js');
      const plan = await planOrganization({
        organization: !!o.organization,
        ou: o.ou,
        accounts: o.accounts,
        shards: o.shards,
        profile: o.profile,
        endpointUrl: o.endpointUrl,
        requestHandler: io.requestHandler,
      });
      io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    });

  program
    .command('merge')
    .description('fold the JSON reports of shards into one organization report (JSON, HTML and any --format)')
    .argument('<reports...>', 'JSON reports written by `scan` (one per shard)')
    .option('--output-dir <dir>', 'where the merged reports are written', io.env.SRM_AUDIT_OUTPUT_DIR || './reports')
    .option('--format <formats>', `report formats: ${FORMATS.join(', ')}`, formats, [...DEFAULT_FORMATS])
    .option('--baseline <file>', 'a previous organization JSON report: mark findings new, persisting or resolved')
    .option('--fail-on-new', 'with --baseline: exit 1 only for new failures', false)
    .option('--waivers <file>', 'a waivers YAML file, applied across every account')
    .option('--keep <n>', 'keep only the N newest merged reports per format in --output-dir', keepCount)
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a FAIL at or above this severity exists')
        .choices([...SEVERITIES, 'none'])
        .default('low'),
    )
    .action(async (files: string[], o) => {
      const { mergeReports } = await import('./org/merge.js');
      const result = await mergeReports({
        files,
        outputDir: o.outputDir,
        formats: o.format,
        failOn: o.failOn,
        failOnNew: o.failOnNew,
        baseline: o.baseline,
        waivers: o.waivers,
        keep: o.keep,
      });
      printRunSummary(io, result);
      setExit(result.exitCode);
    });
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('srm-audit')
    .description('Audits the customer half of the AWS shared responsibility model on a live account, read-only.')
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) =>
        write(
          `srm-audit: ${s
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')}\n`,
        ),
    })
    .exitOverride();

  const scanCmd = program
    .command('scan')
    .description('scan the account and write JSON and HTML reports')
    .addOption(new Option('--profile <name>', 'named profile from the AWS config files').env('AWS_PROFILE'))
    .option('--regions <names>', 'regions to scan (comma-separated; default: every region enabled for the account)', names)
    .option('--output-dir <dir>', 'where reports are written', io.env.SRM_AUDIT_OUTPUT_DIR || './reports')
    .option('--format <formats>', `report formats: ${FORMATS.join(', ')}`, formats, [...DEFAULT_FORMATS])
    .option(
      '--concurrency <n>',
      'check × region tasks run at once (AWS calls are bounded per client and rate-limited per API anyway)',
      positiveInt,
      256,
    )
    .option(
      '--max-calls <n>',
      'AWS calls built and signed at once, services served in turn (a quarter of it per service and region on the network)',
      positiveInt,
      DEFAULT_MAX_CALLS,
    )
    .option(
      '--request-timeout <seconds>',
      `seconds an AWS call may take to answer, per attempt (connecting: at most ${CONNECT_TIMEOUT_MS / 1000} of them)`,
      seconds,
      DEFAULT_REQUEST_TIMEOUT_SECONDS,
    )
    .option(
      '--max-answer-size <MiB>',
      'the largest AWS answer read; a larger one is an ERROR naming the call',
      positiveInt,
      DEFAULT_MAX_ANSWER_MIB,
    )
    .option('--config <file>', `config file (default: ./${CONFIG_FILE_NAME} when present); command-line options override it`)
    .option('--set <key=value>', 'override a check option, e.g. --set adminPorts=22,3389 (repeatable)', collect)
    .addOption(
      new Option('--framework <key>', 'only checks mapped to this framework, and only its compliance view').choices([...FRAMEWORKS]),
    )
    .option('--baseline <file>', 'a previous JSON report: mark findings new, persisting or resolved')
    .option('--fail-on-new', 'with --baseline: exit 1 only for new failures', false)
    .option('--waivers <file>', 'a waivers YAML file (check, resources, reason, owner, expires)')
    .option('--keep <n>', 'keep only the N newest timestamped reports per format in --output-dir', keepCount)
    .addOption(
      new Option('--endpoint-url <url>', 'send every AWS call to this endpoint (LocalStack-style emulators)').env('AWS_ENDPOINT_URL'),
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a FAIL at or above this severity exists')
        .choices([...SEVERITIES, 'none'])
        .default('low'),
    )
    .addOption(
      new Option('--log-level <level>', 'structured log level on stderr')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default(io.env.SRM_AUDIT_LOG_LEVEL || 'warn'),
    )
    .option('--record <file>', 'record every AWS response to this cassette file')
    .option('--replay <file>', 'replay AWS responses from this cassette file (no network)')
    .option('--demo', 'scan the bundled demo account (no AWS credentials needed)', false);
  addOrganizationOptions(scanCmd)
    .option('--account-concurrency <n>', 'member accounts scanned at once', positiveInt, DEFAULT_ACCOUNT_CONCURRENCY)
    .option(
      '--shard <i/n>',
      'scan slice i of n of the accounts (1-based); without it, AWS_BATCH_JOB_ARRAY_INDEX/_SIZE or JOB_COMPLETION_INDEX/SRM_AUDIT_SHARD_COUNT name the slice',
    );
  addSelectionOptions(scanCmd).action(async (o) => {
    if (o.endpointUrl) {
      try {
        new URL(o.endpointUrl);
      } catch {
        throw new UsageError(`--endpoint-url "${o.endpointUrl}" is not a URL (expected e.g. http://localhost:4566)`);
      }
    }
    // The SDK reads the profile files from the process environment, so the check does too.
    if (o.profile && !o.demo && !o.replay) assertProfileExists(o.profile, process.env);
    const { loadConfig, parseSetting, resolveCheckOptions } = await import('./ops/config.js');
    const config = loadConfig(o.config, io.cwd ?? process.cwd(), FORMATS);
    // A value given on the command line wins over the config file, which wins over the default.
    const pick = <T>(name: string, fromConfig: T | undefined): T =>
      (scanCmd.getOptionValueSource(name) === 'default' || scanCmd.getOptionValueSource(name) === undefined) && fromConfig !== undefined
        ? fromConfig
        : (o[name] as T);
    const cliSettings: Record<string, unknown> = {};
    for (const setting of (o.set as string[] | undefined) ?? []) parseSetting(setting, cliSettings);
    const log = await makeLogger(o.logLevel, io);
    const request = {
      profile: o.profile,
      regions: pick('regions', config.regions),
      selection: selectionOf({
        checks: pick('checks', config.checks),
        excludeChecks: pick('excludeChecks', config.excludeChecks),
        category: pick('category', config.category),
      }),
      outputDir: pick('outputDir', config.outputDir),
      formats: pick('format', config.format as Format[] | undefined),
      concurrency: pick('concurrency', config.concurrency),
      maxCalls: pick('maxCalls', config.maxCalls),
      requestTimeoutSeconds: pick('requestTimeout', config.requestTimeout),
      maxAnswerBytes: pick<number>('maxAnswerSize', config.maxAnswerSize) * 1024 * 1024,
      endpointUrl: o.endpointUrl,
      failOn: pick('failOn', config.failOn) as Severity | 'none',
      failOnNew: pick('failOnNew', config.failOnNew),
      framework: pick('framework', config.framework) as Framework | undefined,
      baseline: pick('baseline', config.baseline),
      waivers: pick('waivers', config.waivers),
      keep: pick('keep', config.keep),
      record: o.record,
      replay: o.replay,
      demo: o.demo,
      options: resolveCheckOptions({ ...(o.demo ? DEMO_OPTIONS : {}), ...config.options }, cliSettings),
      log,
      onProgress: progressPrinter(io),
      requestHandler: io.requestHandler,
    };
    const result: ScanResult = isOrganizationRun(o)
      ? await (await import('./org/scan.js')).scanOrganization({ ...request, onProgress: undefined, org: organizationRequest(o, io.env) })
      : await (await import('./scan.js')).scan(request);
    printRunSummary(io, result);
    setExit(result.exitCode);
  });

  addOrganizationCommands(program, io, setExit);

  const frameworkOption = (): Option =>
    new Option('--framework <key>', 'only the checks mapped to this framework').choices([...FRAMEWORKS]);
  addSelectionOptions(program.command('list-checks').description('list the checks, their categories and compliance ids'))
    .option('--json', 'print JSON instead of a table', false)
    .addOption(frameworkOption())
    .action((o) => {
      const checks = frameworkChecks(
        selectChecks(
          CATALOG_INDEX.map((e) => e.meta),
          selectionOf(o),
        ),
        o.framework as Framework | undefined,
      );
      if (o.json) {
        io.stdout(`${JSON.stringify(checks, null, 2)}\n`);
        return;
      }
      const rows = checks.map((c) => [
        c.id,
        c.category,
        c.responsibility,
        c.severity,
        c.scope,
        Object.entries(c.compliance)
          .map(([k, v]) => `${k}: ${(v ?? []).join(' ')}`)
          .join('; '),
      ]);
      const head = ['ID', 'CATEGORY', 'RESPONSIBILITY', 'SEVERITY', 'SCOPE', 'COMPLIANCE'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
      io.stdout(`${[head, ...rows].map(line).join('\n')}\n`);
    });

  addSelectionOptions(
    program.command('policy').description('print the least-privilege IAM policy (JSON) the selected checks need, derived from the code'),
  )
    .addOption(frameworkOption())
    .option('--organization', 'print the caller policy and the member role (policy and trust policy) of an organization scan')
    .option('--role-name <name>', 'with --organization: the member role name', DEFAULT_ROLE_NAME)
    .option('--external-id <id>', 'with --organization: the external id the trust policy requires')
    .option('--caller-account <id>', 'with --organization: the account the scan runs from (trusted by the member role)')
    .action(async (o) => {
      const entries = frameworkChecks(
        selectChecks(CATALOG_INDEX, selectionOf(o), (e) => e.meta),
        o.framework as Framework | undefined,
        (e) => e.meta,
      );
      const checks = await loadEntries(entries);
      if (o.organization) {
        const { buildOrganizationPolicies } = await import('./org/policy.js');
        const policies = buildOrganizationPolicies(checks, {
          roleName: o.roleName,
          externalId: o.externalId,
          callerAccountId: o.callerAccount,
        });
        io.stdout(`${JSON.stringify(policies, null, 2)}\n`);
        return;
      }
      const { buildPolicy } = await import('./policy.js');
      io.stdout(`${JSON.stringify(buildPolicy(checks), null, 2)}\n`);
    });

  program.addHelpText(
    'after',
    `
Exit codes: 0 clean, 1 an unwaived FAIL at or above --fail-on (with --fail-on-new: a new one),
2 bad input or the run could not start, 3 the run was partial (some checks could not be evaluated).
Examples:
  srm-audit scan --demo                      scan the bundled demo account
  srm-audit scan --profile audit --regions eu-west-1,us-east-1
  srm-audit policy > srm-audit-policy.json   the IAM policy the scan needs
  srm-audit scan --organization --external-id "$ID"   every ACTIVE account, through its audit role
  srm-audit merge shard-*/latest.json --output-dir org   fold shard reports into one`,
  );
  return program;
}

/** Runs the CLI and returns the exit code; never throws for bad input. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.OK;
  if (argv.length === 0) {
    io.stderr('srm-audit: missing command (scan, list-checks, policy, org plan or merge); run `srm-audit --help` for the options\n');
    return EXIT.USAGE;
  }
  // `-v` prints the version as it does for node; `-V` and `--version` are commander's.
  if (argv.length === 1 && argv[0] === '-v') argv = ['--version'];
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; a parse error was already printed in one line.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`srm-audit: ${error.message}\n`);
      return EXIT.USAGE;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    io.stderr(`srm-audit: unexpected failure: ${message}; run again with --log-level debug and report it\n`);
    return EXIT.USAGE;
  }
}

/** A file's real path, or undefined where there is none. */
function realPath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Whether this module runs as the program: `node dist/src/cli.js`, or `node dist/bundle/srm-audit.js`,
 * the bundle's entry, in the folder of the chunk that holds this module (scripts/bundle.mjs).
 */
function isEntryPoint(): boolean {
  const program = process.argv[1] && realPath(process.argv[1]);
  return (
    !!program && [import.meta.url, new URL('./srm-audit.js', import.meta.url).href].some((url) => realPath(fileURLToPath(url)) === program)
  );
}

/** The process entry point, used by bin/srm-audit.js (bundled: dist/bundle/) and `node dist/src/cli.js`. */
export async function runFromProcess(): Promise<void> {
  boundHeapGrowth();
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stderr.isTTY,
    env: process.env,
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

if (isEntryPoint()) await runFromProcess();
