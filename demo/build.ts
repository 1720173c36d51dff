/**
 * Rebuilds demo/demo-account.cassette.json: scans the demo world with every check through
 * the real seam, recording each answer. Run it (`npm run demo:build`) after changing the
 * world or adding a check; tests/demo.test.ts fails while the committed cassette is stale.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DEMO_OPTIONS } from '../src/demo-options.js';
import { resolveOptions } from '../src/engine/options.js';
import { scan, type ScanRequest } from '../src/scan.js';
import { DEMO_CASSETTE } from '../src/util/package.js';
import { demoResponder } from './world/index.js';
import { DEMO_HOME_REGION, DEMO_NOW } from './world/types.js';
import type { ReportDocument } from '../src/report/model.js';

/** A quiet scan of every check writing JSON only: what the builder and the tests start from. */
export function offlineScanRequest(outputDir: string): ScanRequest {
  return {
    selection: {},
    // The demo account's data is in these two; eu-central-1 is enabled and empty, and not recorded.
    regions: ['eu-west-1', 'us-east-1'],
    outputDir,
    formats: ['json'],
    concurrency: 256,
    failOn: 'none',
    options: resolveOptions(DEMO_OPTIONS),
    log: pino({ level: 'silent' }),
  };
}

/** The demo world answering at the seam, as of the demo's fixed date. */
export const demoWorld = { responder: demoResponder, homeRegion: DEMO_HOME_REGION, now: DEMO_NOW } as const;

/** Scans the demo world and returns the cassette text it records (and the report). */
export async function buildDemoCassette(): Promise<{ cassette: string; report: ReportDocument }> {
  const dir = await mkdtemp(join(tmpdir(), 'srm-demo-'));
  try {
    const record = join(dir, 'demo.cassette.json');
    const { report } = await scan({ ...offlineScanRequest(dir), ...demoWorld, record });
    return { cassette: await readFile(record, 'utf8'), report };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { cassette, report } = await buildDemoCassette();
  const errors = report.findings.filter((f) => f.status === 'ERROR');
  if (errors.length) {
    for (const f of errors) process.stderr.write(`ERROR ${f.checkId} ${f.region} ${f.resource.id}: ${f.message}\n`);
    throw new Error('the demo world left checks unable to run; model the missing calls in demo/world/');
  }
  const { writeFileAtomic } = await import('../src/report/write.js');
  await writeFileAtomic(DEMO_CASSETTE(), cassette);
  const byCheck = new Map<string, Set<string>>();
  for (const f of report.findings) byCheck.set(f.checkId, (byCheck.get(f.checkId) ?? new Set()).add(f.status));
  for (const [id, statuses] of byCheck) process.stdout.write(`${id.padEnd(40)} ${[...statuses].sort().join(' ')}\n`);
  process.stdout.write(`wrote ${DEMO_CASSETTE()} (${JSON.parse(cassette).entries.length} recorded calls)\n`);
}

if (process.argv[1]?.endsWith('build.js') || process.argv[1]?.endsWith('build.ts')) await main();
