import { describe, expect, it } from 'vitest';
import { jsonChunks, wellFormedStrings } from '../../src/report/text.js';

const item = (i: number) => ({
  id: `f-${i}`,
  message: `line one\nline "two" \u202E ${i % 7 === 0 ? '\uD800' : ''}`,
  resource: { id: `r-${i}`, tags: i % 3 ? [] : [{ Key: 'k', Value: 'v' }] },
  evidence: i % 5 ? undefined : { nested: { deeper: [1, [2, [3]]] }, empty: {} },
  n: i,
});

describe('jsonChunks', () => {
  it.each([
    ['the array is the document', (marker: string) => marker],
    ['one level down', (marker: string) => ({ schemaVersion: '1.3', findings: marker, after: [1, 2] })],
    ['two levels down', (marker: string) => ({ runs: [{ tool: { name: 'x' }, results: marker }] })],
    ['three levels down', (marker: string) => ({ a: { b: { c: marker, d: 'e' } } })],
  ])('writes exactly what JSON.stringify(document, replacer, 2) writes, when %s', (_label, frame) => {
    for (const count of [0, 1, 2, 499, 500, 501, 1234]) {
      const items = Array.from({ length: count }, (_, i) => item(i));
      for (const replacer of [undefined, wellFormedStrings]) {
        const streamed = [...jsonChunks(frame, items, replacer)].join('');
        const whole = `${JSON.stringify(frame(items as unknown as string), replacer, 2)}\n`;
        expect(streamed).toBe(whole);
      }
    }
  });
});
