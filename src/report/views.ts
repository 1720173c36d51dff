/**
 * The two views a compliance reviewer reads first, computed from check metadata (category,
 * responsibility, compliance map) and the findings, never from a list of today's checks:
 * the shared-responsibility grid and one compliance view per framework.
 */
import { FRAMEWORK_DEFS, compareControlIds } from '../compliance/index.js';
import type { CheckMeta } from '../engine/check.js';
import { CATEGORIES, FRAMEWORKS, RESPONSIBILITIES, type Framework } from '../engine/types.js';
import {
  tallied,
  zeroCounts,
  type ComplianceView,
  type ControlResult,
  type ControlStatus,
  type GridCell,
  type ReportFinding,
  type Tally,
} from './model.js';

type Meta = Pick<CheckMeta, 'id' | 'category' | 'responsibility' | 'compliance'>;

/** Every responsibility × category cell, with the checks of this run that cover it and their results. */
export function buildGrid(ranChecks: readonly Meta[], findings: Iterable<ReportFinding>): GridCell[] {
  return tallied(findings, gridTally(ranChecks))[0];
}

export function gridTally(ranChecks: readonly Meta[]): Tally<GridCell[]> {
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
  return {
    add(f) {
      const cell = byKey.get(`${f.responsibility}|${f.category}`);
      if (!cell) return;
      cell.counts[f.status]++;
      if (f.waiver) cell.waived++;
    },
    result: () => cells,
  };
}

/** What a control's findings add up to (gathered a finding at a time; the findings are not kept). */
interface ControlTally {
  failing: ControlResult['failing'];
  errors: number;
  waived: number;
}

function controlStatus(mapped: readonly string[], ran: ReadonlySet<string>, tally: ControlTally | undefined): ControlStatus {
  if (mapped.length === 0) return 'not-covered';
  if (!mapped.some((id) => ran.has(id))) return 'not-evaluated';
  if (tally?.failing.length) return 'fail';
  if (tally?.errors) return 'error';
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
  findings: Iterable<ReportFinding>,
): ComplianceView {
  return tallied(findings, complianceTally(framework, catalog, ranCheckIds))[0];
}

/** buildComplianceView a finding at a time; with `withAccount` (organization reports) each failing resource names its account. */
export function complianceTally(
  framework: Framework,
  catalog: readonly Meta[],
  ranCheckIds: readonly string[],
  withAccount = false,
): Tally<ComplianceView> {
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
  // Each control's findings, tallied as they pass rather than in one pass per control.
  const byControl = new Map<string, ControlTally>();
  const add = (f: ReportFinding): void => {
    for (const id of new Set(f.compliance[framework] ?? [])) {
      if (!mappedBy.get(id)?.includes(f.checkId)) continue;
      let tally = byControl.get(id);
      if (!tally) byControl.set(id, (tally = { failing: [], errors: 0, waived: 0 }));
      if (f.status === 'FAIL' && !f.waiver) {
        const failing = { findingId: f.id, checkId: f.checkId, region: f.region, resource: f.resource };
        tally.failing.push(withAccount ? { ...failing, accountId: f.accountId } : failing);
      }
      if (f.status === 'ERROR') tally.errors++;
      if (f.waiver) tally.waived++;
    }
  };
  return { add, result: () => complianceResult(def, entries, mappedBy, ran, byControl, framework) };
}

function complianceResult(
  def: (typeof FRAMEWORK_DEFS)[Framework],
  entries: ReadonlyArray<{ id: string; title: string; listed: boolean }>,
  mappedBy: ReadonlyMap<string, string[]>,
  ran: ReadonlySet<string>,
  byControl: ReadonlyMap<string, ControlTally>,
  framework: Framework,
): ComplianceView {
  const controls: ControlResult[] = entries.map(({ id, title, listed: isListed }) => {
    const checks = mappedBy.get(id) ?? [];
    const tally = byControl.get(id);
    return {
      id,
      title,
      listed: isListed,
      status: controlStatus(checks, ran, tally),
      checks,
      failing: tally?.failing ?? [],
      waived: tally?.waived ?? 0,
    };
  });
  return {
    framework,
    title: def.title,
    source: def.source,
    ...(def.scope ? { scope: def.scope } : {}),
    ...controlCounts(controls),
  };
}

/** A view's controls with their counts (listed controls only) and pass rate. */
export function controlCounts(controls: ControlResult[]): Pick<ComplianceView, 'controls' | 'counts' | 'passRate'> {
  const counts = { total: 0, pass: 0, fail: 0, error: 0, 'not-evaluated': 0, 'not-covered': 0 };
  for (const c of controls.filter((c) => c.listed)) {
    counts.total++;
    counts[c.status]++;
  }
  const evaluated = counts.pass + counts.fail + counts.error;
  return { controls, counts, passRate: evaluated ? counts.pass / evaluated : null };
}

export function buildComplianceViews(
  catalog: readonly Meta[],
  ranCheckIds: readonly string[],
  findings: Iterable<ReportFinding>,
  only?: Framework,
): ComplianceView[] {
  return tallied(findings, ...complianceTallies(catalog, ranCheckIds, only)) as ComplianceView[];
}

/** One compliance tally per framework (or only `only`'s). */
export function complianceTallies(
  catalog: readonly Meta[],
  ranCheckIds: readonly string[],
  only?: Framework,
  withAccount = false,
): Array<Tally<ComplianceView>> {
  return FRAMEWORKS.filter((f) => !only || f === only).map((f) => complianceTally(f, catalog, ranCheckIds, withAccount));
}
