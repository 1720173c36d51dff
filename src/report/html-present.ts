/**
 * What the HTML report says about a finding, as plain data: the resource as a person names it,
 * how exposed it is, the order a reader acts in, the "fix first" list and the compact records the
 * page's script renders lazily. Pure (no HTML here): html.ts escapes, the script uses textContent.
 */
import { RESPONSIBILITIES, CATEGORIES, severityRank, type Category, type Responsibility, type Status } from '../engine/types.js';
import { EXPOSURE_CHECKS, isExposure } from './exposure-view.js';
import { displayStatus, tallied, type Findings, type ReportFinding, type Tally } from './model.js';
import { BIDI_CONTROL, bidiEscape, complianceText, wellFormed } from './text.js';

export const RESPONSIBILITY_LABEL: Record<Responsibility, string> = {
  'identity-and-access': 'Identity and access',
  mfa: 'Multi-factor authentication',
  'credential-rotation': 'Credential rotation',
  'network-firewall': 'Security groups',
  'network-acl': 'Network ACLs',
  'encryption-at-rest': 'Encryption at rest',
  'encryption-in-transit': 'Encryption in transit',
  backup: 'Backup',
  'resource-policy': 'Resource policies',
  'public-access': 'Public access',
  patching: 'Patching',
  'external-access': 'External access',
  logging: 'Logging',
  monitoring: 'Monitoring',
  'threat-detection': 'Threat detection',
  'key-management': 'Key management',
  'data-residency': 'Data residency',
};

export const CATEGORY_LABEL: Record<Category, string> = {
  identity: 'Identity (account-wide)',
  infrastructure: 'Infrastructure (EC2, VPC)',
  container: 'Managed platforms (RDS)',
  abstracted: 'Abstracted services (S3, …)',
};

// Every slug has a label: a new responsibility or category must get one here.
void (RESPONSIBILITIES satisfies readonly (keyof typeof RESPONSIBILITY_LABEL)[]);
void (CATEGORIES satisfies readonly (keyof typeof CATEGORY_LABEL)[]);

/**
 * At most `max` characters, cut in the middle ("arn:aws:iam::1234…user/alice"): both the
 * service prefix and the distinguishing tail of an id stay readable. Never half a surrogate pair.
 */
export function shortenMiddle(text: string, max = 44): string {
  const chars = Array.from(wellFormed(text));
  if (chars.length <= max) return chars.join('');
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** "2026-11-20 12:00:05 UTC": the instant a tooltip states, whatever the reader's zone. */
export function utcText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** What a resource is called on the page, what a tooltip adds, and the key the filters match on. */
export interface ResourceLabel {
  /** How a person names it: the Name tag or resource name, else its id. */
  label: string;
  /** The id, when the label is something else. */
  id?: string;
  /** The ARN, except the account root ARN (it reads as "the root user"). */
  arn?: string;
  /** The resource filter's key (ARN, else id), as the findings carry it. */
  key: string;
}

const ACCOUNT_SETTING = /^account (.+)$/;

/**
 * The resource as a person names it. Account-level settings read "account 123456789012
 * (password policy)", the root user "root user of account …", a region-level setting
 * "eu-west-1 · account …"; the root ARN such findings carry is never shown as their name.
 */
export function resourceLabel(f: Pick<ReportFinding, 'resource' | 'service' | 'accountId'>): ResourceLabel {
  const r = f.resource;
  const key = r.arn ?? r.id;
  if (r.type === 'AWS::::Account') {
    const account = `account ${r.id}`;
    const name = r.name ?? '';
    const setting = ACCOUNT_SETTING.exec(name)?.[1];
    let label: string;
    if (name === 'root user') label = `root user of ${account}`;
    else if (setting === r.id) label = account;
    else if (setting) label = `${account} (${setting})`;
    else if (name) label = `${account} (${name})`;
    else label = `${account} (${f.service} settings)`;
    const arn = r.arn && !/^arn:[^:]+:iam::\d+:root$/.test(r.arn) ? r.arn : undefined;
    return { label, key, id: r.id, ...(arn ? { arn } : {}) };
  }
  if (r.type === 'AWS::::Region') return { label: `${r.id} · account ${f.accountId}`, key, id: r.id };
  const label = r.name && r.name !== r.id ? r.name : r.id;
  return { label, key, ...(label !== r.id ? { id: r.id } : {}), ...(r.arn ? { arn: r.arn } : {}) };
}

/** 2: reachable from the internet (a reachability check found a path); 1: public by policy or setting; 0: neither. */
export type Exposure = 0 | 1 | 2;
export const EXPOSURE_LABEL = ['', 'public', 'internet-reachable'] as const;

/** The resources a reachability check found reachable from the internet, by resource key. */
export function reachableResources(findings: Iterable<ReportFinding>): Set<string> {
  const keys = new Set<string>();
  for (const f of findings) if (EXPOSURE_CHECKS.includes(f.checkId) && isExposure(f)) keys.add(f.resource.arn ?? f.resource.id);
  return keys;
}

export function exposureOf(f: ReportFinding, reachable: ReadonlySet<string>): Exposure {
  if (reachable.has(f.resource.arn ?? f.resource.id)) return 2;
  return f.responsibility === 'public-access' && f.status === 'FAIL' ? 1 : 0;
}

const STATUS_ORDER: Record<Status | 'WAIVED', number> = { FAIL: 0, ERROR: 1, WAIVED: 2, PASS: 3, NOT_APPLICABLE: 4 };

/**
 * The findings in the order the page lists them: by check severity, then the check's worst
 * exposure among its open failures, then check id (so a check's findings stay together);
 * within a check, failures first, the most exposed first, then by name.
 */
export function orderFindings(findings: Findings, reachable: ReadonlySet<string>): ReportFinding[] {
  return tallied(findings, findingOrderTally(reachable))[0].order.map((i) => findings.at(i)!);
}

/**
 * The findings' order as places in the findings (`order`), with the place of each check's first
 * finding in that order (`firsts`). Only the sort keys are held, not the findings: a spooled
 * report's findings are read back one by one in this order.
 */
export interface FindingOrder {
  order: number[];
  firsts: number[];
}

export function findingOrderTally(reachable: ReadonlySet<string>): Tally<FindingOrder> {
  const groupExposure = new Map<string, number>();
  // Each finding's keys worked out once (a sort compares each finding about log2(n) times).
  const rows: OrderRow[] = [];
  let at = 0;
  const add = (f: ReportFinding): void => {
    const exposure = exposureOf(f, reachable);
    if (f.status === 'FAIL' && !f.waiver) groupExposure.set(f.checkId, Math.max(groupExposure.get(f.checkId) ?? 0, exposure));
    const severity = severityRank(f.severity);
    rows.push({
      at: at++,
      checkId: f.checkId,
      region: f.region,
      severity,
      group: 0,
      status: STATUS_ORDER[displayStatus(f)],
      exposure,
      label: resourceLabel(f).label,
    });
  };
  return { add, result: () => sortRows(rows, groupExposure) };
}

/** A finding's place and sort keys (the finding itself is not held). */
interface OrderRow {
  at: number;
  checkId: string;
  region: string;
  severity: number;
  group: number;
  status: number;
  exposure: number;
  label: string;
}

function sortRows(rows: OrderRow[], groupExposure: ReadonlyMap<string, number>): FindingOrder {
  for (const row of rows) row.group = groupExposure.get(row.checkId) ?? 0;
  rows.sort(
    (a, b) =>
      b.severity - a.severity ||
      b.group - a.group ||
      (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
      a.status - b.status ||
      b.exposure - a.exposure ||
      COLLATOR.compare(a.label, b.label) ||
      COLLATOR.compare(a.region, b.region),
  );
  const firsts: number[] = [];
  rows.forEach((row, i) => {
    if (i === 0 || rows[i - 1]!.checkId !== row.checkId) firsts.push(row.at);
  });
  return { order: rows.map((row) => row.at), firsts };
}

/** What `localeCompare` with no locale compares with, made once (it is the same collation). */
const COLLATOR = new Intl.Collator();

const EXPOSURE_WEIGHT = [1, 1.5, 2];

/** One check's open failures, a candidate for "fix first". */
export interface FixItem {
  checkId: string;
  title: string;
  severity: ReportFinding['severity'];
  failures: number;
  /** Of those, on resources reachable from the internet / public. */
  reachable: number;
  public: number;
  /** The most exposed failing resource, named. */
  example: string;
  score: number;
}

/**
 * The checks to fix first, ranked by severity × exposure: severity rank (5 critical … 1
 * informational) times 2 when a failing resource is internet-reachable, 1.5 when public, 1
 * otherwise (so a high on the internet outranks a critical inside, a public medium does not);
 * ties go to the more severe, then to the one with more failures.
 */
export function fixFirst(findings: Iterable<ReportFinding>, reachable: ReadonlySet<string>, count = 5): FixItem[] {
  return tallied(findings, fixFirstTally(reachable, count))[0];
}

export function fixFirstTally(reachable: ReadonlySet<string>, count = 5): Tally<FixItem[]> {
  const byCheck = new Map<string, FixItem & { bestExposure: number }>();
  const add = (f: ReportFinding): void => {
    if (f.status !== 'FAIL' || f.waiver) return;
    const x = exposureOf(f, reachable);
    let item = byCheck.get(f.checkId);
    if (!item) {
      item = {
        checkId: f.checkId,
        title: f.title,
        severity: f.severity,
        failures: 0,
        reachable: 0,
        public: 0,
        example: '',
        score: 0,
        bestExposure: -1,
      };
      byCheck.set(f.checkId, item);
    }
    item.failures++;
    if (x === 2) item.reachable++;
    if (x === 1) item.public++;
    if (x > item.bestExposure) {
      item.bestExposure = x;
      item.example = resourceLabel(f).label;
    }
  };
  return { add, result: () => rankFixes(byCheck, count) };
}

function rankFixes(byCheck: ReadonlyMap<string, FixItem & { bestExposure: number }>, count: number): FixItem[] {
  return [...byCheck.values()]
    .map(({ bestExposure, ...item }) => ({ ...item, score: severityRank(item.severity) * EXPOSURE_WEIGHT[Math.max(0, bestExposure)]! }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        severityRank(b.severity) - severityRank(a.severity) ||
        b.failures - a.failures ||
        a.checkId.localeCompare(b.checkId),
    )
    .slice(0, count);
}

/** A check as the page's script knows it. */
export interface ClientCheck {
  id: string;
  title: string;
  severity: string;
  category: string;
  responsibility: string;
  service: string;
  remediation: string;
  compliance: string;
}

/** A finding as the page's script knows it (short keys: a large report carries tens of thousands). */
export interface ClientFinding {
  /** Index into checks. */
  c: number;
  /** Status as shown: FAIL, ERROR, WAIVED, PASS, NOT_APPLICABLE. */
  s: string;
  r: string;
  /** The account (a merged organization report holds many). */
  ac: string;
  /** Label, id (when the label differs), ARN, type, resource key. */
  l: string;
  i?: string;
  a?: string;
  t: string;
  k: string;
  m: string;
  x: Exposure;
  b?: string;
  p?: string;
  /** The waiver, in words. */
  v?: string;
  e?: Record<string, unknown>;
}

export interface ClientData {
  checks: ClientCheck[];
  findings: ClientFinding[];
}

/** The checks of these findings, indexed for clientFinding. */
export function clientChecks(findings: Iterable<ReportFinding>): { checks: ClientCheck[]; index: Map<string, number> } {
  const checks: ClientCheck[] = [];
  const index = new Map<string, number>();
  for (const f of findings) {
    if (index.has(f.checkId)) continue;
    index.set(f.checkId, checks.length);
    checks.push({
      id: f.checkId,
      title: f.title,
      severity: f.severity,
      category: f.category,
      responsibility: f.responsibility,
      service: f.service,
      remediation: f.remediation,
      compliance: complianceText(f),
    });
  }
  return { checks, index };
}

export function clientFinding(f: ReportFinding, checkIndex: number, reachable: ReadonlySet<string>): ClientFinding {
  const name = resourceLabel(f);
  return {
    c: checkIndex,
    s: displayStatus(f),
    r: f.region,
    ac: f.accountId,
    l: name.label,
    ...(name.id ? { i: name.id } : {}),
    ...(name.arn ? { a: name.arn } : {}),
    t: f.resource.type,
    k: name.key,
    m: f.message,
    x: exposureOf(f, reachable),
    ...(f.baseline ? { b: f.baseline } : {}),
    ...(f.previousStatus && f.previousStatus !== f.status ? { p: f.previousStatus } : {}),
    ...(f.waiver ? { v: `Waived until ${f.waiver.expires} by ${f.waiver.owner}: ${f.waiver.reason} (${f.waiver.source})` } : {}),
    ...(f.evidence ? { e: f.evidence } : {}),
  };
}

/** A \udXXX escape in JSON text (a lone surrogate), with the backslashes before it: an odd number means it is an escape. */
const LONE_SURROGATE_ESCAPE = /(\\+)u(d[89a-f][0-9a-f]{2})/g;

/**
 * JSON that is safe inside a <script type="application/json"> element: no "<" at all (so no
 * "</script>" and no "<!--"), every string well-formed Unicode, and bidirectional controls shown
 * as visible escapes (the page draws these strings as text, where they would reorder what a
 * reader sees, as the server-rendered text shows them).
 */
export const scriptJson = (value: unknown): string =>
  // Done on the JSON text rather than string by string (a replacer function costs a call per
  // value, and a large report holds over a million): JSON.stringify writes a lone surrogate as
  // its escape (\udXXX) and a pair as itself, so every such escape is a lone one; bidi controls
  // and the rest are written as themselves. Keys (evidence can hold AWS-derived ones) are made
  // safe too.
  JSON.stringify(value)
    .replace(LONE_SURROGATE_ESCAPE, (all, slashes: string) => (slashes.length % 2 === 1 ? `${slashes}ufffd` : all))
    // In JSON text the escape's backslash is itself escaped.
    .replace(BIDI_CONTROL, (c) => `\\${bidiEscape(c)}`)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
