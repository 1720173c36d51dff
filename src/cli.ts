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
import { CONFIG_FILE_NAME, DEFAULT_FORMATS, EXIT, FORMATS, frameworkChecks, type Format } from './run-constants.js';
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

/** A list option given but empty (`--regions ""`) would silently mean "all": refuse it. */
function names(value: string): string[] {
  const chosen = list(value);
  if (chosen.length === 0) throw new InvalidArgumentError('name at least one (comma-separated).');
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
    const { scan } = await import('./scan.js');
    const result = await scan({
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
    });
    const { summary, run } = result.report;
    io.stdout(
      `srm-audit: account ${run.accountId}, ${run.regions.length} region(s), ${run.checks.length} check(s), ${run.apiCalls.total} API calls\n` +
        `  ${summary.byStatus.FAIL} FAIL${summary.waived ? ` (${summary.waived} waived)` : ''}, ${summary.byStatus.PASS} PASS, ${summary.byStatus.ERROR} ERROR, ${summary.byStatus.NOT_APPLICABLE} NOT_APPLICABLE${run.partial ? ' (partial run)' : ''}\n` +
        (result.report.baseline
          ? `  since the baseline: ${result.report.baseline.counts.new} new, ${result.report.baseline.counts.persisting} persisting, ${result.report.baseline.counts.resolved} resolved, ${result.report.baseline.counts.notRechecked} not re-checked\n`
          : '') +
        (result.report.waivers?.expired.length || result.report.waivers?.stale.length
          ? `  waivers: ${result.report.waivers.expired.length} expired, ${result.report.waivers.stale.length} stale (see the report)\n`
          : '') +
        result.files.map((f) => `  wrote ${f}\n`).join('') +
        (result.cassette ? `  recorded ${result.cassette}\n` : ''),
    );
    setExit(result.exitCode);
  });

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
    .action(async (o) => {
      const entries = frameworkChecks(
        selectChecks(CATALOG_INDEX, selectionOf(o), (e) => e.meta),
        o.framework as Framework | undefined,
        (e) => e.meta,
      );
      const { buildPolicy } = await import('./policy.js');
      io.stdout(`${JSON.stringify(buildPolicy(await loadEntries(entries)), null, 2)}\n`);
    });

  program.addHelpText(
    'after',
    `
Exit codes: 0 clean, 1 an unwaived FAIL at or above --fail-on (with --fail-on-new: a new one),
2 bad input or the run could not start, 3 the run was partial (some checks could not be evaluated).
Examples:
  srm-audit scan --demo                      scan the bundled demo account
  srm-audit scan --profile audit --regions eu-west-1,us-east-1
  srm-audit policy > srm-audit-policy.json   the IAM policy the scan needs`,
  );
  return program;
}

/** Runs the CLI and returns the exit code; never throws for bad input. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.OK;
  if (argv.length === 0) {
    io.stderr('srm-audit: missing command (scan, list-checks or policy); run `srm-audit --help` for the options\n');
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

function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** The process entry point, used by bin/srm-audit.js and `node dist/src/cli.js`. */
export async function runFromProcess(): Promise<void> {
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stderr.isTTY,
    env: process.env,
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

if (isEntryPoint()) await runFromProcess();
