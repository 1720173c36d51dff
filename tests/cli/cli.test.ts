import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReadOnlyOperation } from '../../src/aws/operations.js';
import { CATALOG } from '../../src/engine/catalog.js';
import type { ReportDocument } from '../../src/report/model.js';
import { runBin, runCli, tempDir } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';

const oneLine = (text: string): void => {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).toMatch(/^srm-audit: /);
  expect(text).not.toMatch(/\n\s+at /);
};

describe('scan --demo', () => {
  it('writes a JSON report that validates against the schema, and an HTML report', async () => {
    const out = tempDir();
    const run = await runCli(['scan', '--demo', '--output-dir', out, '--fail-on', 'none']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readdirSync(out)
      .filter((f) => !f.startsWith('latest.'))
      .sort();
    expect(files).toEqual([
      expect.stringMatching(/^srm-audit-123456789012-\d{8}T\d{9}Z-[0-9a-f]{4}\.html$/),
      expect.stringMatching(/^srm-audit-123456789012-\d{8}T\d{9}Z-[0-9a-f]{4}\.json$/),
    ]);
    expect(readFileSync(join(out, 'latest.json'), 'utf8')).toBe(readFileSync(join(out, files[1]!), 'utf8'));
    const report = JSON.parse(readFileSync(join(out, files[1]!), 'utf8')) as ReportDocument;
    assertValidReport(report);
    expect(report.run).toMatchObject({ accountId: '123456789012', source: 'demo', partial: false, regions: ['eu-west-1', 'us-east-1'] });
    // The demo describes the account as recorded: the report says when, the HTML too.
    expect(report.run.recordedAt).toBe('2026-11-20T12:00:00.000Z');
    expect(readFileSync(join(out, 'latest.html'), 'utf8')).toContain('<dt>Recorded</dt><dd><time datetime="2026-11-20T12:00:00.000Z"');
    expect(report.run.checks).toEqual(CATALOG.map((c) => c.id));
    expect(report.summary.byStatus.FAIL).toBeGreaterThan(0);
    expect(report.summary.byStatus.PASS).toBeGreaterThan(0);
    expect(run.stdout).toContain(`wrote ${join(out, files[1]!)}`);
    expect(readFileSync(join(out, files[0]!), 'utf8')).toContain('<!doctype html>');
  });

  it('writes each format once however often --format names it', async () => {
    const out = tempDir();
    const run = await runCli(['scan', '--demo', '--output-dir', out, '--fail-on', 'none', '--format', 'json,md,json']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/ wrote /g)).toHaveLength(2);
    expect(
      readdirSync(out)
        .filter((f) => !f.startsWith('latest.'))
        .map((f) => f.split('.').slice(1).join('.')),
    ).toEqual(['json', 'md']);
  });

  it('exits 1 when a FAIL is at or above --fail-on, and 0 when none is', async () => {
    expect((await runCli(['scan', '--demo', '--output-dir', tempDir(), '--format', 'json'])).code).toBe(1);
    expect((await runCli(['scan', '--demo', '--output-dir', tempDir(), '--format', 'json', '--fail-on', 'critical'])).code).toBe(1);
    const onlyRds = await runCli(['scan', '--demo', '--output-dir', tempDir(), '--checks', 'rds-storage-encrypted', '--fail-on', 'high']);
    expect(onlyRds.code).toBe(0);
  });

  it('selects by category and region', async () => {
    const out = tempDir();
    const run = await runCli([
      'scan',
      '--demo',
      '--output-dir',
      out,
      '--format',
      'json',
      '--category',
      'container',
      '--regions',
      'eu-west-1',
      '--fail-on',
      'none',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ReportDocument;
    expect(new Set(report.findings.map((f) => f.category))).toEqual(new Set(['container']));
    expect(new Set(report.findings.map((f) => f.region))).toEqual(new Set(['eu-west-1']));
  });
});

describe('bad input: one line on stderr, exit code 2, nothing lost', () => {
  const malformed = join(tempDir(), 'malformed.json');
  writeFileSync(malformed, '{"format": "srm-audit-cassette/1", "entries": 3');
  it.each([
    [
      'an unknown check',
      ['scan', '--demo', '--checks', 'iam-root-mfa'],
      /unknown check "iam-root-mfa".*did you mean "iam-root-mfa-enabled"/,
    ],
    ['an excluded unknown check', ['scan', '--demo', '--exclude-checks', 'nope'], /unknown check "nope" in --exclude-checks/],
    ['an unknown category', ['scan', '--demo', '--category', 'network'], /unknown category "network"/],
    ['a malformed region name', ['scan', '--demo', '--regions', 'Europe'], /"Europe" is not an AWS region name/],
    ['a region the account does not have', ['scan', '--demo', '--regions', 'xx-nowhere-9'], /unknown region "xx-nowhere-9"/],
    ['an unreadable replay file', ['scan', '--replay', '/nonexistent/cassette.json'], /cannot read replay file/],
    ['a malformed replay file', ['scan', '--replay', malformed], /is not valid JSON/],
    ['an unknown option', ['scan', '--demo', '--colour'], /unknown option '--colour'/],
    ['a bad --fail-on', ['scan', '--demo', '--fail-on', 'severe'], /--fail-on/],
    ['a bad --format', ['scan', '--demo', '--format', 'pdf'], /unknown format "pdf"/],
    ['a bad --concurrency', ['scan', '--demo', '--concurrency', '0'], /--concurrency/],
    ['a bad --endpoint-url', ['scan', '--demo', '--endpoint-url', 'not a url'], /--endpoint-url/],
    ['record with replay', ['scan', '--demo', '--record', 'x.json'], /--record cannot be combined/],
    ['an unknown command', ['scna'], /unknown command 'scna'/],
  ])('%s', async (_name, args, pattern) => {
    const out = tempDir();
    writeFileSync(join(out, 'earlier-report.json'), 'kept');
    const run = await runCli([...args, '--output-dir', out].filter((a, i, all) => !(all[0] === 'scna' && i > 0)));
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(pattern);
    expect(readdirSync(out)).toEqual(['earlier-report.json']);
    expect(readFileSync(join(out, 'earlier-report.json'), 'utf8')).toBe('kept');
  });

  it('an output directory that cannot be written', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const run = await runCli(['scan', '--demo', '--output-dir', join(file, 'sub')]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/cannot write reports to/);
  });

  it('an output directory that is a file', async () => {
    const file = join(tempDir(), 'f');
    writeFileSync(file, 'x');
    const run = await runCli(['scan', '--demo', '--output-dir', file]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/is not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a run refused for its input creates no output directory', async () => {
    const out = join(tempDir(), 'not-yet', 'reports');
    const run = await runCli(['scan', '--replay', join(tempDir(), 'missing.json'), '--output-dir', out]);
    expect(run.code).toBe(2);
    expect(existsSync(dirname(out))).toBe(false);
  });

  it('no credentials (the real binary, in an empty environment)', () => {
    const out = tempDir();
    const run = runBin(['scan', '--regions', 'us-east-1', '--output-dir', out]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/no AWS credentials found/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a profile that does not exist (the real binary)', () => {
    const run = runBin(['scan', '--profile', 'no-such-profile', '--regions', 'us-east-1', '--output-dir', tempDir()]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
  });
});

describe('list-checks and policy', () => {
  it('lists every check as JSON with its compliance ids', async () => {
    const run = await runCli(['list-checks', '--json']);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as Array<{ id: string; compliance: object; category: string }>;
    expect(listed.map((c) => c.id)).toEqual(CATALOG.map((c) => c.id));
    expect(listed.filter((c) => Object.keys(c.compliance).length > 0).length).toBeGreaterThan(listed.length / 2);
  });

  it('prints a table by default', async () => {
    const run = await runCli(['list-checks', '--category', 'identity']);
    expect(run.stdout.split('\n')[0]).toMatch(/^ID\s+CATEGORY\s+RESPONSIBILITY/);
    expect(run.stdout).toContain('iam-root-mfa-enabled');
    expect(run.stdout).not.toContain('ec2-sg-admin-ports-open');
  });

  it('prints a policy of read-only actions only, derived from the selected checks', async () => {
    const all = JSON.parse((await runCli(['policy'])).stdout) as { Statement: Array<{ Action: string[]; Effect: string }> };
    const actions = all.Statement.flatMap((s) => s.Action);
    expect(all.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    for (const action of actions) {
      expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      // IAM action names differ from operations for S3 (ListAllMyBuckets…), but all are reads.
      expect(isReadOnlyOperation(action.split(':')[1]!) || /^s3:ListAllMyBuckets$/.test(action)).toBe(true);
    }
    const rdsOnly = JSON.parse((await runCli(['policy', '--checks', 'rds-storage-encrypted'])).stdout) as typeof all;
    expect(rdsOnly.Statement[0]!.Action).toEqual([
      'ec2:DescribeRegions',
      'rds:DescribeDBClusters',
      'rds:DescribeDBInstances',
      'sts:GetCallerIdentity',
    ]);
  });

  it('list-checks and policy narrow to one framework', async () => {
    const listed = JSON.parse((await runCli(['list-checks', '--json', '--framework', 'aws-fsbp'])).stdout) as Array<{
      compliance: Record<string, string[]>;
    }>;
    expect(listed.length).toBeGreaterThan(0);
    for (const c of listed) expect(c.compliance['aws-fsbp']?.length).toBeGreaterThan(0);
    expect((await runCli(['policy', '--framework', 'cis-aws-5.0'])).code).toBe(0);
  });

  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes');
    expect((await runCli(['scan', '--help'])).stdout).toContain('--endpoint-url');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });
});

describe('the built binary', () => {
  it('runs the demo end to end and writes reports', () => {
    const out = tempDir();
    const run = runBin(['scan', '--demo', '--fail-on', 'none', '--output-dir', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readdirSync(out);
    expect(files.filter((f) => f.startsWith('srm-audit-') && (f.endsWith('.json') || f.endsWith('.html')))).toHaveLength(2);
    // Every report (latest.run only names the run).
    for (const f of files.filter((name) => name !== 'latest.run')) expect(statSync(join(out, f)).size).toBeGreaterThan(1000);
  });
});
