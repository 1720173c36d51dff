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
    for (const count of [0, 1, 2, 99, 100, 101, 499, 500, 501, 1234]) {
      const items = Array.from({ length: count }, (_, i) => item(i));
      for (const replacer of [undefined, wellFormedStrings]) {
        const streamed = [...jsonChunks(frame, items, replacer)].join('');
        const whole = `${JSON.stringify(frame(items as unknown as string), replacer, 2)}\n`;
        expect(streamed).toBe(whole);
      }
    }
  });

  it('writes what JSON.stringify writes for large and odd documents around the array, in bounded pieces', () => {
    // A seeded generator of documents: large arrays and objects (streamed), small ones (written
    // at once), dates (toJSON), values JSON leaves out, numbers it writes as null, empty containers.
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const leaf = (): unknown =>
      [
        () => `s-${rand(1000)} "q" \u2028 ${rand(9) === 0 ? '\uDC00' : ''}`,
        () => rand(100000) / 7,
        () => [NaN, Infinity, -0][rand(3)],
        () => null,
        () => rand(2) === 0,
        () => undefined,
        () => () => 1,
        () => new Date(Date.UTC(2026, 0, 1 + rand(300))),
        () => [],
        () => ({}),
      ][rand(10)]!();
    // At most one large container per level, and about 10,000 values per document in all.
    let budget = 0;
    const value = (depth: number): unknown => {
      if (depth > 4 || budget <= 0 || rand(3) === 0) return leaf();
      const size = Math.min(budget, rand(4) === 0 ? 600 + rand(1500) : rand(6));
      budget -= size;
      if (rand(2) === 0) return Array.from({ length: size }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}-${rand(50)}`, value(depth + 1)]));
    };
    for (let round = 0; round < 12; round++) {
      budget = 5000;
      const before = value(1);
      budget = 5000;
      const after = value(1);
      const items = Array.from({ length: rand(1200) }, (_, i) => (rand(3) ? item(i) : value(2)));
      const frame = (marker: string) => ({
        before,
        list: { deep: [marker] },
        after,
        views: { big: Array.from({ length: 30_000 }, (_, i) => ({ i, r: { id: `r-${i}` } })) },
      });
      for (const replacer of [undefined, wellFormedStrings]) {
        const pieces = [...jsonChunks(frame, items, replacer)];
        const whole = `${JSON.stringify(frame(items as unknown as string), replacer, 2)}\n`;
        expect(pieces.join('')).toBe(whole);
        // The parts around the array never come as one piece: the views alone are about 2 MB.
        expect(whole.length).toBeGreaterThan(2_000_000);
        expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(400_000);
      }
    }
  });

  it('follows JSON.stringify where the document is unusual: toJSON, boxed primitives, functions', () => {
    const big = Array.from({ length: 2500 }, (_, i) => ({ i }));
    const frame = (marker: string) => ({
      before: big,
      once: { toJSON: () => new Date(0) },
      fn: Object.assign(() => 1, { toJSON: () => 'fn' }),
      plainFn: () => 1,
      boxed: new String('x'.repeat(2500)),
      num: new Number(3),
      bool: new Boolean(false),
      grows: { toJSON: () => ({ big }) },
      list: [marker],
      holes: [undefined, () => 1, Symbol('s'), ...big],
    });
    const items = [item(1), item(2)];
    for (const replacer of [undefined, wellFormedStrings]) {
      expect([...jsonChunks(frame, items, replacer)].join('')).toBe(`${JSON.stringify(frame(items as unknown as string), replacer, 2)}\n`);
    }
  });

  it('refuses a document that holds the marker twice (the items are written once)', () => {
    expect(() => [...jsonChunks((marker) => ({ a: marker, b: marker }), [1])]).toThrow(/twice/);
  });
});
