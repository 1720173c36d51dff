import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every test's temporary folders (and those of the processes the tests start,
 * which inherit TMPDIR) go under one folder made for this run, removed when the run ends. Test runs
 * used to leave thousands of srm-* folders in the system's temporary folder.
 */
export default function setup(): () => void {
  const system = tmpdir();
  const root = mkdtempSync(join(system, 'srm-tests-'));
  const previous = process.env.TMPDIR;
  process.env.SRM_SYSTEM_TMPDIR = system;
  process.env.TMPDIR = root;
  return () => {
    delete process.env.SRM_SYSTEM_TMPDIR;
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
