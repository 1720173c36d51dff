/**
 * JUnit XML for CI test views: one test suite per check, one test case per resource.
 * FAIL → <failure>, ERROR → <error>, NOT_APPLICABLE and waived failures → <skipped>.
 * Built with xmlbuilder2, which escapes every AWS-derived string and (told to) replaces what XML 1.0
 * cannot carry at all, even escaped: control characters, U+FFFE/U+FFFF and lone surrogates. It
 * does so for every attribute and text, the tampered baseline's check ids and categories included.
 */
import { create } from 'xmlbuilder2';
import { goneMessage } from './text.js';
import type { BaselineEntry, Report, ReportFinding } from './model.js';

function caseName(f: ReportFinding | BaselineEntry): string {
  return `${f.resource.arn ?? f.resource.id} (${f.region})`;
}

export function renderJunit(report: Report): string {
  const byCheck = new Map<string, Array<ReportFinding | (BaselineEntry & { gone: true })>>();
  for (const f of report.findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
  for (const g of report.baseline?.gone ?? []) byCheck.set(g.checkId, [...(byCheck.get(g.checkId) ?? []), { ...g, gone: true }]);
  const count = (pick: (f: ReportFinding) => boolean): number => report.findings.filter(pick).length;
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele('testsuites', {
    name: `srm-audit ${report.run.accountId}`,
    tests: report.findings.length + (report.baseline?.gone.length ?? 0),
    failures: count((f) => f.status === 'FAIL' && !f.waiver),
    errors: count((f) => f.status === 'ERROR'),
    skipped: count((f) => f.status === 'NOT_APPLICABLE' || !!f.waiver),
    time: (report.run.durationMs / 1000).toFixed(3),
    timestamp: report.run.startedAt,
  });
  for (const [checkId, items] of byCheck) {
    const findings = items.filter((f): f is ReportFinding => !('gone' in f));
    const suite = root.ele('testsuite', {
      name: checkId,
      tests: items.length,
      failures: findings.filter((f) => f.status === 'FAIL' && !f.waiver).length,
      errors: findings.filter((f) => f.status === 'ERROR').length,
      skipped: findings.filter((f) => f.status === 'NOT_APPLICABLE' || f.waiver).length,
      timestamp: report.run.startedAt,
    });
    suite.ele('properties').ele('property', { name: 'title', value: items[0]?.title ?? '' });
    for (const f of items) {
      const tc = suite.ele('testcase', { classname: `srm-audit.${f.category}.${checkId}`, name: caseName(f), time: '0' });
      if ('gone' in f) {
        tc.ele('system-out').txt(goneMessage(f));
        continue;
      }
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
  }
  return `${root.end({ prettyPrint: true })}\n`;
}
