/**
 * The two views a compliance reviewer reads first, computed from check metadata (category,
 * responsibility, compliance map) and the findings, never from a list of today's checks:
 * the shared-responsibility grid and one compliance view per framework.
 */
import { FRAMEWORK_DEFS, compareControlIds } from '../compliance/index.js';
import type { CheckMeta } from '../engine/check.js';
import { CATEGORIES, FRAMEWORKS, RESPONSIBILITIES, type Framework } from '../engine/types.js';
import { zeroCounts, type ComplianceView, type ControlResult, type ControlStatus, type GridCell, type ReportFinding } from './model.js';

type Meta = Pick<CheckMeta, 'id' | 'category' | 'responsibility' | 'compliance'>;

/** Every responsibility × category cell, with the checks of this run that cover it and their results. */
export function buildGrid(ranChecks: readonly Meta[], findings: readonly ReportFinding[]): GridCell[] {
  const cells: GridCell[] = [];
  const byKey = new Map<string, GridCell>();
  for (const responsibility of RESPONSIBILITIES) {
    for (const category of CATEGORIES) {
      const checks = ranChecks.filter((c) => c.category === category && c.responsibility === responsibility).map((c) => c.id);
      const cell: GridCell = { category, responsibility, checks, counts: zeroCounts(), waived: 0 };
      byKey.set(`${responsibility}|${category}`, cell);
      cells.push(cell);
    }
  }
  // One pass over the findings (a large account has tens of thousands).
  for (const f of findings) {
    const cell = byKey.get(`${f.responsibility}|${f.category}`);
    if (!cell) continue;
    cell.counts[f.status]++;
    if (f.waiver) cell.waived++;
  }
  return cells;
}

function controlStatus(mapped: readonly string[], ran: ReadonlySet<string>, findings: readonly ReportFinding[]): ControlStatus {
  if (mapped.length === 0) return 'not-covered';
  if (!mapped.some((id) => ran.has(id))) return 'not-evaluated';
  if (findings.some((f) => f.status === 'FAIL' && !f.waiver)) return 'fail';
  if (findings.some((f) => f.status === 'ERROR')) return 'error';
  return 'pass';
}

/**
 * One framework's controls with a status each: not covered when no check of the catalog
 * maps to it, not evaluated when the checks that do were not run, otherwise fail (an
 * unwaived FAIL), error (something could not be evaluated) or pass (no resource violates
 * it, including when there was nothing to evaluate).
 */
export function buildComplianceView(
  framework: Framework,
  catalog: readonly Meta[],
  ranCheckIds: readonly string[],
  findings: readonly ReportFinding[],
): ComplianceView {
  const def = FRAMEWORK_DEFS[framework];
  const ran = new Set(ranCheckIds);
  const mappedBy = new Map<string, string[]>();
  for (const check of catalog) {
    for (const id of check.compliance[framework] ?? []) mappedBy.set(id, [...(mappedBy.get(id) ?? []), check.id]);
  }
  const listed = new Set(def.controls.map((c) => c.id));
  const unlisted = [...mappedBy.keys()].filter((id) => !listed.has(id)).sort(compareControlIds);
  const entries = [
    ...def.controls.map((c) => ({ id: c.id, title: c.title, listed: true })),
    ...unlisted.map((id) => ({ id, title: 'Mapped by a check but not in this framework’s control list', listed: false })),
  ];
  // Each control's findings, gathered in one pass over the findings rather than one per control.
  const byControl = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    for (const id of new Set(f.compliance[framework] ?? [])) {
      if (!mappedBy.get(id)?.includes(f.checkId)) continue;
      const list = byControl.get(id);
      if (list) list.push(f);
      else byControl.set(id, [f]);
    }
  }
  const controls: ControlResult[] = entries.map(({ id, title, listed: isListed }) => {
    const checks = mappedBy.get(id) ?? [];
    const own = byControl.get(id) ?? [];
    return {
      id,
      title,
      listed: isListed,
      status: controlStatus(checks, ran, own),
      checks,
      failing: own
        .filter((f) => f.status === 'FAIL' && !f.waiver)
        .map((f) => ({ findingId: f.id, checkId: f.checkId, region: f.region, resource: f.resource })),
      waived: own.filter((f) => f.waiver).length,
    };
  });
  const counts = { total: 0, pass: 0, fail: 0, error: 0, 'not-evaluated': 0, 'not-covered': 0 };
  for (const c of controls.filter((c) => c.listed)) {
    counts.total++;
    counts[c.status]++;
  }
  const evaluated = counts.pass + counts.fail + counts.error;
  return {
    framework,
    title: def.title,
    source: def.source,
    ...(def.scope ? { scope: def.scope } : {}),
    controls,
    counts,
    passRate: evaluated ? counts.pass / evaluated : null,
  };
}

export function buildComplianceViews(
  catalog: readonly Meta[],
  ranCheckIds: readonly string[],
  findings: readonly ReportFinding[],
  only?: Framework,
): ComplianceView[] {
  return FRAMEWORKS.filter((f) => !only || f === only).map((f) => buildComplianceView(f, catalog, ranCheckIds, findings));
}
