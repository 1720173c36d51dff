import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, HEAP_GROWING_PERCENT } from '../../src/util/heap.js';
import { runBin, tempDir } from '../helpers/cli.js';

const BIN = new URL('../../bin/srm-audit.js', import.meta.url).pathname;

describe('the heap growing factor', () => {
  it('is set to 1 + HEAP_GROWING_PERCENT / 100 unless node was given one', () => {
    const set: string[] = [];
    expect(boundHeapGrowth([], (f) => set.push(f))).toBe(true);
    expect(boundHeapGrowth(['--inspect'], (f) => set.push(f))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    for (const given of [
      ['--heap-growing-percent=50'],
      ['--heap_growing_percent=5'],
      ['-heap-growing-percent=5'],
      ['--heap-growing-percent', '50'],
    ]) {
      expect(boundHeapGrowth(given, (f) => set.push(f))).toBe(false);
    }
    expect(set).toHaveLength(2);
    // A flag that only starts the same is not the same flag.
    expect(boundHeapGrowth(['--heap-growing-percentage=1'], () => undefined)).toBe(true);
  });

  it("is set by the CLI's process before it runs a command, and left alone when node was given it", () => {
    // A preload records what the process asks of V8 (it loads before any of the CLI's modules,
    // so the ES module binding of node:v8 is the recording one).
    const dir = tempDir();
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      `const v8 = require('node:v8'); const set = v8.setFlagsFromString;
       v8.setFlagsFromString = (f) => { process.stderr.write('v8 flags: ' + f + '\\n'); return set(f); };`,
    );
    const run = runBin(['--version'], { NODE_OPTIONS: `--require ${probe}` });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`v8 flags: --heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    // V8 prints, rather than throws, when it does not know a flag or its value (a future node).
    expect(run.stderr).not.toMatch(/unrecognized flag|illegal value|try --help/i);
    const given = spawnSync(process.execPath, ['--heap-growing-percent=50', '--require', probe, BIN, '--version'], { encoding: 'utf8' });
    expect(given.status).toBe(0);
    expect(given.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(given.stderr).not.toContain('v8 flags');
  });
});
