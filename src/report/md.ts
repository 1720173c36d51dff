/**
 * A short Markdown summary for a CI job summary or a ticket: the diff against the baseline
 * first, then waivers, totals, compliance and the open failures. Hosts render HTML inside
 * Markdown, so every AWS-derived string is escaped (entities for <>&, backslashes for the
 * inline Markdown punctuation, no line breaks inside table cells).
 */
import { CATEGORIES, RESPONSIBILITIES, STATUSES } from '../engine/types.js';
import { findingsWhere, type BaselineEntry, type Report, type ReportFinding } from './model.js';
import { openFailures, resourceName, truncate, visibleBidi, wellFormed } from './text.js';

const MAX_ROWS = 50;

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
/** Control characters (a terminal escape sequence when someone runs `cat report.md`), tab aside. */
// eslint-disable-next-line no-control-regex -- exactly the characters to replace
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text as one line of well-formed Unicode with no control characters (bidi controls shown as escapes). */
const oneLine = (value: unknown): string =>
  visibleBidi(wellFormed(String(value ?? '')))
    .replace(LINE_BREAK, ' ')
    .replace(CONTROL, '\uFFFD');

/**
 * AWS-derived text as inert inline Markdown: entities for < > &, a backslash before every other
 * ASCII punctuation mark (CommonMark lets each be escaped, and that also stops GitHub's autolinks
 * of "https://", "www." and e-mail addresses, @mentions, emoji codes and math), and no line breaks.
 */
export function mdEscape(value: unknown): string {
  return (
    oneLine(value)
      // Punctuation first: the entities' own "&" and ";" must stay as they are.
      .replace(/[!-%'-/:;=?@[-`{-~]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/**
 * An identifier as a code span inside a table cell: fenced by more backticks than it holds in a
 * row (so none closes it early), padded when it starts or ends with a backtick or space, its
 * pipes escaped (GitHub splits table cells on them even inside code) and its line breaks spaces.
 * Nothing else needs escaping: a code span shows its content literally.
 */
export function codeSpan(value: unknown): string {
  // A backslash run before a pipe is doubled too, so that the table still reads "\|" as escaped.
  const text = oneLine(value).replace(/(\\*)\|/g, '$1$1\\|');
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = text === '' || /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The longest details cell: a hostile policy text must not blow a job summary's size limit. */
const MAX_DETAILS = 500;

const table = (head: string[], rows: string[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function findingRows(list: Array<ReportFinding | BaselineEntry>): string[][] {
  return list
    .slice(0, MAX_ROWS)
    .map((f) => [
      mdEscape(f.severity),
      codeSpan(f.checkId),
      mdEscape(resourceName(f)),
      mdEscape(f.region),
      mdEscape(truncate(f.message, MAX_DETAILS)),
    ]);
}

const more = (n: number): string => (n > MAX_ROWS ? `\n\n…and ${n - MAX_ROWS} more (see the JSON or HTML report).` : '');

export function renderMd(report: Report): string {
  const { run, summary } = report;
  const out: string[] = [];
  out.push(`## srm-audit · account ${mdEscape(run.accountId)}`);
  out.push(
    `${mdEscape(run.startedAt)} · ${run.regions.length} region(s) · ${run.checks.length} check(s) · ${run.apiCalls.total} API calls` +
      `${run.framework ? ` · framework ${mdEscape(run.framework)}` : ''}${run.partial ? ` · **partial run: ${run.errors.length} evaluation(s) failed**` : ''}`,
  );
  const head = ['Severity', 'Check', 'Resource', 'Region', 'Details'];
  if (report.baseline) {
    const b = report.baseline;
    const newFails = findingsWhere(report.findings, (f) => f.status === 'FAIL' && f.baseline === 'new');
    const resolved = [...findingsWhere(report.findings, (f) => f.baseline === 'resolved'), ...b.gone];
    out.push(`### Since the baseline (${mdEscape(b.startedAt)})`);
    out.push(
      `**${newFails.length} new failure(s)**, ${b.counts.persisting} persisting, **${resolved.length} resolved**, ${b.counts.notRechecked} not re-checked.`,
    );
    if (newFails.length) out.push(`#### New failures\n\n${table(head, findingRows(newFails))}${more(newFails.length)}`);
    if (resolved.length) out.push(`#### Resolved\n\n${table(head, findingRows(resolved))}${more(resolved.length)}`);
  }
  if (report.waivers) {
    const w = report.waivers;
    out.push(`### Waivers`);
    out.push(`${summary.waived} failure(s) waived by ${w.applied.length} waiver(s); ${w.expired.length} expired, ${w.stale.length} stale.`);
    const rows = [
      ...w.expired.map((x) => ['expired', codeSpan(x.checkId), mdEscape(x.expires), mdEscape(x.owner), mdEscape(x.source)]),
      ...w.stale.map((x) => ['stale (matched nothing)', codeSpan(x.checkId), mdEscape(x.expires), mdEscape(x.owner), mdEscape(x.source)]),
    ];
    if (rows.length) out.push(table(['Problem', 'Check', 'Expires', 'Owner', 'Where'], rows));
  }
  out.push(`### Results`);
  out.push(table(['', ...STATUSES, 'Waived'], [['All', ...STATUSES.map((s) => String(summary.byStatus[s])), String(summary.waived)]]));
  const uncovered = RESPONSIBILITIES.filter((r) => !report.views.grid.some((c) => c.responsibility === r && c.checks.length));
  const failingDuties = RESPONSIBILITIES.filter((r) =>
    report.views.grid.some((c) => c.responsibility === r && c.counts.FAIL - c.waived > 0),
  );
  out.push(
    `Responsibilities with open failures: ${failingDuties.map(mdEscape).join(', ') || 'none'}. ` +
      `Not covered by any check of this run: ${uncovered.map(mdEscape).join(', ') || 'none'}. ` +
      `(Categories: ${CATEGORIES.join(', ')}.)`,
  );
  if (report.views.compliance.length) {
    out.push(`### Compliance`);
    out.push(
      table(
        ['Framework', 'Pass', 'Fail', 'Error', 'Not evaluated', 'Not covered', 'Passing (of evaluated)'],
        report.views.compliance.map((v) => [
          mdEscape(v.title),
          String(v.counts.pass),
          String(v.counts.fail),
          String(v.counts.error),
          String(v.counts['not-evaluated']),
          String(v.counts['not-covered']),
          v.passRate === null ? 'n/a' : `${Math.round(v.passRate * 100)}%`,
        ]),
      ),
    );
  }
  const open = openFailures(report);
  out.push(`### Open failures (${open.length})`);
  out.push(open.length ? `${table(head, findingRows(open))}${more(open.length)}` : 'None.');
  return `${out.join('\n\n')}\n`;
}
