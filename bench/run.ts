/**
 * npm run bench [-- --sizes small,medium,large,large@300,org50 --latency 30 --rate 50 --seed 7 --account-concurrency 25]
 * (org<N>: an organization of N "small" accounts scanned side by side; <size>@<ms>: that size
 * with every call taking <ms> instead of --latency, as far regions answer)
 *
 * Scans synthetic accounts through the real engine, checks and SDK clients, with AWS
 * replaced by a stand-in below the SDK's retry layer (latency per call, throttling per API
 * and region). Prints, per size: wall time, calls (and attempts), the minimal number of
 * calls, the floor, wall ÷ floor, and peak RSS; writes the same as JSON. It measures; it
 * never fails on a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { offlineScanRequest } from '../demo/build.js';
import type { Handlers } from '../demo/world/types.js';
import { awsError } from '../demo/world/types.js';
import type { Responder } from '../src/aws/session.js';
import { writeFileAtomic } from '../src/report/write.js';
import { boundHeapGrowth } from '../src/util/heap.js';
import { scanOrganization } from '../src/org/scan.js';
import { scan } from '../src/scan.js';
import { ACCOUNT_ID, makeAccount, SIZES } from './synthetic/model.js';
import { ORG_SIZE, ORGANIZATION_CHAIN, organizationHandlers, organizationMinimalCalls } from './synthetic/organization.js';
import { servicesOf } from './synthetic/services.js';
import { describePeak, sampleMemory, type MemoryAtPeak } from './memory.js';
import { awsLike } from './transport.js';

export interface SizeResult {
  size: string;
  regions: number;
  findings: number;
  errors: number;
  /** The first few errors, to say what the synthetic account does not model. */
  errorSamples: string[];
  wallMs: number;
  /** Of the wall time: until the last check finished, then rendering and writing the reports. */
  checksMs: number;
  reportMs: number;
  calls: number;
  attempts: number;
  throttled: number;
  minimalCalls: number;
  byOperation: Record<string, { calls: number; minimal: number }>;
  /** Per API (IAM prefix): calls, the minimal number, and the resources its checks reported on. */
  byService: Record<string, { calls: number; minimal: number; resources: number }>;
  floorMs: number;
  floorReason: string;
  ratio: number;
  peakRssMb: number;
  /**
   * CPU the process spent on the size's run (user and system, every thread: the main one and
   * V8's helpers), and per call: the figure for sizes bound by CPU rather than by AWS, whose
   * floor counts no CPU.
   */
  cpuMs: number;
  cpuPerCallMs: number;
  /** The sample with the most RSS, taken every SAMPLE_MS (see memory.ts). */
  memoryAtPeak: MemoryAtPeak;
}

export interface BenchOptions {
  latencyMs: number;
  ratePerSecond: number;
  burst: number;
  seed: number;
  /** The rate the scan is told to keep to (default: the transport's own). */
  scanRate?: number;
  /** Keep the reports the scan wrote in this directory (default: a temporary one, removed). */
  reportsDir?: string;
  /** Organization sizes: member accounts in flight at once (default: all of them). */
  accountConcurrency?: number;
}

/** `value` with the synthetic account id in its strings replaced by `accountId` (Dates and bytes kept). */
function asMember(value: unknown, accountId: string): unknown {
  if (typeof value === 'string') return value.includes(ACCOUNT_ID) ? value.split(ACCOUNT_ID).join(accountId) : value;
  if (Array.isArray(value)) return value.map((v) => asMember(v, accountId));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asMember(v, accountId)]));
  }
  return value;
}

/** Runs one size in this process and measures it. */
export async function benchOne(sizeName: string, opts: BenchOptions): Promise<SizeResult> {
  // org<N>: an organization of N "small" accounts, scanned side by side.
  const members = Number(ORG_SIZE.exec(sizeName)?.[1] ?? 0);
  const spec = SIZES[members ? 'small' : sizeName];
  if (!spec) throw new Error(`unknown size ${sizeName}; use ${Object.keys(SIZES).join(', ')} or org<N>`);
  const account = makeAccount(spec, opts.seed);
  const services = servicesOf(account);
  const handlers: Record<string, Handlers> = Object.fromEntries(services.map((s) => [s.service, s.handlers]));
  if (members) {
    for (const [service, extra] of Object.entries(organizationHandlers(members))) handlers[service] = { ...handlers[service], ...extra };
  }
  const answer: Responder = ({ service, region, operation, input, accountId }) => {
    const handler = handlers[service]?.[operation];
    if (!handler) throw awsError('NotImplemented', `the synthetic account does not model ${service}:${operation}`, 501);
    let args = (input ?? {}) as Record<string, unknown>;
    if (!accountId) return handler(region, args);
    // Every member is a copy of the synthetic account, answered as itself: its own id in the
    // question becomes the synthetic one, and the synthetic id in the answer (ARNs, owners) its own.
    if (args.AccountId === accountId) args = { ...args, AccountId: ACCOUNT_ID };
    return asMember(handler(region, args), accountId);
  };
  const { transport, stats } = awsLike(answer, opts);
  const dir = opts.reportsDir ?? mkdtempSync(join(tmpdir(), 'srm-bench-'));
  try {
    const memory = sampleMemory();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // The scan is told the account's limits, as a user would configure them for theirs.
    // Kept 10 % under the account's limits, as a user would, so that timing jitter does not
    // trip throttling (which the SDK's adaptive retry answers by slowing the whole client).
    const rateLimits = {
      default: { rate: opts.scanRate ?? opts.ratePerSecond * 0.9, burst: opts.scanRate ?? Math.max(1, Math.floor(opts.burst * 0.9)) },
    };
    // The scan's own debug lines say when the checks finished and how long the reports took.
    const phases: Record<string, number> = {};
    const log = pino(
      { level: 'debug' },
      {
        write(line: string) {
          const entry = JSON.parse(line) as { msg?: string; ms?: number };
          if (entry.msg && typeof entry.ms === 'number') phases[entry.msg] = entry.ms;
        },
      },
    );
    const request = {
      ...offlineScanRequest(dir),
      // What `srm-audit scan` writes by default.
      formats: ['json', 'html'] as Array<'json' | 'html'>,
      log,
      transport,
      rateLimits,
      homeRegion: account.regions[0]!,
      regions: account.regions,
    };
    const result = members
      ? await scanOrganization({
          ...request,
          org: { organization: true, roleName: 'SrmAuditReadOnly', accountConcurrency: opts.accountConcurrency ?? members },
        })
      : await scan(request);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const memoryAtPeak = memory.stop();
    const minimal: Record<string, number> = {};
    for (const s of services)
      for (const [action, n] of Object.entries(s.minimalCalls) as Array<[string, number]>) minimal[action] = (minimal[action] ?? 0) + n;
    if (members) {
      // Each member costs its own reads; the caller identifies itself once, and with --regions
      // given no member lists its regions.
      delete minimal['sts:GetCallerIdentity'];
      delete minimal['ec2:DescribeRegions'];
      for (const action of Object.keys(minimal)) minimal[action]! *= members;
      Object.assign(minimal, organizationMinimalCalls(members));
    }
    const byOperation: SizeResult['byOperation'] = {};
    for (const action of new Set([...Object.keys(minimal), ...Object.keys(result.report.run.apiCalls.byOperation)])) {
      byOperation[action] = { calls: result.report.run.apiCalls.byOperation[action] ?? 0, minimal: minimal[action] ?? 0 };
    }
    const byService = callsPerResource(byOperation, result.report.findings);
    // Bootstrap (caller identity, then regions) precedes everything; then the longest chain of one service.
    const chain = 2 + Math.max(...services.map((s) => s.criticalPath)) + (members ? ORGANIZATION_CHAIN : 0);
    const latencyFloor = chain * opts.latencyMs;
    let rateFloor = 0;
    let rateKey = '';
    for (const [key, n] of stats.answered) {
      const ms = (Math.max(0, n - opts.burst) / opts.ratePerSecond) * 1000;
      if (ms > rateFloor) [rateFloor, rateKey] = [ms, key];
    }
    const floorMs = Math.max(latencyFloor, rateFloor);
    return {
      size: sizeName,
      regions: account.regions.length,
      findings: result.report.findings.length,
      errors: result.report.run.errors.length,
      errorSamples: result.report.run.errors.slice(0, 3).map((e) => `${e.checkId} ${e.region}: ${e.code} ${e.message}`),
      wallMs: Math.round(wallMs),
      checksMs: Math.round(phases['checks finished'] ?? 0),
      reportMs: Math.round(phases['reports written'] ?? 0),
      calls: result.report.run.apiCalls.total,
      attempts: stats.attempts,
      throttled: stats.throttled,
      minimalCalls: Object.values(minimal).reduce((a, b) => a + b, 0),
      byOperation,
      byService,
      floorMs: Math.round(floorMs),
      floorReason: rateFloor > latencyFloor ? `rate limit of ${rateKey}` : `${chain} dependent calls × ${opts.latencyMs} ms`,
      ratio: Number((wallMs / floorMs).toFixed(2)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuMs: Math.round(cpuMs),
      cpuPerCallMs: Number((cpuMs / Math.max(1, result.report.run.apiCalls.total)).toFixed(3)),
      memoryAtPeak,
    };
  } finally {
    if (!opts.reportsDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The checks' service names where an API's IAM prefix differs. */
const CHECK_SERVICE: Record<string, string> = { elasticmapreduce: 'emr', elasticfilesystem: 'efs', logs: 'cloudwatch' };

/** Calls per API against the resources its checks reported on: a loader that starts reading per resource shows here. */
function callsPerResource(
  byOperation: SizeResult['byOperation'],
  findings: Iterable<{ service: string; accountId: string; region: string; resource: { id: string; arn?: string } }>,
): SizeResult['byService'] {
  const resources = new Map<string, Set<string>>();
  for (const f of findings) {
    let set = resources.get(f.service);
    if (!set) resources.set(f.service, (set = new Set()));
    set.add(`${f.accountId}|${f.region}|${f.resource.arn ?? f.resource.id}`);
  }
  const out: SizeResult['byService'] = {};
  for (const [action, n] of Object.entries(byOperation)) {
    const prefix = action.split(':')[0]!;
    const entry = (out[prefix] ??= { calls: 0, minimal: 0, resources: resources.get(CHECK_SERVICE[prefix] ?? prefix)?.size ?? 0 });
    entry.calls += n.calls;
    entry.minimal += n.minimal;
  }
  return out;
}

export interface StartupResult {
  command: string;
  /** Median wall time of a fresh `node bin/srm-audit.js …` process, and of a bare `node -e 0` for comparison. */
  medianMs: number;
}

/** Starts the CLI a few times per command and keeps the median (a busy machine shows in the spread, not the median). */
function measureStartup(runs = 7): StartupResult[] {
  const bin = fileURLToPath(new URL('../../bin/srm-audit.js', import.meta.url));
  const time = (args: string[]): number => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    return Math.round(samples[Math.floor(samples.length / 2)]!);
  };
  return [
    { command: 'node -e 0 (bare node)', medianMs: time(['-e', '0']) },
    ...[['--version'], ['--help'], ['list-checks']].map((args) => ({
      command: `srm-audit ${args.join(' ')}`,
      medianMs: time([bin, ...args]),
    })),
  ];
}

function table(results: SizeResult[]): string {
  const head = [
    'size',
    'regions',
    'wall',
    'checks',
    'reports',
    'calls',
    'minimal',
    'attempts',
    'throttled',
    'floor',
    'wall/floor',
    'peak RSS',
    'CPU',
    'CPU/call',
    'errors',
  ];
  const rows = results.map((r) => [
    r.size,
    String(r.regions),
    `${(r.wallMs / 1000).toFixed(2)} s`,
    `${(r.checksMs / 1000).toFixed(2)} s`,
    `${(r.reportMs / 1000).toFixed(2)} s`,
    String(r.calls),
    String(r.minimalCalls),
    String(r.attempts),
    String(r.throttled),
    `${(r.floorMs / 1000).toFixed(2)} s`,
    `${r.ratio.toFixed(2)}×`,
    `${r.peakRssMb} MB`,
    `${(r.cpuMs / 1000).toFixed(2)} s`,
    `${r.cpuPerCallMs.toFixed(2)} ms`,
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [head, ...rows].map((row) => row.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      // large@300: AWS's own latency for a far region. At 30 ms a scan is bound by the rate
      // limits; at 300 ms how many calls it keeps on the network shows (the call lane once
      // held its slots until the answer, and large took 2.4x its floor there).
      sizes: { type: 'string', default: 'small,medium,large,large@300,org50' },
      latency: { type: 'string', default: '30' },
      rate: { type: 'string', default: '50' },
      burst: { type: 'string' },
      seed: { type: 'string', default: '7' },
      one: { type: 'string' },
      out: { type: 'string', default: 'bench/results/latest.json' },
      reports: { type: 'string' },
      'account-concurrency': { type: 'string' },
    },
  });
  const opts: BenchOptions = {
    latencyMs: Number(values.latency),
    ratePerSecond: Number(values.rate),
    burst: Number(values.burst ?? values.rate),
    seed: Number(values.seed),
    ...(values.reports ? { reportsDir: values.reports } : {}),
    ...(values['account-concurrency'] ? { accountConcurrency: Number(values['account-concurrency']) } : {}),
  };
  if (values.one) {
    // Child mode: one size per process, so that peak RSS is that size's own; with the heap
    // bounded as the CLI's process entry bounds it.
    boundHeapGrowth();
    process.stdout.write(JSON.stringify(await benchOne(values.one, opts)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results: SizeResult[] = [];
  for (const size of values.sizes!.split(',')) {
    process.stderr.write(`benchmarking ${size}…\n`);
    const [name, latency = values.latency!] = size.split('@') as [string, string?];
    const child = spawnSync(
      process.execPath,
      [
        self,
        ...['--one', name, '--latency', latency, '--rate', values.rate!, '--burst', String(opts.burst), '--seed', values.seed!],
        ...(values.reports ? ['--reports', join(values.reports, size)] : []),
        ...(values['account-concurrency'] ? ['--account-concurrency', values['account-concurrency']] : []),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (child.status !== 0) throw new Error(`size ${size} failed:\n${child.stderr}`);
    results.push({ ...(JSON.parse(child.stdout) as SizeResult), size });
  }
  process.stdout.write(
    `srm-audit benchmark: latency ${opts.latencyMs} ms per call (<size>@<ms>: <ms>), ${opts.ratePerSecond} calls/s per API and region (burst ${opts.burst}), seed ${opts.seed}\n\n`,
  );
  process.stdout.write(`${table(results)}\n\n`);
  const startup = measureStartup();
  process.stdout.write(`startup (median of 7): ${startup.map((s) => `${s.command} ${s.medianMs} ms`).join(', ')}\n\n`);
  for (const r of results) {
    process.stdout.write(`${r.size}: calls per resource reported on, by API: `);
    process.stdout.write(
      `${Object.entries(r.byService)
        .sort(([, a], [, b]) => b.calls - a.calls)
        .map(([api, s]) => `${api} ${s.calls}/${s.resources || '-'}${s.resources ? ` (${(s.calls / s.resources).toFixed(2)})` : ''}`)
        .join(', ')}\n`,
    );
  }
  process.stdout.write('\n');
  for (const r of results) process.stdout.write(`${r.size}: memory at the peak sampled: ${describePeak(r.memoryAtPeak, r.checksMs)}\n`);
  process.stdout.write('\n');
  for (const r of results) {
    process.stdout.write(`${r.size}: floor = ${r.floorReason}\n`);
    for (const [action, n] of Object.entries(r.byOperation)) {
      if (n.calls !== n.minimal) process.stdout.write(`  ${action}: ${n.calls} calls, minimal ${n.minimal}\n`);
    }
  }
  await writeFileAtomic(values.out!, `${JSON.stringify({ options: opts, node: process.version, startup, results }, null, 2)}\n`);
  process.stdout.write(`\nwrote ${values.out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
