import type { Report } from './model.js';
import { jsonChunks } from './text.js';

/**
 * The report as `JSON.stringify(report, null, 2)` would write it, in pieces: everything but
 * the findings at once, then the findings a batch at a time, so a report of tens of thousands
 * of findings is streamed to disk rather than held as one string of a hundred megabytes.
 * JSON keeps every string exactly as AWS sent it.
 */
export function renderJsonChunks(report: Report): Generator<string> {
  return jsonChunks((marker) => ({ ...report, findings: marker }), report.findings);
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
