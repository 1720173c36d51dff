/**
 * The summary line CI reads counts a file that fails to load or start as a failure: a run in
 * which every browser file's beforeAll throws must not print "0 failed".
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('../fixtures/vitest-summary/', import.meta.url));
const VITEST_PKG = createRequire(import.meta.url).resolve('vitest/package.json');
const VITEST = join(dirname(VITEST_PKG), (JSON.parse(readFileSync(VITEST_PKG, 'utf8')) as { bin: { vitest: string } }).bin.vitest);

it('counts a file whose hook throws and a file that does not load as failures', () => {
  const run = spawnSync(process.execPath, [VITEST, 'run', '--root', FIXTURE], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(1);
  const lines = run.stdout.split('\n').filter((l) => l.startsWith('tests: '));
  expect(lines).toEqual(['tests: 1 passed, 2 failed, 2 skipped (2 files failed to load or start)']);
});
