/**
 * JUnit XML for CI test views: one test suite per check, one test case per resource.
 * FAIL → <failure>, ERROR → <error>, NOT_APPLICABLE and waived failures → <skipped>.
 * Built with xmlbuilder2, which escapes every AWS-derived string and (told to) replaces what XML 1.0
 * cannot carry at all, even escaped: control characters, U+FFFE/U+FFFF and lone surrogates. It
 * does so for every attribute and text, the tampered baseline's check ids and categories included.
 */
import { randomUUID } from 'node:crypto';
import { create, fragment } from 'xmlbuilder2';
import { goneMessage } from './text.js';
import { countWhere, type BaselineEntry, type Report, type ReportFinding } from './model.js';

function caseName(f: ReportFinding | BaselineEntry): string {
  return `${f.resource.arn ?? f.resource.id} (${f.region})`;
}

const XML_OPTIONS = { invalidCharReplacement: '\uFFFD' } as const;

/** An element's start and end tags (text before and after its content), rendered by xmlbuilder2 at `depth`. */
function tags(name: string, attributes: Record<string, string | number>, depth: number, declaration = false): [string, string] {
  const marker = `srm-audit-content-${randomUUID()}`;
  const doc = declaration ? create({ version: '1.0', encoding: 'UTF-8', ...XML_OPTIONS }) : fragment(XML_OPTIONS);
  const text = doc.ele(name, attributes).txt(marker).up().end({ prettyPrint: true, offset: depth });
  const at = text.indexOf(marker);
  return [text.slice(0, at), text.slice(at + marker.length)];
}

/** One test case, rendered on its own (so that no run size makes the report one string). */
function testCase(f: ReportFinding | (BaselineEntry & { gone: true }), checkId: string): string {
  const tc = fragment(XML_OPTIONS).ele('testcase', { classname: `srm-audit.${f.category}.${checkId}`, name: caseName(f), time: '0' });
  if ('gone' in f) {
    tc.ele('system-out').txt(goneMessage(f));
  } else {
    const state = f.baseline ? ` [${f.baseline}]` : '';
    if (f.status === 'FAIL' && f.waiver) {
      tc.ele('skipped', { message: `waived until ${f.waiver.expires} by ${f.waiver.owner}: ${f.waiver.reason}` });
    } else if (f.status === 'FAIL') {
      tc.ele('failure', { message: f.message + state, type: f.severity }).txt(`${f.message}\nRemediation: ${f.remediation}`);
    } else if (f.status === 'ERROR') {
      tc.ele('error', { message: f.message + state, type: 'ERROR' }).txt(f.message);
    } else if (f.status === 'NOT_APPLICABLE') {
      tc.ele('skipped', { message: f.message });
    } else if (f.baseline === 'resolved') {
      tc.ele('system-out').txt(`Resolved since the baseline: ${f.message}`);
    }
  }
  return tc.up().end({ prettyPrint: true, offset: 2 });
}

export function* renderJunitChunks(report: Report): Generator<string> {
  const byCheck = new Map<string, Array<ReportFinding | (BaselineEntry & { gone: true })>>();
  const add = (f: ReportFinding | (BaselineEntry & { gone: true })): void => {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  };
  for (const f of report.findings) add(f);
  for (const g of report.baseline?.gone ?? []) add({ ...g, gone: true });
  const count = (pick: (f: ReportFinding) => boolean): number => countWhere(report.findings, pick);
  const [open, close] = tags(
    'testsuites',
    {
      name: `srm-audit ${report.run.accountId}`,
      tests: report.findings.length + (report.baseline?.gone.length ?? 0),
      failures: count((f) => f.status === 'FAIL' && !f.waiver),
      errors: count((f) => f.status === 'ERROR'),
      skipped: count((f) => f.status === 'NOT_APPLICABLE' || !!f.waiver),
      time: (report.run.durationMs / 1000).toFixed(3),
      timestamp: report.run.startedAt,
    },
    0,
    true,
  );
  yield open;
  for (const [checkId, items] of byCheck) {
    const findings = items.filter((f): f is ReportFinding => !('gone' in f));
    const [suiteOpen, suiteClose] = tags(
      'testsuite',
      {
        name: checkId,
        tests: items.length,
        failures: findings.filter((f) => f.status === 'FAIL' && !f.waiver).length,
        errors: findings.filter((f) => f.status === 'ERROR').length,
        skipped: findings.filter((f) => f.status === 'NOT_APPLICABLE' || f.waiver).length,
        timestamp: report.run.startedAt,
      },
      1,
    );
    yield `\n${suiteOpen}`;
    yield `\n${fragment(XML_OPTIONS)
      .ele('properties')
      .ele('property', { name: 'title', value: items[0]?.title ?? '' })
      .up()
      .up()
      .end({ prettyPrint: true, offset: 2 })}`;
    for (const f of items) yield `\n${testCase(f, checkId)}`;
    yield `\n${' '.repeat(2)}${suiteClose}`;
  }
  yield `${byCheck.size ? '\n' : ''}${close}\n`;
}

export const renderJunit = (report: Report): string => [...renderJunitChunks(report)].join('');
