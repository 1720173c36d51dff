/**
 * The organization views, computed from the findings and accounts[] alone (so a merged report
 * gets them too): an accounts × checks heat map of pass rates, the worst accounts, and the checks
 * failing in the most accounts.
 */
import { SEVERITIES, severityRank, type Severity } from '../engine/types.js';
import { isOpenFailure, tallied, type AccountInfo, type Report, type ReportFinding, type Tally } from './model.js';

export interface HeatCell {
  checkId: string;
  pass: number;
  /** Unwaived failures. */
  fail: number;
  error: number;
  /** pass ÷ (pass + fail + error); null where the check judged nothing in the account. */
  rate: number | null;
}

export interface HeatRow {
  account: AccountInfo;
  cells: HeatCell[];
}

export interface AccountRank {
  account: AccountInfo;
  openFailures: number;
  bySeverity: Record<Severity, number>;
  errors: number;
}

export interface CheckSpread {
  checkId: string;
  title: string;
  /** Accounts with an unwaived FAIL of this check. */
  failingAccounts: string[];
  /** Accounts where the check judged something (PASS, FAIL or ERROR). */
  judgedAccounts: number;
}

export interface OrganizationViews {
  /** Column order: the checks failing in the most accounts first, then by id. */
  checks: string[];
  rows: HeatRow[];
  worstAccounts: AccountRank[];
  failingMost: CheckSpread[];
}

export function buildOrganizationViews(report: Report): OrganizationViews | undefined {
  const tally = organizationViewsTally(report);
  return tally && tallied(report.findings, tally)[0];
}

/** buildOrganizationViews a finding at a time; undefined for a report without accounts[]. */
export function organizationViewsTally(report: Pick<Report, 'accounts' | 'run'>): Tally<OrganizationViews> | undefined {
  const accounts = report.accounts;
  if (!accounts) return undefined;
  const cells = new Map<string, HeatCell>();
  const titles = new Map<string, string>();
  const ranks = new Map<string, AccountRank>(
    accounts.map((account) => [
      account.id,
      { account, openFailures: 0, bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, errors: 0 },
    ]),
  );
  const add = (f: ReportFinding): void => {
    titles.set(f.checkId, f.title);
    const key = `${f.accountId}|${f.checkId}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { checkId: f.checkId, pass: 0, fail: 0, error: 0, rate: null }));
    const rank = ranks.get(f.accountId);
    if (f.status === 'PASS' || (f.status === 'FAIL' && f.waiver)) cell.pass++;
    else if (isOpenFailure(f)) {
      cell.fail++;
      if (rank) {
        rank.openFailures++;
        rank.bySeverity[f.severity]++;
      }
    } else if (f.status === 'ERROR') {
      cell.error++;
      if (rank) rank.errors++;
    }
  };
  return { add, result: () => organizationViews(report.run.checks, accounts, cells, titles, ranks) };
}

function organizationViews(
  checkIds: readonly string[],
  accounts: readonly AccountInfo[],
  cells: Map<string, HeatCell>,
  titles: ReadonlyMap<string, string>,
  ranks: ReadonlyMap<string, AccountRank>,
): OrganizationViews {
  for (const cell of cells.values()) {
    const judged = cell.pass + cell.fail + cell.error;
    cell.rate = judged ? cell.pass / judged : null;
  }
  const spread: CheckSpread[] = checkIds.map((checkId) => {
    const own = accounts.map((a) => cells.get(`${a.id}|${checkId}`));
    return {
      checkId,
      title: titles.get(checkId) ?? checkId,
      failingAccounts: accounts.filter((_, i) => (own[i]?.fail ?? 0) > 0).map((a) => a.id),
      judgedAccounts: own.filter((c) => c && c.pass + c.fail + c.error > 0).length,
    };
  });
  spread.sort((a, b) => b.failingAccounts.length - a.failingAccounts.length || a.checkId.localeCompare(b.checkId));
  const checks = spread.map((s) => s.checkId);
  // Worst first: by open failures weighted by severity (a critical outweighs any number of lows
  // only lexicographically: critical count, then high, …), then errors, then id.
  const severityKey = (r: AccountRank): number[] =>
    [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a)).map((s) => r.bySeverity[s]);
  const worst = [...ranks.values()].sort((a, b) => {
    const ka = severityKey(a);
    const kb = severityKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return (
      Number(b.account.status === 'error') - Number(a.account.status === 'error') ||
      b.errors - a.errors ||
      a.account.id.localeCompare(b.account.id)
    );
  });
  return {
    checks,
    rows: accounts.map((account) => ({
      account,
      cells: checks.map((checkId) => cells.get(`${account.id}|${checkId}`) ?? { checkId, pass: 0, fail: 0, error: 0, rate: null }),
    })),
    worstAccounts: worst,
    failingMost: spread.filter((s) => s.failingAccounts.length > 0),
  };
}
