/** Small text pieces several formats share, so that they say the same thing the same way. */
import { randomUUID } from 'node:crypto';
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

/** The bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * The text with every bidirectional control shown as its escape (`\u202E`): a name such as
 * "admin\u202Egpj.exe" would otherwise display as "adminexe.jpg". The HTML, CSV and Markdown
 * writers apply it to every string; JSON keeps the exact string.
 */
export const visibleBidi = (text: string): string => text.replace(BIDI_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Any value as HTML text or as a double-quoted attribute value (& < > " ' escaped, bidi controls
 * shown): the one escaping helper of the HTML report. Every attribute the report writes is double-quoted.
 */
export const escapeHtmlText = (value: unknown): string => escapeHtml(visibleBidi(String(value ?? '')));

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

/** A JSON.stringify replacer: every string well-formed Unicode. */
export const wellFormedStrings = (_key: string, v: unknown): unknown => (typeof v === 'string' ? wellFormed(v) : v);

/** A JSON document (2-space indent, final newline) whose strings are all well-formed Unicode. */
export const jsonDocument = (value: unknown): string => `${JSON.stringify(value, wellFormedStrings, 2)}\n`;

/** Items stringified together; large enough to be cheap, small enough to stream. */
const JSON_BATCH = 500;

/**
 * A JSON document as `JSON.stringify(document, replacer, 2)` + "\n" would write it, in pieces:
 * `frame(marker)` is the document with `marker` where one large array goes, and `items` (any
 * iterable, made lazily if need be) are that array's elements, stringified a batch at a time.
 * Every report format that grows with the findings streams through this.
 */
export function* jsonChunks(
  frame: (marker: string) => unknown,
  items: Iterable<unknown>,
  replacer?: (key: string, value: unknown) => unknown,
): Generator<string> {
  // A placeholder no AWS-derived string can contain marks where the array goes.
  const marker = `srm-audit-stream-${randomUUID()}`;
  const text = JSON.stringify(frame(marker), replacer, 2);
  const at = text.indexOf(`"${marker}"`);
  // The array's elements sit one level deeper than the line that holds it.
  const indent = /^ */.exec(text.slice(text.lastIndexOf('\n', at) + 1))![0];
  yield text.slice(0, at);
  let batch: unknown[] = [];
  let first = true;
  // The batch is stringified inside as many one-element arrays as the array is deep, so that
  // JSON.stringify indents its elements where they belong (re-indenting the text afterwards
  // costs a pass over all of it); the wrappers' own lines are then cut off.
  const depth = indent.length / 2;
  const wrapperLines = Array.from({ length: depth + 1 }, (_, level) => 2 * level + 2).reduce((a, b) => a + b, 0);
  const flush = (): string => {
    let wrapped: unknown = batch;
    for (let level = 0; level < depth; level++) wrapped = [wrapped];
    const lines = JSON.stringify(wrapped, replacer, 2);
    const body = lines.slice(wrapperLines, lines.length - wrapperLines);
    const piece = `${first ? '[\n' : ',\n'}${body}`;
    first = false;
    batch = [];
    return piece;
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === JSON_BATCH) yield flush();
  }
  if (batch.length) yield flush();
  yield first ? '[]' : `\n${indent}]`;
  yield `${text.slice(at + marker.length + 2)}\n`;
}
