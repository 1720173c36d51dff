/** Waivers, config and report files: bad input exits 2 naming file, line and field; CLI overrides config. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/engine/options.js';
import { optionsSchema, resolveCheckOptions, schemaFromDefault } from '../../src/ops/config.js';
import { globToRegExp } from '../../src/ops/waivers.js';
import type { ReportDocument } from '../../src/report/model.js';
import { renderJson, renderJsonChunks } from '../../src/report/json.js';
import { writeFileAtomic, writeReport } from '../../src/report/write.js';
import { runCli, tempDir } from '../helpers/cli.js';

const oneLine = (text: string): void => {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).toMatch(/^srm-audit: /);
};

function file(dir: string, name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const goodWaiver = [
  '  - check: rds-storage-encrypted',
  '    resources: [legacy-reports]',
  '    reason: migrating',
  '    owner: dba',
  '    expires: 2999-01-01',
];

describe('malformed waivers: exit 2, one line with the line and the field', () => {
  it.each([
    [
      'a missing owner',
      ['waivers:', ...goodWaiver.filter((l) => !l.includes('owner'))],
      /waivers\.yaml:2: waivers\[0\]\.owner: is missing/,
    ],
    [
      'a date that is not a date',
      ['waivers:', ...goodWaiver.slice(0, 4), '    expires: next year'],
      /waivers\.yaml:6: waivers\[0\]\.expires: must match format "date"/,
    ],
    ['an unknown field', ['waivers:', ...goodWaiver, '    approver: me'], /waivers\.yaml:7: waivers\[0\]\.approver: is not a known field/],
    [
      'an unknown check',
      [
        'waivers:',
        ...goodWaiver,
        '  - check: no-such-check',
        '    resources: [x]',
        '    reason: r',
        '    owner: o',
        '    expires: 2999-01-01',
      ],
      /waivers\.yaml:7: waivers\[1\]\.check: unknown check "no-such-check"/,
    ],
    [
      'resources not a list',
      [
        'waivers:',
        '  - check: rds-storage-encrypted',
        '    resources: legacy-reports',
        '    reason: r',
        '    owner: o',
        '    expires: 2999-01-01',
      ],
      /waivers\.yaml:3: waivers\[0\]\.resources: must be array/,
    ],
    ['broken YAML', ['waivers:', '  - check: [unclosed'], /waivers\.yaml:\d+: not valid YAML/],
  ])('%s', async (_name, lines, pattern) => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const run = await runCli(['scan', '--demo', '--output-dir', out, '--waivers', file(dir, 'waivers.yaml', lines)]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(pattern);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('a missing waivers file', async () => {
    const run = await runCli(['scan', '--demo', '--output-dir', tempDir(), '--waivers', '/nonexistent/w.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read waivers file \/nonexistent\/w\.yaml/);
  });
});

describe('waiver globs', () => {
  it('* spans ARN separators, ? is one character, the rest is literal', () => {
    expect(globToRegExp('arn:aws:ec2:*:123456789012:security-group/*').test('arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1')).toBe(
      true,
    );
    expect(globToRegExp('arn:aws:s3:::logs-?').test('arn:aws:s3:::logs-1')).toBe(true);
    expect(globToRegExp('arn:aws:s3:::logs-?').test('arn:aws:s3:::logs-12')).toBe(false);
    expect(globToRegExp('a.b(c)').test('aXb(c)')).toBe(false);
  });
});

describe('baseline', () => {
  it('a baseline that is not a report, or of another account, exits 2', async () => {
    const dir = tempDir();
    const notReport = file(dir, 'x.json', ['{"hello": 1}']);
    const run = await runCli(['scan', '--demo', '--output-dir', join(dir, 'o'), '--baseline', notReport]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not an srm-audit JSON report/);
    await runCli(['scan', '--demo', '--fail-on', 'none', '--output-dir', join(dir, 'a'), '--format', 'json']);
    const other = JSON.parse(readFileSync(join(dir, 'a', 'latest.json'), 'utf8')) as ReportDocument;
    other.run.accountId = '999999999999';
    writeFileSync(join(dir, 'other.json'), JSON.stringify(other));
    const wrong = await runCli(['scan', '--demo', '--output-dir', join(dir, 'b'), '--baseline', join(dir, 'other.json')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/a report of account 999999999999, not 123456789012/);
    expect((await runCli(['scan', '--demo', '--fail-on-new', '--output-dir', join(dir, 'c')])).stderr).toMatch(
      /--fail-on-new needs --baseline/,
    );
  });

  it('the same account twice: nothing new, --fail-on-new exits 0 although failures persist', async () => {
    const dir = tempDir();
    await runCli(['scan', '--demo', '--fail-on', 'none', '--output-dir', dir, '--format', 'json']);
    const run = await runCli([
      'scan',
      '--demo',
      '--output-dir',
      dir,
      '--format',
      'json',
      '--baseline',
      join(dir, 'latest.json'),
      '--fail-on-new',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as ReportDocument;
    expect(report.baseline!.counts.new).toBe(0);
    expect(report.summary.byStatus.FAIL).toBeGreaterThan(0);
  });
});

describe('config file', () => {
  it('derives the options schema from DEFAULT_OPTIONS (every option, typed by its default)', () => {
    const schema = optionsSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
    expect(schema.additionalProperties).toBe(false);
    expect(schemaFromDefault({ a: [1], b: 'x', c: { d: 1.5 } })).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        a: { type: 'array', items: { type: 'integer' } },
        b: { type: 'string' },
        c: { type: 'object', additionalProperties: false, properties: { d: { type: 'number' } } },
      },
    });
    expect(resolveCheckOptions({ adminPorts: [22] }, { adminPorts: [2222] }).adminPorts).toEqual([2222]);
    expect(() => resolveCheckOptions({ allowedRegions: ['Europe'] }, {})).toThrow(/allowedRegions\.0 must match pattern/);
  });

  it('is read from the working directory; the command line overrides it', async () => {
    const dir = tempDir();
    file(dir, 'srm-audit.config.yaml', [
      'format: [md]',
      'failOn: critical',
      'outputDir: out',
      'regions: [eu-west-1]',
      'options:',
      '  adminPorts: [22]',
    ]);
    const viaConfig = await runCli(['scan', '--demo'], {}, dir);
    expect(viaConfig.stderr).toBe('');
    expect(viaConfig.code).toBe(1); // root without MFA is critical
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('srm-audit-'))).toEqual([expect.stringMatching(/\.md$/)]);
    const md = readFileSync(join(dir, 'out', 'latest.md'), 'utf8');
    expect(md).toContain('1 region(s)');
    const overridden = await runCli(['scan', '--demo', '--fail-on', 'none', '--format', 'json', '--regions', 'us-east-1'], {}, dir);
    expect(overridden.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'latest.json'), 'utf8')) as ReportDocument;
    expect(report.run.regions).toEqual(['us-east-1']);
  });

  it.each([
    ['an unknown key', ['formats: [md]'], /srm-audit\.config\.yaml:1: formats: is not a known field/],
    [
      'a wrong type in options',
      ['options:', '  adminPorts: [ssh]'],
      /srm-audit\.config\.yaml:2: options\.adminPorts\[0\]: must be integer/,
    ],
    ['an unknown option', ['options:', '  adminPort: 22'], /srm-audit\.config\.yaml:2: options\.adminPort: is not a known field/],
    [
      'a bad enum',
      ['failOn: severe'],
      /srm-audit\.config\.yaml:1: failOn: must be one of critical, high, medium, low, informational, none/,
    ],
  ])('%s exits 2 with the line and field', async (_name, lines, pattern) => {
    const dir = tempDir();
    const run = await runCli(['scan', '--demo', '--config', file(dir, 'srm-audit.config.yaml', lines), '--output-dir', join(dir, 'o')]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(pattern);
  });

  it('--set overrides an option and is type-checked', async () => {
    const bad = await runCli(['scan', '--demo', '--output-dir', tempDir(), '--set', 'adminPorts=ssh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option adminPorts\.0 must be integer/);
    const unknown = await runCli(['scan', '--demo', '--output-dir', tempDir(), '--set', 'nope=1']);
    expect(unknown.stderr).toMatch(/unknown option "nope"/);
    const ok = await runCli([
      'scan',
      '--demo',
      '--fail-on',
      'none',
      '--output-dir',
      tempDir(),
      '--set',
      'adminPorts=22,3389',
      '--set',
      'internetPrefix.ipv4=8',
    ]);
    expect(ok.code).toBe(0);
  });
});

describe('report files', () => {
  it('streams content given in pieces, and the JSON in pieces is exactly JSON.stringify(report, null, 2)', async () => {
    const dir = tempDir();
    await writeFileAtomic(
      join(dir, 'a.txt'),
      (function* () {
        for (let i = 0; i < 3000; i++) yield `${i}${'x'.repeat(500)}\n`;
      })(),
    );
    const text = readFileSync(join(dir, 'a.txt'), 'utf8').split('\n');
    expect(text).toHaveLength(3001);
    expect(text[2999]).toBe(`2999${'x'.repeat(500)}`);
    expect(readdirSync(dir)).toEqual(['a.txt']);

    const finding = (i: number) => ({
      id: `f${i}`,
      message: `line one\nline "two" </script> ${'\u2028'}`,
      resource: { id: `r${i}`, tags: [{ k: 'v' }] },
    });
    for (const n of [0, 1, 499, 500, 501, 1234]) {
      const report = {
        schemaVersion: '1.1.0',
        run: { errors: [] },
        summary: { total: n },
        findings: Array.from({ length: n }, (_, i) => finding(i)),
        views: { grid: [] },
      } as unknown as ReportDocument;
      expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
      // Small pieces are joined up to about 64 kB: a report of a few findings is one piece.
      const pieces = [...renderJsonChunks(report)];
      expect(pieces.length).toBeGreaterThan(n > 1000 ? 1 : 0);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200_000);
    }
  });

  it('latest.<ext> holds the report just written, a second name for it, and outlives its rotation', async () => {
    const dir = tempDir();
    const first = await writeReport(dir, 'srm-audit-123456789012-20260101T000000Z', 'json', ['{"a":', '1}\n'], 1);
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('{"a":1}\n');
    expect(statSync(join(dir, 'latest.json')).ino).toBe(statSync(first).ino);
    await writeReport(dir, 'srm-audit-123456789012-20260102T000000Z', 'json', ['{"b":2}\n'], 1);
    expect(existsSync(first)).toBe(false);
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('{"b":2}\n');
    expect(readdirSync(dir).sort()).toEqual(['latest.json', 'latest.run', 'srm-audit-123456789012-20260102T000000Z.json']);
  });

  it('a failed write leaves no temp file and the previous report untouched', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'r.json'), 'previous');
    const failing = (function* () {
      yield 'half a report';
      throw new Error('renderer broke');
    })();
    await expect(writeFileAtomic(join(dir, 'r.json'), failing)).rejects.toThrow('renderer broke');
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('previous');
  });

  it('writes <base>.<ext> and latest.<ext>, and --keep keeps the newest N of this account and extension', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'srm-audit-999999999999-20200101T000000Z.json'), 'other account');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    for (const stamp of ['20260101T000000Z', '20260102T000000Z', '20260103T000000Z']) {
      await writeReport(dir, `srm-audit-123456789012-${stamp}`, 'json', stamp, 2);
      await writeReport(dir, `srm-audit-123456789012-${stamp}`, 'ocsf.json', stamp, 2);
    }
    expect(readdirSync(dir).sort()).toEqual([
      'latest.json',
      'latest.ocsf.json',
      'latest.run',
      'notes.txt',
      'srm-audit-123456789012-20260102T000000Z.json',
      'srm-audit-123456789012-20260102T000000Z.ocsf.json',
      'srm-audit-123456789012-20260103T000000Z.json',
      'srm-audit-123456789012-20260103T000000Z.ocsf.json',
      'srm-audit-999999999999-20200101T000000Z.json',
    ]);
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('20260103T000000Z');
  });

  it('--framework limits the checks and the compliance views to one framework', async () => {
    const dir = tempDir();
    const run = await runCli([
      'scan',
      '--demo',
      '--fail-on',
      'none',
      '--format',
      'json',
      '--output-dir',
      dir,
      '--framework',
      'cis-aws-5.0',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as ReportDocument;
    expect(report.run.framework).toBe('cis-aws-5.0');
    expect(report.views.compliance.map((v) => v.framework)).toEqual(['cis-aws-5.0']);
    expect(report.run.checks).not.toContain('s3-bucket-versioning'); // mapped to FSBP only
    expect(report.run.checks).toContain('s3-bucket-effective-public-access-block'); // CIS 5.0 2.1.4 (account or bucket)
    expect(report.run.checks).not.toContain('s3-bucket-public-access-block'); // FSBP S3.8 only (bucket level)
    expect(report.findings.every((f) => (f.compliance['cis-aws-5.0'] ?? []).length > 0)).toBe(true);
  });
});
