/** Atomic writes: a scheduled run never leaves half a report where a reader can find it. */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
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

const safeAccount = (accountId: string): string => accountId.replace(/[^A-Za-z0-9_-]/g, '_');

/** srm-audit-<account>-<UTC timestamp>: 20261122T073000Z, sortable and safe in any file system. */
export function reportBaseName(accountId: string, startedAt: string): string {
  const stamp = startedAt.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `srm-audit-${safeAccount(accountId)}-${stamp}`;
}

/**
 * Writes `<base>.<ext>` and `latest.<ext>` beside it (each atomically), then keeps only the
 * `keep` newest timestamped reports of this account with this extension.
 */
export async function writeReport(dir: string, base: string, ext: string, content: string, keep?: number): Promise<string> {
  const file = join(dir, `${base}.${ext}`);
  await writeFileAtomic(file, content);
  await writeFileAtomic(join(dir, `latest.${ext}`), content);
  if (keep !== undefined) await rotate(dir, base, ext, keep);
  return file;
}

async function rotate(dir: string, base: string, ext: string, keep: number): Promise<void> {
  const prefix = base.replace(/\d{8}T\d{6}Z$/, '');
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d{8}T\\d{6}Z\\.${ext.replace(/\./g, '\\.')}$`);
  const ours = (await readdir(dir)).filter((name) => pattern.test(name)).sort();
  for (const old of ours.slice(0, Math.max(0, ours.length - keep))) await rm(join(dir, old), { force: true });
}
