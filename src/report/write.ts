/**
 * Writing reports so that a scheduled, concurrent or killed run never leaves half a report, a
 * mixed `latest.*` set or temporary files where a reader can find them:
 *
 * - every file is written to a temporary name beside it and renamed (atomic);
 * - run names are unique and sortable (milliseconds and a random suffix);
 * - every report is written under its run name first; then, under `latest.lock`, the `latest.*`
 *   set is replaced as one run's set (formats this run did not write are removed from it, and
 *   `latest.run` names the run last); a run older than the one already published leaves it;
 * - temporaries older than an hour (a run killed mid-write) are removed by the next run.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * A file's content: one string, or the pieces of a large one (a report of tens of thousands of
 * findings), written as they come so the whole text never has to exist in memory at once.
 */
export type Content = string | Iterable<string>;

/** The file-system calls the writer makes, replaceable in tests (a full disk, a failing link). */
export const fileSystem = {
  mkdir: fsp.mkdir,
  writeFile: fsp.writeFile,
  rename: fsp.rename,
  rm: fsp.rm,
  link: fsp.link,
  copyFile: fsp.copyFile,
  readdir: fsp.readdir,
  readFile: fsp.readFile,
  stat: fsp.stat,
  open: fsp.open,
};

const TEMP = /^\.[0-9a-f]{12}\.tmp$/;
const tempBeside = (path: string): string => join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);

/**
 * `mkdir -p`, a level at a time. Node 20's own recursive mkdir never returns where creating a
 * folder fails with ENOENT although its parent exists (under /proc, for root): the scan would hang
 * after all its calls instead of saying the reports cannot be written.
 */
export async function makeFolder(dir: string): Promise<void> {
  try {
    await fileSystem.mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await fileSystem.stat(dir)).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeFolder(parent);
    await fileSystem.mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/** Writes `temp`, then renames it to `path`; on any failure the temp file goes and `path` is untouched. */
async function replaceAtomically(path: string, fill: (temp: string) => Promise<void>): Promise<void> {
  await makeFolder(dirname(path));
  const temp = tempBeside(path);
  try {
    await fill(temp);
    await fileSystem.rename(temp, path);
  } catch (error) {
    await fileSystem.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

export async function writeFileAtomic(path: string, content: Content): Promise<void> {
  // writeFile takes a string or an iterable of pieces, and finishes every partial write.
  await replaceAtomically(path, (temp) => fileSystem.writeFile(temp, content, { encoding: 'utf8', mode: 0o644 }));
}

/**
 * `latest.<ext>` as a second name of the report just written (a hard link, so a large report
 * is not written twice), or a copy where the file system has no hard links; atomic either way.
 */
async function publishLatest(file: string, latest: string): Promise<void> {
  await replaceAtomically(latest, async (temp) => {
    try {
      await fileSystem.link(file, temp);
    } catch {
      await fileSystem.copyFile(file, temp);
    }
  });
}

const safeAccount = (accountId: string): string => accountId.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * srm-audit-<account>-<UTC time to the millisecond>-<4 random hex>: 20261122T073000123Z-9f3a.
 * Two runs started in the same millisecond still differ; names sort by start time.
 */
export function reportBaseName(accountId: string, startedAt: string, suffix = randomBytes(2).toString('hex')): string {
  const [, date = '', time = '', ms = '000'] = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?/.exec(startedAt) ?? [];
  const stamp = `${date.replace(/-/g, '')}T${time.replace(/:/g, '')}${ms.padEnd(3, '0')}Z`;
  return `srm-audit-${safeAccount(accountId)}-${stamp}-${suffix}`;
}

/** The run-name part of a report's name, as a key that sorts by time (names before the milliseconds count as .000). */
const RUN_STAMP = /(\d{8}T\d{6})(\d{3})?Z(?:-([0-9a-f]{4}))?$/;
const runKey = (base: string): string => {
  const m = RUN_STAMP.exec(base);
  return m ? `${m[1]}${m[2] ?? '000'}-${m[3] ?? ''}` : base;
};

/** A file-system failure while writing reports, as one line naming the file (exit 2). */
export class ReportWriteError extends UsageError {}

/** A file-system error in a few words: its code (ENOSPC said in words), else its message. */
export function fileErrorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ? `${e.code}${e.code === 'ENOSPC' ? ' (no space left on device)' : ''}` : String((error as Error)?.message ?? error);
}

function cannot(what: string, file: string, error: unknown, written: readonly string[]): ReportWriteError {
  const why = fileErrorText(error);
  const kept = written.length ? `; the reports already written stay: ${written.map((f) => basename(f)).join(', ')}` : '';
  return new ReportWriteError(`cannot ${what} ${file}: ${why}${kept}`);
}

export interface ReportFile {
  ext: string;
  content: Content;
}

export interface WriteOptions {
  /** Keep only this many timestamped reports per extension (and account). */
  keep?: number;
  /** Every extension the tool writes: `latest.<ext>` of those this run did not write are removed from the set. */
  knownExtensions?: readonly string[];
}

/**
 * Writes each report as `<base>.<ext>`, then publishes them as the `latest.*` set, then prunes
 * with `keep`. Returns the timestamped files. A failure is one line naming the file (exit 2);
 * a failure after the reports are written leaves them in place.
 */
export async function writeReports(
  dir: string,
  base: string,
  reports: readonly ReportFile[],
  options: WriteOptions = {},
): Promise<string[]> {
  try {
    await makeFolder(dir);
  } catch (error) {
    throw cannot('write reports to', dir, error, []);
  }
  await removeStaleTemporaries(dir);
  const written: string[] = [];
  for (const { ext, content } of reports) {
    const file = join(dir, `${base}.${ext}`);
    try {
      await writeFileAtomic(file, content);
    } catch (error) {
      if (!(error as NodeJS.ErrnoException)?.code) throw error;
      throw cannot('write', file, error, written);
    }
    written.push(file);
  }
  await withLock(join(dir, 'latest.lock'), written, async () => {
    const pointer = join(dir, 'latest.run');
    const current = (await fileSystem.readFile(pointer, 'utf8').catch(() => '')).trim();
    // A run that started before the one already published (a slow concurrent run) leaves the set alone.
    if (current && runKey(current) > runKey(base)) return;
    let target = '';
    try {
      for (const [i, file] of written.entries()) {
        target = join(dir, `latest.${reports[i]!.ext}`);
        await publishLatest(file, target);
      }
      const ours = new Set(reports.map((r) => r.ext));
      for (const ext of options.knownExtensions ?? []) {
        if (ours.has(ext)) continue;
        target = join(dir, `latest.${ext}`);
        await fileSystem.rm(target, { force: true });
      }
      target = pointer;
      await writeFileAtomic(pointer, `${base}\n`);
    } catch (error) {
      throw cannot('update', target, error, written);
    }
  });
  if (options.keep !== undefined) {
    for (const { ext } of reports) await rotate(dir, base, ext, options.keep, written);
  }
  return written;
}

/** One report: `<base>.<ext>` and `latest.<ext>`, then `keep` (the single-format form of writeReports). */
export async function writeReport(dir: string, base: string, ext: string, content: Content, keep?: number): Promise<string> {
  const [file] = await writeReports(dir, base, [{ ext, content }], { keep });
  return file!;
}

async function rotate(dir: string, base: string, ext: string, keep: number, written: readonly string[]): Promise<void> {
  const prefix = base.replace(RUN_STAMP, '');
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escape(prefix)}\\d{8}T\\d{6}(?:\\d{3})?Z(?:-[0-9a-f]{4})?\\.${escape(ext)}$`);
  const ours = (await fileSystem.readdir(dir))
    .filter((name) => pattern.test(name))
    .sort((a, b) => runKey(a.slice(0, -ext.length - 1)).localeCompare(runKey(b.slice(0, -ext.length - 1))));
  for (const old of ours.slice(0, Math.max(0, ours.length - keep))) {
    try {
      await fileSystem.rm(join(dir, old), { force: true });
    } catch (error) {
      throw cannot('remove the old report', join(dir, old), error, written);
    }
  }
}

/** Temporaries an hour old belong to no running writer: a run killed mid-write left them. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

async function removeStaleTemporaries(dir: string): Promise<void> {
  const names = await fileSystem.readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names.filter((n) => TEMP.test(n))) {
    const path = join(dir, name);
    const info = await fileSystem.stat(path).catch(() => undefined);
    // Best effort: a temporary that cannot be removed costs space, never a report.
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await fileSystem.rm(path, { force: true }).catch(() => undefined);
  }
}

/** How long a run waits for another to finish publishing its set, and when a lock is abandoned. */
export const LOCK = { waitMs: 60_000, pollMs: 25, staleMs: 5 * 60_000 };

/**
 * Runs `update` holding `lock` (created exclusively; it names its holder). A lock whose holder
 * is gone (a process of this host that no longer exists) or that is older than LOCK.staleMs is
 * taken over: its run was killed, and this run replaces the whole set anyway.
 */
async function withLock(lock: string, written: readonly string[], update: () => Promise<void>): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const handle = await fileSystem.open(lock, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      if (code !== 'EEXIST') throw cannot('update', lock, error, written);
      if ((await lockAbandoned(lock)) || Date.now() - started > LOCK.waitMs) {
        await fileSystem.rm(lock, { force: true }).catch(() => undefined);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK.pollMs));
    }
  }
  try {
    await update();
  } finally {
    await fileSystem.rm(lock, { force: true }).catch(() => undefined);
  }
}

async function lockAbandoned(lock: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([fileSystem.readFile(lock, 'utf8'), fileSystem.stat(lock)]);
    if (Date.now() - info.mtimeMs > LOCK.staleMs) return true;
    const holder = JSON.parse(text) as { pid?: number; host?: string };
    if (holder.host !== hostname() || typeof holder.pid !== 'number') return false;
    try {
      process.kill(holder.pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // Being written right now (empty, half-written) or just removed: not abandoned.
    return false;
  }
}
