/** Small text pieces several formats share, so that they say the same thing the same way. */
import escapeHtml from 'escape-html';
import type { Finding } from '../engine/types.js';
import { displayStatus, type Report, type ReportFinding } from './model.js';

/** "cis-aws-3.0 5.2, 5.3 · aws-fsbp EC2.53" */
export function complianceText(f: Pick<Finding, 'compliance'>, separator = ' · '): string {
  return Object.entries(f.compliance)
    .filter(([, ids]) => ids?.length)
    .map(([framework, ids]) => `${framework} ${(ids ?? []).join(', ')}`)
    .join(separator);
}

/** The resource as a reader names it: its ARN when it has one, else its id. */
export const resourceName = (f: Pick<Finding, 'resource'>): string => f.resource.arn ?? f.resource.id;

/** "FAIL (new)", "WAIVED", "PASS (resolved)" */
export function stateText(f: ReportFinding): string {
  return `${displayStatus(f)}${f.baseline ? ` (${f.baseline})` : ''}`;
}

/** Unwaived failures first by severity, the order a reader acts in. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'informational'];

export function openFailures(report: Report): ReportFinding[] {
  return report.findings
    .filter((f) => f.status === 'FAIL' && !f.waiver)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** What a resolved failure whose resource no longer exists says in every format. */
export const goneMessage = (previous: { message: string }): string =>
  `Resolved: the resource is no longer present. It failed before: ${previous.message}`;

/**
 * Any value as HTML text or as a double-quoted attribute value (& < > " ' escaped): the one
 * escaping helper of the HTML report. Every attribute the report writes is double-quoted.
 */
export const escapeHtmlText = (value: unknown): string => escapeHtml(String(value ?? ''));

// ---------- text made safe for strict consumers (one helper per concern, shared by the writers) ----------

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with every lone UTF-16 surrogate (invalid Unicode a hostile API response can carry)
 * replaced by U+FFFD: encodeURIComponent throws on them, and strict JSON and XML readers reject them.
 */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** At most `max` characters (code points, never half a surrogate pair), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(wellFormed(text));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A JSON document (2-space indent, final newline) whose strings are all well-formed Unicode. */
export const jsonDocument = (value: unknown): string =>
  `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? wellFormed(v) : v), 2)}\n`;
