/**
 * The IAM credential report, read as AWS documents it: a CSV with one row per user plus a
 * `<root_account>` row. Cells hold ISO dates, `true`/`false`, or one of three special
 * values that mean different things and must not be confused:
 * - `N/A`: there is nothing to report (no password, no key, a key never used);
 * - `no_information`: no sign-in on record for the password: never used, or not since IAM
 *   began tracking (October 2014);
 * - `not_supported`: the column does not apply to this row (the root user's password_enabled).
 * Headers are matched case-insensitively; a column an endpoint leaves out reads as `missing`
 * so a check can say so rather than guess.
 */
import { MalformedResponse } from '../aws/errors.js';
import { parse } from 'csv-parse/sync';

export type ReportDate =
  | { kind: 'date'; date: Date }
  | { kind: 'n/a' }
  | { kind: 'no_information' }
  | { kind: 'not_supported' }
  | { kind: 'missing' }
  | { kind: 'invalid'; raw: string };

export type ReportBool = boolean | 'not_supported' | 'missing' | 'invalid';

export interface AccessKeySlot {
  slot: 1 | 2;
  active: ReportBool;
  lastRotated: ReportDate;
  lastUsed: ReportDate;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: ReportDate;
  passwordEnabled: ReportBool;
  passwordLastUsed: ReportDate;
  passwordLastChanged: ReportDate;
  mfaActive: ReportBool;
  accessKeys: [AccessKeySlot, AccessKeySlot];
}

export const ROOT_ROW_USER = '<root_account>';

/** A credential report that cannot be read: an unusable answer of GetCredentialReport. */
export class CredentialReportFormatError extends MalformedResponse {
  constructor(message: string) {
    super(message, 'iam:GetCredentialReport');
  }
}

function special(raw: string): 'n/a' | 'no_information' | 'not_supported' | undefined {
  const v = raw.trim().toLowerCase();
  if (v === 'n/a') return 'n/a';
  if (v === 'no_information') return 'no_information';
  if (v === 'not_supported') return 'not_supported';
  return undefined;
}

export function parseReportDate(raw: string | undefined): ReportDate {
  if (raw === undefined || raw.trim() === '') return { kind: 'missing' };
  const kind = special(raw);
  if (kind) return { kind };
  const ms = Date.parse(raw.trim());
  return Number.isNaN(ms) ? { kind: 'invalid', raw } : { kind: 'date', date: new Date(ms) };
}

export function parseReportBool(raw: string | undefined): ReportBool {
  if (raw === undefined || raw.trim() === '') return 'missing';
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'not_supported') return 'not_supported';
  return 'invalid';
}

/**
 * Parses the report's CSV text (already base64-decoded). A header without rows is read as a
 * report of no users and no root row (moto's answer: it never writes the `<root_account>`
 * row); the checks that need that row say so, the per-user checks have no users to judge.
 */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  let table: string[][];
  try {
    table = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw new CredentialReportFormatError(`the credential report is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = table;
  if (!header) throw new CredentialReportFormatError('the credential report has no rows (not even a header)');
  const columns = header.map((h) => h.trim().toLowerCase());
  for (const required of ['user', 'arn']) {
    if (!columns.includes(required)) throw new CredentialReportFormatError(`the credential report has no "${required}" column`);
  }
  const records = body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]])) as Record<string, string | undefined>);
  return records.map((r) => {
    const key = (slot: 1 | 2): AccessKeySlot => ({
      slot,
      active: parseReportBool(r[`access_key_${slot}_active`]),
      lastRotated: parseReportDate(r[`access_key_${slot}_last_rotated`]),
      lastUsed: parseReportDate(r[`access_key_${slot}_last_used_date`]),
    });
    const user = String(r.user ?? '').trim();
    return {
      user,
      arn: String(r.arn ?? '').trim(),
      isRoot: user === ROOT_ROW_USER,
      userCreationTime: parseReportDate(r.user_creation_time),
      passwordEnabled: parseReportBool(r.password_enabled),
      passwordLastUsed: parseReportDate(r.password_last_used),
      passwordLastChanged: parseReportDate(r.password_last_changed),
      mfaActive: parseReportBool(r.mfa_active),
      accessKeys: [key(1), key(2)],
    };
  });
}

/** Base64 text: no commas (a CSV header always has them), only the base64 alphabet and line breaks. */
const looksBase64 = (text: string): boolean => text.trim() !== '' && /^[A-Za-z0-9+/=\s]+$/.test(text);

/**
 * The report's text. The SDK gives the bytes it base64-decoded (Uint8Array); an emulator may
 * give a string, base64 or raw CSV, or encode twice (bytes that are themselves base64 text).
 */
export function credentialReportText(content: Uint8Array | string | undefined): string {
  if (content === undefined) throw new CredentialReportFormatError('GetCredentialReport returned no Content');
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return looksBase64(text) ? Buffer.from(text, 'base64').toString('utf8') : text;
}

export interface LastActivity {
  date: Date;
  /** `used`: the credential's own last use; `set`: never used (or not since 2014), so the day it was set. */
  basis: 'used' | 'set';
}

/**
 * When a credential was last active, with CIS's fallback (1.12 / 1.11): a password or key
 * with no recorded use (`N/A`, `no_information`) counts from the first dated of `setAt`:
 * the day it was set (password_last_changed, access_key_N_last_rotated), then the day the
 * user was created. Undefined when the report does not say (missing or malformed cells):
 * the caller reports that, never a PASS.
 */
export function lastActivity(used: ReportDate, ...setAt: ReportDate[]): LastActivity | undefined {
  if (used.kind === 'date') return { date: used.date, basis: 'used' };
  if (used.kind !== 'n/a' && used.kind !== 'no_information') return undefined;
  const set = setAt.find((d): d is Extract<ReportDate, { kind: 'date' }> => d.kind === 'date');
  return set ? { date: set.date, basis: 'set' } : undefined;
}

/** Whole days from `then` to `now` (negative when `then` is in the future). */
export function daysBetween(then: Date, now: Date): number {
  return Math.floor((now.getTime() - then.getTime()) / 86_400_000);
}

/** YYYY-MM-DD, for messages. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Why a cell could not be used, for an ERROR message. */
export function describeReportValue(column: string, value: ReportDate | ReportBool): string {
  if (typeof value === 'boolean') return `${column} is ${value}`;
  if (typeof value === 'string') return value === 'missing' ? `the report has no ${column} value` : `${column} is ${value}`;
  if (value.kind === 'date') return `${column} is ${isoDay(value.date)}`;
  if (value.kind === 'missing') return `the report has no ${column} value`;
  if (value.kind === 'invalid') return `${column} holds an unreadable value "${value.raw}"`;
  return `${column} is ${value.kind === 'n/a' ? 'N/A' : value.kind}`;
}

/** "1 day" / "12 days", for messages. */
export function dayCount(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
