/**
 * Every report format is written as a stream: no report size makes one string. A child process
 * with a bounded heap writes 250,000 findings (the ASFF file alone is then larger than the
 * longest string V8 can hold); and every renderer hands its text over in bounded pieces.
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, RENDERERS } from '../../src/scan.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

/** V8's longest string (2^29 − 24 UTF-16 units on 64-bit): a report built as one string fails past it. */
const V8_MAX_STRING = 2 ** 29 - 24;

describe('streamed report writers', () => {
  it('every renderer of a report that grows with the findings hands it over in bounded pieces', () => {
    const report = reportOf(Array.from({ length: 3000 }, (_, i) => sampleFinding(i % 40, { resource: { id: `r-${i}`, type: 'T' } })));
    for (const format of FORMATS) {
      const content = RENDERERS[format](report);
      if (format === 'md') {
        // Markdown lists 50 rows per table at most: its size does not grow with the findings.
        expect(typeof content).toBe('string');
        continue;
      }
      expect(typeof content, format).not.toBe('string');
      const pieces = [...(content as Iterable<string>)];
      expect(pieces.length, format).toBeGreaterThan(2);
      expect(Math.max(...pieces.map((p) => p.length)), format).toBeLessThan(2_000_000);
    }
  });

  it(
    'writes 250,000 findings as ASFF, JUnit and CSV under a 768 MiB heap, in a child process',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'srm-large-'));
      try {
        const child = spawn(process.execPath, ['--max-old-space-size=768', 'dist/bench/write-large.js', '250000', dir, 'asff,junit,csv'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
        child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const result = JSON.parse(stdout) as { files: Record<string, number>; peakHeapMiB: number };
        const sizes = Object.entries(result.files);
        expect(sizes.map(([f]) => f.replace(/^.*-0000\./, ''))).toEqual(['asff.json', 'junit.xml', 'csv']);
        // Larger than any one string could be: it was written in pieces.
        expect(result.files[sizes[0]![0]]!).toBeGreaterThan(V8_MAX_STRING);
        // Each file is complete: the CSV has its 250,000 rows, the others their closing text.
        const tail = (file: string): string => {
          const fd = openSync(file, 'r');
          try {
            const buffer = Buffer.alloc(32);
            const read = readSync(fd, buffer, 0, 32, Math.max(0, statSync(file).size - 32));
            return buffer.subarray(0, read).toString('utf8');
          } finally {
            closeSync(fd);
          }
        };
        expect(tail(sizes[0]![0])).toMatch(/\n {2}}\n]\n$/);
        expect(tail(sizes[1]![0])).toMatch(/<\/testsuite>\n<\/testsuites>\n$/);
        let rows = 0;
        for await (const chunk of createReadStream(sizes[2]![0])) for (const byte of chunk as Buffer) if (byte === 0x0a) rows++;
        expect(rows).toBe(250_001);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    15 * 60_000,
  );
});
