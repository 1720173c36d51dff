import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every test's temporary folders go under one folder made for this run,
 * removed when the run ends (test runs used to leave thousands of srm-* folders in the system's
 * temporary folder). Test processes inherit TMPDIR; the processes the tests start with an
 * environment of their own are given it (tests/helpers/cli.ts).
 *
 * Chromium for the browser tests is unpacked here, once, before any test process starts, into the
 * system's temporary folder (where it stays between runs): unpacked by the test processes, two of
 * them could start a binary another was still writing. CHROMIUM_PATH, when set, is used instead.
 */
export default async function setup(): Promise<() => void> {
  if (!process.env.CHROMIUM_PATH) {
    try {
      const { default: packaged } = await import('@sparticuz/chromium');
      process.env.CHROMIUM_PATH = await packaged.executablePath();
    } catch (error) {
      // The browser tests say why they cannot start; every other test runs.
      process.stderr.write(`Chromium could not be unpacked: ${(error as Error).message}\n`);
    }
  }
  const root = mkdtempSync(join(tmpdir(), 'srm-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
