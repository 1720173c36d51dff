/**
 * Every non-HTML writer fed a report full of hostile strings: AWS-derived names, tags, messages
 * and error text, a tampered baseline file and a waivers file. Each output must stay parseable by
 * a strict reader, valid for its consumer (Security Hub, SARIF viewers, spreadsheets, GitHub job
 * summaries), and carry the hostile text only as inert text.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildAsff, renderAsff } from '../../src/report/asff.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderJunit } from '../../src/report/junit.js';
import { codeSpan, mdEscape, renderMd } from '../../src/report/md.js';
import type { BaselineEntry, Report, ReportFinding } from '../../src/report/model.js';
import { renderOcsf } from '../../src/report/ocsf.js';
import { renderSarif, sarifText } from '../../src/report/sarif.js';
import { truncate, wellFormed } from '../../src/report/text.js';
import { reportOf, sampleFinding } from '../helpers/report.js';
import { assertValid, foreignValidator, sarifValidator } from '../helpers/schema.js';

const LONE = 'half\uD83D pair'; // a lone high surrogate: not Unicode, a hostile endpoint can still send it
const CONTROL = 'nul\u0000 bell\u0007 esc\u001B vt\u000B';
const IMG = '<img src=x onerror=alert(1)>';
const LINK = '[Fix it now](https://evil.example/login) ![p](https://evil.example/p.png)';
const AUTOLINK = 'https://evil.example/a www.evil.example ops@evil.example';
const PLACEHOLDER = 'Policy {0} {"Statement":[{"Effect":"Allow"}]}';

const finding = (over: Partial<ReportFinding>, n: number): ReportFinding =>
  sampleFinding(n, { compliance: { 'aws-fsbp': ['EC2.2'] }, ...over });

const findings: ReportFinding[] = [
  finding(
    {
      resource: { id: `sg-${LONE}`, type: 'AWS::EC2::SecurityGroup', name: `=HYPERLINK("https://evil.example","x") ${IMG}` },
      message: `${CONTROL} ${LONE} ${LINK} ${PLACEHOLDER} ${'🔥'.repeat(1500)}`,
      title: 'x'.repeat(300),
      remediation: 'y'.repeat(600),
      baseline: 'new',
    },
    1,
  ),
  finding(
    {
      resource: { id: '@SUM(1+1)*cmd|"/C calc"!A0', type: 'AWS::S3::Bucket', arn: `arn:aws:s3:::${AUTOLINK}`, name: '\t-2+3' },
      message: `line one\r\nline two\rline three | ${AUTOLINK} \`tick\` <!-- c --> ${IMG}`,
      title: 'bare\rCR',
      waiver: { reason: `+accepted ${LINK}`, owner: `-owner ${'o'.repeat(600)}`, expires: '2999-01-01', source: 'waivers.yaml:3' },
      status: 'FAIL',
    },
    2,
  ),
  // An empty message and title: ASFF wants at least one non-space character in both.
  finding({ status: 'PASS', message: '', title: ' ', remediation: '', resource: { id: ' ', type: 'AWS::IAM::Role' } }, 3),
  finding({ status: 'ERROR', message: `AccessDenied: ${'🔥'.repeat(1500)}`, region: 'global', checkId: 'iam-\u0001check' }, 4),
];

// A tampered baseline: its failures name severities, accounts and regions no run produces.
const gone = {
  id: `gone-${'z'.repeat(600)}`,
  checkId: 'check-1',
  title: `Deleted ${IMG}`,
  severity: 'catastrophic',
  service: 'ec2',
  region: 'us-east-1',
  accountId: '<script>',
  resource: { id: `sg-gone ${LINK}`, type: 'AWS::EC2::SecurityGroup', name: CONTROL },
  message: `was open ${LONE} ${PLACEHOLDER}`,
} as unknown as BaselineEntry;

const report: Report = {
  ...reportOf(findings, {
    callerArn: `arn:${IMG}:sts::123456789012:assumed-role/auditor/x`,
    regions: ['us-east-1'],
    partial: true,
    apiCalls: { total: 3, byOperation: {} },
    errors: [
      {
        checkId: 'check-4',
        region: 'us-east-1',
        resourceId: `res-${LINK}`,
        code: 'AccessDenied',
        kind: 'access',
        message: `denied ${PLACEHOLDER} ${LONE}`,
      },
    ],
  }),
  baseline: {
    file: 'baseline.json',
    startedAt: '2026-01-01T00:00:00.000Z',
    counts: { new: 1, persisting: 0, resolved: 1, notRechecked: 0 },
    gone: [gone],
    notRechecked: [],
  },
  waivers: {
    file: 'waivers.yaml',
    expired: [{ checkId: 'a`b|c', resources: ['*'], reason: IMG, owner: `${LINK}`, expires: '2001-01-01', source: 'waivers.yaml:9' }],
    stale: [],
    applied: [],
  },
};

/** Characters no strict reader accepts: lone surrogates (and, for XML, what XML 1.0 forbids). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ESCAPE = /(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

describe('shared text helpers', () => {
  it('wellFormed replaces lone surrogates and keeps pairs', () => {
    expect(wellFormed(`a\uD800b\uDC00c🔥`)).toBe('a\uFFFDb\uFFFDc🔥');
  });
  it('truncate counts code points, never splits a pair, and marks the cut', () => {
    expect(truncate('🔥🔥🔥', 2)).toBe('🔥…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(LONE_SURROGATE.test(truncate('🔥'.repeat(600), 1024))).toBe(false);
  });
});

describe('JSON formats (OCSF, ASFF, SARIF) with hostile strings', () => {
  for (const [name, render] of [
    ['ocsf', renderOcsf],
    ['asff', renderAsff],
    ['sarif', renderSarif],
  ] as const) {
    it(`${name}: no lone surrogate survives, not even as a \\u escape`, () => {
      const text = render(report);
      expect(LONE_SURROGATE_ESCAPE.test(text)).toBe(false);
      expect(LONE_SURROGATE.test(text)).toBe(false);
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    });
  }

  it('ocsf: every event, the tampered baseline one too, is a valid Detection Finding', () => {
    const events = JSON.parse(renderOcsf(report)) as Array<Record<string, unknown>>;
    assertValid(foreignValidator('ocsf-detection-finding-1.1.schema.json'), events, 'OCSF');
    expect(events.at(-1)).toMatchObject({ severity_id: 1, finding_info: { types: [] } });
  });

  it('asff: Security Hub limits hold, so BatchImportFindings takes the whole batch', () => {
    const out = JSON.parse(renderAsff(report)) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assertValid(foreignValidator('asff-2018-10-08.schema.json'), out, 'ASFF');
    const chars = (s: string): number => Array.from(s).length;
    const nonBlank = /\S/;
    for (const f of out) {
      expect(chars(f.Title)).toBeLessThanOrEqual(256);
      expect(chars(f.Description)).toBeLessThanOrEqual(1024);
      expect(chars(f.Id)).toBeLessThanOrEqual(512);
      expect(chars(f.GeneratorId)).toBeLessThanOrEqual(512);
      for (const text of [f.Title, f.Description, f.Id, f.GeneratorId, f.Resources[0].Id]) expect(text).toMatch(nonBlank);
      if (f.Remediation) expect(f.Remediation.Recommendation.Text).toMatch(nonBlank);
      if (f.Note) expect(chars(f.Note.UpdatedBy)).toBeLessThanOrEqual(512);
      expect(['aws', 'aws-cn', 'aws-us-gov']).toContain(f.Resources[0].Partition);
      expect(chars(f.Resources[0].Region)).toBeLessThanOrEqual(16);
      expect(f.ProductArn).toBe('arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default');
      expect(f.AwsAccountId).toBe('123456789012');
      for (const v of Object.values(f.ProductFields as Record<string, string>)) expect(chars(v)).toBeLessThanOrEqual(2048);
    }
    // Cut where the text is too long, with a mark: 300 x's become 255 and an ellipsis.
    expect(out[0]!.Title).toBe(`${'x'.repeat(255)}…`);
    expect(out.at(-1)!.Severity.Label).toBe('INFORMATIONAL');
    expect(buildAsff(report)).toHaveLength(findings.length + 1);
  });

  it('sarif: validates, and hostile text holds no embedded link or placeholder', () => {
    const log = JSON.parse(renderSarif(report)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const validate = sarifValidator();
    assertValid(validate, log, 'SARIF');
    // The schema's formats are applied, not ignored: a "uri" that is not a URI is refused.
    const driver = log.runs[0].tool.driver as Record<string, unknown>;
    expect(validate({ ...log, runs: [{ ...log.runs[0], tool: { driver: { ...driver, informationUri: 'not a uri' } } }] })).toBe(false);
    const results = log.runs[0].results as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const texts = [
      ...results.flatMap((r) => [r.message.text, r.locations[0].message.text]),
      ...log.runs[0].tool.driver.rules.flatMap((r: any) => [r.shortDescription.text, r.help?.text ?? 'x']), // eslint-disable-line @typescript-eslint/no-explicit-any
      ...log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text), // eslint-disable-line @typescript-eslint/no-explicit-any
    ] as string[];
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(0);
      // SARIF §3.11.6: an unescaped "[" starts an embedded link; §3.11.5: a single "{" starts a placeholder.
      expect(text).not.toMatch(/(?<!\\)(?:\\\\)*\[/);
      expect(text.replace(/\{\{|\}\}/g, '')).not.toMatch(/[{}]/);
    }
    expect(results[0]!.message.text).toContain('\\[Fix it now\\](https://evil.example/login)');
    expect(results[0]!.message.text).toContain('Policy {{0}} {{"Statement":\\[{{"Effect":"Allow"}}\\]}}');
    expect(sarifText('a\\b')).toBe('a\\\\b');
  });
});

describe('CSV with hostile strings', () => {
  const text = renderCsv(report);
  const rows = parseCsv(text, { columns: true }) as Array<Record<string, string>>;

  it('keeps one record per finding: a bare CR inside a cell is quoted, not a line break', () => {
    expect(rows).toHaveLength(findings.length + 1);
    // Spreadsheets end a row at a bare CR too: every CR in the file sits inside a quoted cell.
    const outsideQuotes = text.split('"').filter((_, i) => i % 2 === 0);
    expect(outsideQuotes.join('')).not.toMatch(/\r/);
    expect(rows[1]!.message).toBe(`line one\r\nline two\rline three | ${AUTOLINK} \`tick\` <!-- c --> ${IMG}`);
  });

  it("prefixes every cell a spreadsheet would run as a formula with '", () => {
    expect(rows[0]!.resource_name).toBe(`'=HYPERLINK("https://evil.example","x") ${IMG}`);
    expect(rows[1]!.resource_id).toBe(`'@SUM(1+1)*cmd|"/C calc"!A0`);
    expect(rows[1]!.resource_name).toBe("'\t-2+3");
    expect(rows[1]!.waiver_reason).toMatch(/^'\+accepted/);
    expect(rows[1]!.waiver_owner).toMatch(/^'-owner/);
    const risky = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]|^\s+[=+\-@]/;
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(risky);
  });

  it('neutralises a formula hidden behind leading spaces or a line break, and full-width signs', () => {
    const more = { ...report, baseline: undefined, findings: [finding({ message: ' =1+1', title: '\n=cmd', remediation: '＝1+1' }, 9)] };
    const [row] = parseCsv(renderCsv(more), { columns: true }) as Array<Record<string, string>>;
    expect([row!.message, row!.title, row!.remediation]).toEqual(["' =1+1", "'\n=cmd", "'＝1+1"]);
  });
});

describe('JUnit XML with hostile strings', () => {
  const xml = renderJunit(report);

  it('holds only characters XML 1.0 allows, in every attribute and text (the tampered baseline too)', () => {
    expect(NOT_XML_CHAR.test(xml)).toBe(false);
    expect(LONE_SURROGATE.test(xml)).toBe(false);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('parses back with the hostile text as text', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const suites = [doc.testsuites.testsuite].flat() as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(suites.map((s) => s.name)).toContain('iam-\uFFFDcheck');
    expect(xml).not.toContain('<img');
  });
});

describe('Markdown with hostile strings (GitHub renders HTML and autolinks in job summaries)', () => {
  const md = renderMd(report);

  it('renders no HTML, link, image, autolink, mention or table break from AWS-derived text', () => {
    expect(md).not.toContain('<'); // no tag can open: "<" only as &lt;
    expect(md).not.toMatch(/(?<!\\)(?:\\\\)*\[/); // every "[" escaped: no link or image
    expect(md).not.toMatch(/https?:\/\//); // "https\:\/\/": no autolink
    expect(md).not.toContain('www.');
    expect(md).not.toMatch(/(?<!\\)@/); // no mention, no e-mail autolink
    // Every row of a table keeps the table's column count: no raw "|" or line break from a value.
    const pipes = (line: string): number => line.replace(/\\\\/g, '').split(/(?<!\\)\|/).length;
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const lines = block.split('\n').filter(Boolean);
      expect(lines.map(pipes)).toEqual(lines.map(() => pipes(lines[0]!)));
    }
  });

  it('shows control characters (a terminal escape in `cat report.md`) as U+FFFD', () => {
    // eslint-disable-next-line no-control-regex -- exactly what must not reach the file
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(codeSpan('a\u001Bb')).toBe('`a\uFFFDb`');
  });

  it('escapes every ASCII punctuation mark a renderer could act on', () => {
    expect(mdEscape('a:b.c@d#e$f!g(h)i')).toBe('a\\:b\\.c\\@d\\#e\\$f\\!g\\(h\\)i');
    expect(mdEscape('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
    expect(mdEscape('x\r\ny\nz\u2028w')).toBe('x y z w');
  });

  it('puts identifiers in code spans that a backtick cannot close, nor a pipe split', () => {
    expect(codeSpan('s3-bucket')).toBe('`s3-bucket`');
    expect(codeSpan('a`b|c')).toBe('``a`b\\|c``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('a\\|b')).toBe('`a\\\\\\|b`'); // GFM splits cells on a "|" after "\\" pairs
    expect(md).toContain('| expired | ``a`b\\|c`` |');
  });

  it('keeps long details short enough for a job summary', () => {
    expect(md).toContain('🔥…');
    expect(md.length).toBeLessThan(20_000);
  });
});
