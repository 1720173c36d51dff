import { randomUUID } from 'node:crypto';
import type { Report } from './model.js';

/** Findings stringified together; large enough to be cheap, small enough to stream. */
const JSON_BATCH = 500;

/**
 * The report as `JSON.stringify(report, null, 2)` would write it, in pieces: everything but
 * the findings at once, then the findings a batch at a time, so a report of tens of thousands
 * of findings is streamed to disk rather than held as one string of a hundred megabytes.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  // A placeholder no AWS-derived string can contain marks where the findings go.
  const marker = `srm-audit-findings-${randomUUID()}`;
  const frame = JSON.stringify({ ...report, findings: marker }, null, 2);
  const at = frame.indexOf(`"${marker}"`);
  yield frame.slice(0, at);
  const { findings } = report;
  if (findings.length === 0) yield '[]';
  else {
    // A batch at a time, stringified under a "findings" key so that it comes out at the
    // report's own depth; only the wrapper's first and last lines are cut off.
    const head = '{\n  "findings": [\n'.length;
    const tail = '\n  ]\n}'.length;
    for (let i = 0; i < findings.length; i += JSON_BATCH) {
      const batch = JSON.stringify({ findings: findings.slice(i, i + JSON_BATCH) }, null, 2);
      yield `${i === 0 ? '[\n' : ',\n'}${batch.slice(head, -tail)}`;
    }
    yield '\n  ]';
  }
  yield `${frame.slice(at + marker.length + 2)}\n`;
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
