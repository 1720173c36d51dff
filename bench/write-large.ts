/**
 * node dist/bench/write-large.js <findings> <dir> [formats]
 *
 * Writes a synthetic report of <findings> findings in every report format (or the comma-separated
 * [formats]) through the scan's own renderers and writer, then prints one JSON line: the files
 * and their sizes, and the peak heap and RSS. Run with --max-old-space-size to show that the
 * writers stream (tests/report/large-report.test.ts does, in a child process).
 */
import { statSync } from 'node:fs';
import { CATALOG } from '../src/engine/catalog.js';
import { findingId } from '../src/engine/runner.js';
import { SCHEMA_VERSION, summarize, type Report, type ReportFinding } from '../src/report/model.js';
import { buildComplianceViews, buildGrid } from '../src/report/views.js';
import { writeReports } from '../src/report/write.js';
import { EXTENSIONS, FORMATS, RENDERERS, type Format } from '../src/scan.js';
import { STATUSES } from '../src/engine/types.js';

const [countArg, dir, formatsArg] = process.argv.slice(2);
const count = Number(countArg);
if (!Number.isInteger(count) || count < 0 || !dir) {
  process.stderr.write('usage: node dist/bench/write-large.js <findings> <dir> [formats]\n');
  process.exit(2);
}
const formats = (formatsArg ? formatsArg.split(',') : [...FORMATS]) as Format[];

let peakHeap = 0;
let peakRss = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const sampler = setInterval(sample, 20);

/** Findings of the catalog's checks in turn, each on its own resource, with realistic text lengths. */
function findings(n: number): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (let i = 0; i < n; i++) {
    const check = CATALOG[i % CATALOG.length]!;
    const resource = {
      id: `sg-${i.toString(16).padStart(17, '0')}`,
      type: 'AWS::EC2::SecurityGroup',
      arn: `arn:aws:ec2:eu-west-1:123456789012:security-group/sg-${i.toString(16).padStart(17, '0')}`,
      name: `group-${i}`,
    };
    out.push({
      id: findingId(check.id, resource, 'eu-west-1'),
      checkId: check.id,
      title: check.title,
      status: STATUSES[i % STATUSES.length]!,
      severity: check.severity,
      category: check.category,
      responsibility: check.responsibility,
      service: check.service,
      region: 'eu-west-1',
      accountId: '123456789012',
      resource,
      message: `Reachable from the internet: tcp/22 (admin 22) to 54.0.${i % 256}.${(i >> 8) % 256} via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg rule tcp 22 0.0.0.0/0 (finding ${i}).`,
      remediation: check.remediation,
      compliance: check.compliance,
    });
  }
  return out;
}

const all = findings(count);
const checks = CATALOG.map((c) => c.id);
const report: Report = {
  schemaVersion: SCHEMA_VERSION,
  tool: { name: 'srm-audit', version: '0.0.0-bench' },
  run: {
    startedAt: '2026-11-20T12:00:00.000Z',
    finishedAt: '2026-11-20T12:10:00.000Z',
    durationMs: 600_000,
    accountId: '123456789012',
    callerArn: 'arn:aws:sts::123456789012:assumed-role/auditor/bench',
    regions: ['eu-west-1'],
    source: 'aws',
    checks,
    partial: false,
    apiCalls: { total: 0, byOperation: {} },
    errors: [],
  },
  summary: summarize(all),
  findings: all,
  views: { grid: buildGrid(CATALOG, all), compliance: buildComplianceViews(CATALOG, checks, all) },
};
sample();
const files = await writeReports(
  dir,
  'srm-audit-123456789012-20261120T120000000Z-0000',
  formats.map((f) => ({ ext: EXTENSIONS[f], content: RENDERERS[f](report) })),
);
clearInterval(sampler);
sample();
process.stdout.write(
  `${JSON.stringify({
    findings: count,
    files: Object.fromEntries(files.map((f) => [f, statSync(f).size])),
    peakHeapMiB: Math.round(peakHeap / 2 ** 20),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  })}\n`,
);
