/** Small text pieces several formats share, so that they say the same thing the same way. */
import { randomUUID } from 'node:crypto';
import escapeHtml from 'escape-html';
import type { Finding } from '../engine/types.js';
import { displayStatus, findingsWhere, isOpenFailure, type Report, type ReportFinding } from './model.js';

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
  return findingsWhere(report.findings, isOpenFailure).sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
}

/** What a resolved failure whose resource no longer exists says in every format. */
export const goneMessage = (previous: { message: string }): string =>
  `Resolved: the resource is no longer present. It failed before: ${previous.message}`;

/** The bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** BIDI_CONTROL without the global flag (and so without lastIndex): for a test. */
const HAS_BIDI_CONTROL = new RegExp(BIDI_CONTROL.source);

/** A bidirectional control as its escape, `\u202E`. */
export const bidiEscape = (control: string): string => `\\u${control.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * The text with every bidirectional control shown as its escape (`\u202E`): a name such as
 * "admin\u202Egpj.exe" would otherwise display as "adminexe.jpg". The HTML, CSV and Markdown
 * writers apply it to every string; JSON keeps the exact string.
 */
export const visibleBidi = (text: string): string =>
  // Tested first: a replace with a function costs a trip into V8's runtime even when nothing
  // matches, and nearly no string holds a control (4M short strings: 0.6 s -> 0.1 s).
  HAS_BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROL, bidiEscape) : text;

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

/**
 * Items stringified together; large enough to be cheap, small enough to stream. At 500 a piece of
 * findings was hundreds of kilobytes of text or more (two bytes a character once any of it is not Latin-1:
 * a remediation's ’ or —), and written pieces waited in V8's large-object space, which only a full
 * collection empties: about 20 MB of them at the end of the large account's reports. A fifth of
 * that took 20–40 MB off its peak; many pieces of 100 findings are still over V8's 128 KB
 * large-object size.
 */
const JSON_BATCH = 100;
/** A value with more array elements and object properties than this in all is streamed, not stringified at once. */
const JSON_LARGE = 2000;
/** Small pieces are joined up to about this many characters before they are handed to the writer. */
const JSON_PIECE = 64 * 1024;

type Replacer = (key: string, value: unknown) => unknown;

/**
 * A JSON document as `JSON.stringify(document, replacer, 2)` + "\n" would write it, in pieces:
 * `frame(marker)` is the document with `marker` where one large array goes, and `items` (any
 * iterable, made lazily if need be) are that array's elements, stringified a batch at a time.
 * The rest of the document is streamed too wherever it is large (an organization's compliance
 * views list every failing resource of every account): no piece is ever the whole of it, and
 * nothing after the items is made before they are written. Every report format that grows with
 * the findings streams through this.
 *
 * `replacer` must map values whatever their key and holder, and leave arrays as arrays
 * (wellFormedStrings does): in a batch, it and toJSON are given the element's place in the
 * batch as its key, and the replacer also sees the arrays that place a batch at its depth.
 * The marker may be in the document once (the items are written once).
 */
export function* jsonChunks(frame: (marker: string) => unknown, items: Iterable<unknown>, replacer?: Replacer): Generator<string> {
  // A placeholder no AWS-derived string can contain marks where the array goes.
  const marker = `srm-audit-stream-${randomUUID()}`;
  const document = frame(marker);
  const root = jsonValue({ '': document }, '', document, replacer);
  let pending = '';
  for (const piece of jsonPieces(document, root, 0, { marker, items, replacer, placed: false })) {
    pending += piece;
    if (pending.length >= JSON_PIECE) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}\n`;
}

interface Stream {
  marker: string;
  items: Iterable<unknown>;
  replacer?: Replacer;
  /** The items were written (they are an iterable: once only). */
  placed: boolean;
}

/** The value JSON.stringify writes for `holder[key]`: after toJSON, then the replacer, boxed primitives unboxed. */
function jsonValue(holder: unknown, key: string, value: unknown, replacer?: Replacer): unknown {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'function' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = toJSON.call(v, key);
  }
  if (replacer) v = replacer.call(holder, key, v);
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  return v;
}

/** JSON.stringify leaves these out of objects (and writes null for them in arrays). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Whether `value` holds `marker`, or more than `budget.left` elements and properties in all. */
function needsStreaming(value: unknown, marker: string, budget = { left: JSON_LARGE }): boolean {
  if (value === marker) return true;
  if (value === null || typeof value !== 'object') return false;
  const entries = Array.isArray(value) ? value : Object.values(value);
  budget.left -= entries.length;
  if (budget.left < 0) return true;
  for (const v of entries) if (needsStreaming(v, marker, budget)) return true;
  return false;
}

/**
 * Elements of an array at `depth` (the array's own), as JSON.stringify(…, 2) writes them there:
 * separated by ",\n" and their indent, the first without its indent. The batch is stringified
 * inside as many one-element arrays as it is deep, so that JSON.stringify indents it where it
 * belongs (re-indenting the text afterwards costs a pass over all of it); the wrappers' own
 * lines are then cut off.
 */
function elementsText(batch: unknown[], depth: number, replacer?: Replacer): string {
  let wrapped: unknown = batch;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, replacer, 2);
  // Each wrapper opens with "[\n" and the next line's indent, and closes with "\n", its indent and "]".
  const open = depth * depth + 3 * depth + 2 + 2 * (depth + 1);
  const close = depth * depth + depth + 2 + 2 * depth;
  return text.slice(open, text.length - close);
}

/**
 * A value at `depth`, its first line without indent: `raw` as the document holds it, `value` as
 * JSON.stringify writes it (jsonValue of `raw`).
 */
function* jsonPieces(raw: unknown, value: unknown, depth: number, stream: Stream): Generator<string> {
  if (value === stream.marker) {
    if (stream.placed) throw new Error('jsonChunks: the marker is in the document twice; the items can be written once');
    stream.placed = true;
    yield* arrayPieces(stream.items, depth, stream, false);
  } else if (!needsStreaming(value, stream.marker)) {
    // Small: at once, as the one element of an array a level up (from `raw`, so that JSON.stringify
    // applies toJSON and the replacer once, as it would).
    yield depth === 0 ? JSON.stringify(raw, stream.replacer, 2) : elementsText([raw], depth - 1, stream.replacer);
  } else if (Array.isArray(value)) {
    yield* arrayPieces(value, depth, stream, true);
  } else {
    const inner = '  '.repeat(depth + 1);
    let first = true;
    for (const [key, raw] of Object.entries(value as object)) {
      const v = jsonValue(value, key, raw, stream.replacer);
      if (omitted(v)) continue;
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonPieces(raw, v, depth + 1, stream);
    }
    yield first ? '{}' : `\n${'  '.repeat(depth)}}`;
  }
}

/** An array at `depth`: its elements a batch at a time, and those that are large themselves streamed. */
function* arrayPieces(elements: Iterable<unknown>, depth: number, stream: Stream, inspect: boolean): Generator<string> {
  const inner = '  '.repeat(depth + 1);
  let batch: unknown[] = [];
  let first = true;
  const flush = (): string => {
    const piece = `${first ? '[' : ','}\n${inner}${elementsText(batch, depth, stream.replacer)}`;
    first = false;
    batch = [];
    return piece;
  };
  let index = 0;
  for (const element of elements) {
    const v = inspect ? jsonValue(elements, String(index), element, stream.replacer) : undefined;
    if (inspect && needsStreaming(v, stream.marker)) {
      // Large (an object or array) or the marker: never null, never left out.
      if (batch.length) yield flush();
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      yield* jsonPieces(element, v, depth + 1, stream);
    } else {
      batch.push(element);
      if (batch.length === JSON_BATCH) yield flush();
    }
    index++;
  }
  if (batch.length) yield flush();
  yield first ? '[]' : `\n${'  '.repeat(depth)}]`;
}
