/**
 * Waivers: a reviewed decision to accept a failure for a while. A waiver names a check, the
 * resources it covers (exact ARNs or ids, or globs), why, who owns the decision and until
 * when. A waived FAIL stays in the report, marked, and no longer decides the exit code; an
 * expired waiver stops applying and is reported; one that matched nothing is reported stale.
 */
import { relative } from 'node:path';
import type { CheckMeta } from '../engine/check.js';
import type { ReportFinding, WaiverInfo, WaiverRecord } from '../report/model.js';
import { assertMatches, failAt, newAjv, readYamlFile } from './yaml-file.js';

const SCHEMA = {
  type: 'object',
  required: ['waivers'],
  additionalProperties: false,
  properties: {
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['check', 'resources', 'reason', 'owner', 'expires'],
        additionalProperties: false,
        properties: {
          check: { type: 'string', minLength: 1 },
          resources: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          reason: { type: 'string', minLength: 1 },
          owner: { type: 'string', minLength: 1 },
          expires: { type: 'string', format: 'date' },
        },
      },
    },
  },
} as const;

const validate = newAjv().compile(SCHEMA);

interface RawWaiver {
  check: string;
  resources: string[];
  reason: string;
  owner: string;
  expires: string;
}

export interface WaiverFile {
  file: string;
  waivers: WaiverRecord[];
}

export function readWaivers(path: string, catalog: readonly Pick<CheckMeta, 'id'>[]): WaiverFile {
  const file = readYamlFile(path, 'waivers file');
  assertMatches(file, validate, ' (each waiver needs check, resources, reason, owner and expires: YYYY-MM-DD)');
  const raw = (file.value as { waivers: RawWaiver[] }).waivers;
  const known = new Set(catalog.map((c) => c.id));
  const waivers = raw.map((w, i) => {
    if (!known.has(w.check)) failAt(file, ['waivers', i, 'check'], `unknown check "${w.check}"; run \`srm-audit list-checks\``);
    return {
      checkId: w.check,
      resources: w.resources,
      reason: w.reason,
      owner: w.owner,
      expires: w.expires,
      source: `${relative(process.cwd(), path) || path}:${file.lineOf(['waivers', i])}`,
    };
  });
  return { file: path, waivers };
}

/** `*` matches any run of characters (ARNs hold ':' and '/'), `?` one character; anything else is literal. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function matchesResource(waiver: WaiverRecord, f: ReportFinding): boolean {
  const names = [f.resource.arn, f.resource.id].filter((n): n is string => !!n);
  return waiver.resources.some((pattern) => {
    if (!/[*?]/.test(pattern)) return names.includes(pattern);
    const re = globToRegExp(pattern);
    return names.some((n) => re.test(n));
  });
}

/**
 * Marks the FAIL findings a live waiver covers. A waiver applies through its expiry day
 * (UTC): `today` is the run's date, YYYY-MM-DD.
 */
export function applyWaivers(findings: ReportFinding[], file: WaiverFile, today: string): WaiverInfo {
  const marker = new WaiverMarker(file, today);
  for (const f of findings) marker.mark(f);
  return marker.info();
}

/**
 * Waivers applied a finding at a time (an organization scan marks each account's findings as the
 * account finishes, then lets them go): a failure takes the first unexpired waiver of the file
 * that matches it, as applyWaivers would give it.
 */
export class WaiverMarker {
  private readonly live: WaiverRecord[];
  private readonly matched: number[];

  constructor(
    private readonly file: WaiverFile,
    private readonly today: string,
  ) {
    this.live = file.waivers.filter((w) => w.expires >= today);
    this.matched = this.live.map(() => 0);
  }

  mark(f: ReportFinding): void {
    if (f.status !== 'FAIL' || f.waiver) return;
    const i = this.live.findIndex((w) => f.checkId === w.checkId && matchesResource(w, f));
    if (i < 0) return;
    const waiver = this.live[i]!;
    f.waiver = { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires, source: waiver.source };
    this.matched[i]!++;
  }

  /** What the waivers did to every finding marked so far. */
  info(): WaiverInfo {
    const info: WaiverInfo = { file: this.file.file, expired: [], stale: [], applied: [] };
    for (const waiver of this.file.waivers) {
      if (waiver.expires < this.today) {
        info.expired.push(waiver);
        continue;
      }
      const matched = this.matched[this.live.indexOf(waiver)]!;
      if (matched === 0) info.stale.push(waiver);
      else info.applied.push({ ...waiver, matched });
    }
    return info;
  }
}
