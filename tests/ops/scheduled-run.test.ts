/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk parsed foreign documents (OCSF, ASFF, SARIF, JUnit) */
/**
 * The scheduled-run story end to end on the demo account: a baseline, a waivers file, every
 * format, and each format checked by a real validator or parser (see docs/report-formats.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/model.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { assertValid, assertValidReport, foreignValidator, sarifValidator } from '../helpers/schema.js';

const SG_WAIVED = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0b22bastion000002';
const SG_NEW = 'sg-0c33legacy0000003';
const RESOLVED_DB = 'arn:aws:rds:us-east-1:123456789012:db:orders-prod';
const GONE_SG = 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0deleted000000099';

/** The four checks the demo had when this test was written: its counts below are theirs. */
const CHECKS = ['--checks', 'iam-root-mfa-enabled,ec2-sg-admin-ports-open,rds-storage-encrypted,s3-bucket-public-access-block'];

let out: string;
let report: ReportDocument;
let code: number;
let stdout: string;
const read = (ext: string): string => readFileSync(join(out, `latest.${ext}`), 'utf8');

beforeAll(async () => {
  const dir = tempDir('srm-sched-');
  // Run 1: the baseline. Then make history: the legacy SG did not fail before, the orders DB did,
  // and a security group that failed before has since been deleted.
  await runCli(['scan', '--demo', ...CHECKS, '--fail-on', 'none', '--output-dir', join(dir, 'first'), '--format', 'json']);
  const baseline = JSON.parse(readFileSync(join(dir, 'first', 'latest.json'), 'utf8')) as ReportDocument;
  baseline.run.startedAt = '2026-01-01T00:00:00.000Z';
  baseline.findings = baseline.findings.filter((f) => f.resource.id !== SG_NEW);
  const db = baseline.findings.find((f) => f.resource.arn === RESOLVED_DB)!;
  db.status = 'FAIL';
  db.message = 'Storage is not encrypted.';
  const template = baseline.findings.find((f) => f.checkId === 'ec2-sg-admin-ports-open' && f.region === 'eu-west-1')!;
  baseline.findings.push({
    ...template,
    id: 'f'.repeat(32),
    status: 'FAIL',
    resource: { id: 'sg-0deleted000000099', type: 'AWS::EC2::SecurityGroup', arn: GONE_SG },
    message: 'Port 22 open to 0.0.0.0/0.',
  });
  writeFileSync(join(dir, 'baseline.json'), JSON.stringify(baseline));
  writeFileSync(
    join(dir, 'waivers.yaml'),
    [
      'waivers:',
      '  - check: ec2-sg-admin-ports-open',
      `    resources: ["${SG_WAIVED}"]`,
      '    reason: Bastion host, replaced by Session Manager in Q3',
      '    owner: platform-team@example.com',
      '    expires: 2999-12-31',
      '  - check: s3-bucket-public-access-block',
      '    resources: ["arn:aws:s3:::demo-public-*"]',
      '    reason: Public website assets',
      '    owner: web-team',
      '    expires: 2001-01-01',
      '  - check: rds-storage-encrypted',
      '    resources: ["arn:aws:rds:*:123456789012:db:no-such-db"]',
      '    reason: Old exception',
      '    owner: dba',
      '    expires: 2999-01-01',
      '',
    ].join('\n'),
  );
  out = join(dir, 'second');
  const run = await runCli([
    'scan',
    '--demo',
    ...CHECKS,
    '--output-dir',
    out,
    '--format',
    'json,html,csv,ocsf,asff,sarif,junit,md',
    '--baseline',
    join(dir, 'baseline.json'),
    '--waivers',
    join(dir, 'waivers.yaml'),
    '--fail-on-new',
  ]);
  code = run.code;
  stdout = run.stdout;
  expect(run.stderr).toBe('');
  report = JSON.parse(read('json')) as ReportDocument;
});

describe('a demo run with a baseline and a waivers file', () => {
  it('marks new, persisting, resolved and waived findings in the JSON, which validates against the schema', () => {
    assertValidReport(report);
    const byResource = (id: string) => report.findings.find((f) => f.resource.id === id || f.resource.arn === id)!;
    expect(byResource(SG_NEW)).toMatchObject({ status: 'FAIL', baseline: 'new' });
    expect(byResource(SG_NEW).previousStatus).toBeUndefined();
    expect(byResource('sg-0c99eurdp00000009')).toMatchObject({ status: 'FAIL', baseline: 'persisting', previousStatus: 'FAIL' });
    expect(byResource(RESOLVED_DB)).toMatchObject({ status: 'PASS', baseline: 'resolved', previousStatus: 'FAIL' });
    expect(byResource(SG_WAIVED)).toMatchObject({ status: 'FAIL', waiver: { owner: 'platform-team@example.com', expires: '2999-12-31' } });
    expect(byResource(SG_WAIVED).waiver!.source).toMatch(/waivers\.yaml:2$/);
    expect(report.baseline!.gone.map((g) => g.resource.arn)).toEqual([GONE_SG]);
    expect(report.baseline!.counts).toEqual({ new: 1, persisting: 8, resolved: 2, notRechecked: 0 });
    expect(report.waivers!.expired.map((w) => w.checkId)).toEqual(['s3-bucket-public-access-block']);
    expect(report.waivers!.stale.map((w) => w.checkId)).toEqual(['rds-storage-encrypted']);
    expect(report.summary.waived).toBe(1);
    // The expired waiver no longer covers the public-assets bucket.
    expect(byResource('demo-public-assets').waiver).toBeUndefined();
    expect(stdout).toMatch(/since the baseline: 1 new, 8 persisting, 2 resolved/);
  });

  it('exits 1 for the one new failure with --fail-on-new (and writes every format plus latest.*)', () => {
    expect(code).toBe(1);
    const names = readdirSync(out);
    for (const ext of ['json', 'html', 'csv', 'ocsf.json', 'asff.json', 'sarif', 'junit.xml', 'md']) {
      expect(names).toContain(`latest.${ext}`);
      expect(
        names.some((n) => new RegExp(`^srm-audit-123456789012-\\d{8}T\\d{9}Z-[0-9a-f]{4}\\.${ext.replace('.', '\\.')}$`).test(n)),
      ).toBe(true);
    }
  });

  it('csv: parses back with csv-parse, one row per finding plus the resolved-and-gone one', () => {
    const rows = parseCsv(read('csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(report.findings.length + 1);
    expect(rows.find((r) => r.resource_id === SG_NEW)).toMatchObject({ status: 'FAIL', baseline: 'new' });
    expect(rows.find((r) => r.resource_arn === SG_WAIVED)).toMatchObject({ waived: 'yes', waiver_owner: 'platform-team@example.com' });
    expect(rows.find((r) => r.resource_arn === RESOLVED_DB)).toMatchObject({ status: 'PASS', baseline: 'resolved' });
    expect(rows.find((r) => r.resource_arn === GONE_SG)).toMatchObject({ status: 'GONE', baseline: 'resolved' });
    expect(rows[0]!['cis-aws-5.0']).toBeDefined();
  });

  it('ocsf: every event validates as an OCSF 1.1 Detection Finding, with lifecycle state', () => {
    const events = JSON.parse(read('ocsf.json')) as Array<Record<string, any>>;
    assertValid(foreignValidator('ocsf-detection-finding-1.1.schema.json'), events, 'OCSF');
    expect(events).toHaveLength(report.findings.length + 1);
    const of = (arn: string) => events.find((ev) => ev.resources[0].uid === arn || ev.resources[0].name === arn)!;
    expect(of(SG_WAIVED)).toMatchObject({ status_id: 3, status: 'Suppressed' });
    expect(of(RESOLVED_DB)).toMatchObject({ activity_id: 3, status_id: 4, type_uid: 200403 });
    expect(of(GONE_SG)).toMatchObject({ activity_id: 3, status: 'Resolved', unmapped: { srm_status: 'GONE' } });
    const fresh = events.find((ev) => (ev.resources[0].uid as string).endsWith(SG_NEW))!;
    expect(fresh).toMatchObject({ activity_id: 1, status_id: 1, severity_id: expect.any(Number), unmapped: { srm_baseline: 'new' } });
  });

  it('asff: every finding has the required ASFF attributes and valid enumerations', () => {
    const findings = JSON.parse(read('asff.json')) as Array<Record<string, any>>;
    assertValid(foreignValidator('asff-2018-10-08.schema.json'), findings, 'ASFF');
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
    const of = (arn: string) => findings.find((f) => f.Resources[0].Id === arn)!;
    expect(of(SG_WAIVED)).toMatchObject({ Workflow: { Status: 'SUPPRESSED' }, Compliance: { Status: 'FAILED' } });
    expect(of(RESOLVED_DB)).toMatchObject({ Workflow: { Status: 'RESOLVED' }, Compliance: { Status: 'PASSED' } });
    expect(of(GONE_SG)).toMatchObject({ RecordState: 'ARCHIVED', Workflow: { Status: 'RESOLVED' } });
    expect(of('arn:aws:iam::123456789012:root')).toMatchObject({ Region: 'eu-west-1' });
  });

  it('sarif: validates against the SARIF 2.1.0 JSON schema (Microsoft’s published schema)', () => {
    const log = JSON.parse(read('sarif')) as Record<string, any>;
    const validate = sarifValidator();
    assertValid(validate, log, 'SARIF');
    // The validator does reject what is not SARIF 2.1.0.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ message: {} }] }] })).toBe(false);
    const results = log.runs[0].results as Array<Record<string, any>>;
    const at = (name: string) => results.find((r) => r.locations[0].logicalLocations[0].fullyQualifiedName === name)!;
    expect(at(SG_WAIVED).suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(at(RESOLVED_DB)).toMatchObject({ kind: 'pass', baselineState: 'updated' });
    expect(at(GONE_SG)).toMatchObject({ baselineState: 'absent' });
    expect(results.some((r) => r.baselineState === 'new' && r.kind === 'fail')).toBe(true);
  });

  it('junit: parses back with fast-xml-parser; failures, skips (waived) and counts agree', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(read('junit.xml')) as Record<string, any>;
    const suites = [xml.testsuites.testsuite].flat() as Array<Record<string, any>>;
    const cases = suites.flatMap((s) => [s.testcase].flat()) as Array<Record<string, any>>;
    expect(cases).toHaveLength(report.findings.length + 1);
    const failures = cases.filter((c) => c.failure);
    expect(failures).toHaveLength(report.findings.filter((f) => f.status === 'FAIL' && !f.waiver).length);
    expect(Number(xml.testsuites.failures)).toBe(failures.length);
    expect(cases.find((c) => String(c.name).startsWith(SG_WAIVED))!.skipped.message).toMatch(/^waived until 2999-12-31/);
    expect(failures.some((c) => /\[new\]$/.test(c.failure.message))).toBe(true);
  });

  it('md: the diff comes first, then waivers, totals, compliance and open failures', () => {
    const md = read('md');
    const order = [
      '### Since the baseline',
      '#### New failures',
      '#### Resolved',
      '### Waivers',
      '### Results',
      '### Compliance',
      '### Open failures',
    ];
    const at = order.map((h) => md.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toContain('**1 new failure(s)**');
    expect(md).toContain('| expired | `s3-bucket-public-access-block` |');
  });

  it('html: shows the diff and the waivers', () => {
    const html = read('html');
    expect(html).toContain('Compared with the baseline of <time datetime="2026-01-01T00:00:00.000Z" title="2026-01-01 00:00:00 UTC">');
    expect(html).toContain('<h3>New failures (1)</h3>');
    expect(html).toContain('expired: no longer applies');
    expect(html).toContain('stale: matched no failure');
  });
});
