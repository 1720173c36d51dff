/** CSV: one row per finding (and one per resolved failure whose resource is gone), via csv-stringify. */
import { stringify } from 'csv-stringify/sync';
import { FRAMEWORKS } from '../engine/types.js';
import type { Report, ReportFinding } from './model.js';
import { goneMessage, visibleBidi } from './text.js';

export const CSV_COLUMNS = [
  'finding_id',
  'status',
  'waived',
  'baseline',
  'previous_status',
  'severity',
  'check_id',
  'title',
  'category',
  'responsibility',
  'service',
  'region',
  'account_id',
  'resource_id',
  'resource_arn',
  'resource_type',
  'resource_name',
  'message',
  'remediation',
  ...FRAMEWORKS,
  'waiver_reason',
  'waiver_owner',
  'waiver_expires',
  'waiver_source',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection": = + - @, tab or CR first;
 * also LF, the full-width signs some spreadsheets accept, and a sign behind leading spaces),
 * prefixed with ' so that it stays text.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
export const defuseFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** Rows written together; each batch is stringified on its own (the header with the first). */
const CSV_BATCH = 1000;

function findingRow(f: ReportFinding): Row {
  return {
    finding_id: f.id,
    status: f.status,
    waived: f.waiver ? 'yes' : '',
    baseline: f.baseline ?? '',
    previous_status: f.previousStatus ?? '',
    severity: f.severity,
    check_id: f.checkId,
    title: f.title,
    category: f.category,
    responsibility: f.responsibility,
    service: f.service,
    region: f.region,
    account_id: f.accountId,
    resource_id: f.resource.id,
    resource_arn: f.resource.arn ?? '',
    resource_type: f.resource.type,
    resource_name: f.resource.name ?? '',
    message: f.message,
    remediation: f.remediation,
    ...(Object.fromEntries(FRAMEWORKS.map((fw) => [fw, (f.compliance[fw] ?? []).join(' ')])) as Record<
      (typeof FRAMEWORKS)[number],
      string
    >),
    waiver_reason: f.waiver?.reason ?? '',
    waiver_owner: f.waiver?.owner ?? '',
    waiver_expires: f.waiver?.expires ?? '',
    waiver_source: f.waiver?.source ?? '',
  };
}

function* rowsOf(report: Report): Generator<Row> {
  for (const f of report.findings) yield findingRow(f);
  for (const g of report.baseline?.gone ?? []) {
    yield {
      ...(Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Row),
      finding_id: g.id,
      status: 'GONE',
      baseline: 'resolved',
      previous_status: 'FAIL',
      severity: g.severity,
      check_id: g.checkId,
      title: g.title,
      category: g.category,
      responsibility: g.responsibility,
      service: g.service,
      region: g.region,
      account_id: g.accountId,
      resource_id: g.resource.id,
      resource_arn: g.resource.arn ?? '',
      resource_type: g.resource.type,
      resource_name: g.resource.name ?? '',
      message: goneMessage(g),
    };
  }
}

/** The CSV in pieces of CSV_BATCH rows, so that no report size makes it one string. */
export function* renderCsvChunks(report: Report): Generator<string> {
  let batch: Row[] = [];
  let first = true;
  // A bare CR is a line break to spreadsheets too: a cell holding one is quoted like one with LF.
  const flush = (): string => {
    const text = stringify(batch, {
      header: first,
      columns: [...CSV_COLUMNS],
      cast: { string: (cell) => defuseFormula(visibleBidi(cell)) },
      quoted_match: /\r/,
      record_delimiter: 'unix',
    });
    first = false;
    batch = [];
    return text;
  };
  for (const row of rowsOf(report)) {
    batch.push(row);
    if (batch.length === CSV_BATCH) yield flush();
  }
  if (batch.length || first) yield flush();
}

export const renderCsv = (report: Report): string => [...renderCsvChunks(report)].join('');
