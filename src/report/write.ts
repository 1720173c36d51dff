/** Atomic writes: a scheduled run never leaves half a report where a reader can find it. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { encoding: 'utf8', mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** srm-audit-<account>-<UTC timestamp>: 20261122T073000Z, sortable and safe in any file system. */
export function reportBaseName(accountId: string, startedAt: string): string {
  const stamp = startedAt.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `srm-audit-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}`;
}
