/** Atomic writes: a scheduled run never leaves half a report where a reader can find it. */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A file's content: one string, or the pieces of a large one (a report of tens of thousands of
 * findings), written as they come so the whole text never has to exist in memory at once.
 */
export type Content = string | Iterable<string>;

const tempBeside = (path: string): string => join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);

/** Writes `temp`, then renames it to `path`; on any failure the temp file goes and `path` is untouched. */
async function replaceAtomically(path: string, fill: (temp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempBeside(path);
  try {
    await fill(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function writeFileAtomic(path: string, content: Content): Promise<void> {
  // writeFile takes a string or an iterable of pieces, and finishes every partial write.
  await replaceAtomically(path, (temp) => writeFile(temp, content, { encoding: 'utf8', mode: 0o644 }));
}

/**
 * `latest.<ext>` as a second name of the report just written (a hard link, so a large report
 * is not written twice), or a copy where the file system has no hard links; atomic either way.
 */
async function publishLatest(file: string, latest: string): Promise<void> {
  await replaceAtomically(latest, async (temp) => {
    try {
      await link(file, temp);
    } catch {
      await copyFile(file, temp);
    }
  });
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
export async function writeReport(dir: string, base: string, ext: string, content: Content, keep?: number): Promise<string> {
  const file = join(dir, `${base}.${ext}`);
  await writeFileAtomic(file, content);
  await publishLatest(file, join(dir, `latest.${ext}`));
  if (keep !== undefined) await rotate(dir, base, ext, keep);
  return file;
}

async function rotate(dir: string, base: string, ext: string, keep: number): Promise<void> {
  const prefix = base.replace(/\d{8}T\d{6}Z$/, '');
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d{8}T\\d{6}Z\\.${ext.replace(/\./g, '\\.')}$`);
  const ours = (await readdir(dir)).filter((name) => pattern.test(name)).sort();
  for (const old of ours.slice(0, Math.max(0, ours.length - keep))) await rm(join(dir, old), { force: true });
}
