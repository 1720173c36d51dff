/**
 * Reports are never lost or mixed: unique run names, one run's `latest.*` set (also under
 * concurrent runs), stale temporaries removed, and a full disk or an unwritable folder as one
 * line naming the file, with the reports already written kept.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { fileSystem, reportBaseName, writeReports } from '../../src/report/write.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'srm-write-'));
const EXTS = ['json', 'html', 'csv'];
afterEach(() => vi.restoreAllMocks());

describe('run names', () => {
  it('are unique for runs started in the same millisecond, and sort by start time', () => {
    const at = '2026-11-22T07:30:00.123Z';
    const names = new Set(Array.from({ length: 50 }, () => reportBaseName('123456789012', at)));
    expect(names.size).toBeGreaterThan(45);
    for (const name of names) expect(name).toMatch(/^srm-audit-123456789012-20261122T073000123Z-[0-9a-f]{4}$/);
    const earlier = reportBaseName('123456789012', '2026-11-22T07:30:00.122Z', 'ffff');
    const later = reportBaseName('123456789012', '2026-11-22T07:30:01.000Z', '0000');
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });
});

describe('the latest.* set', () => {
  it('is one run’s set: a run with fewer formats removes the others from it, and latest.run names the run', async () => {
    const dir = tempDir();
    await writeReports(
      dir,
      'srm-audit-1-20260101T000000000Z-aaaa',
      EXTS.map((ext) => ({ ext, content: `a ${ext}` })),
      { knownExtensions: EXTS },
    );
    await writeReports(dir, 'srm-audit-1-20260102T000000000Z-bbbb', [{ ext: 'json', content: 'b json' }], { knownExtensions: EXTS });
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('latest.'))
        .sort(),
    ).toEqual(['latest.json', 'latest.run']);
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('b json');
    expect(readFileSync(join(dir, 'latest.run'), 'utf8')).toBe('srm-audit-1-20260102T000000000Z-bbbb\n');
  });

  it('a run that started before the published one leaves the set alone (a slow concurrent run)', async () => {
    const dir = tempDir();
    await writeReports(dir, 'srm-audit-1-20260102T000000000Z-bbbb', [{ ext: 'json', content: 'newer' }]);
    const files = await writeReports(dir, 'srm-audit-1-20260101T000000000Z-aaaa', [{ ext: 'json', content: 'older' }]);
    expect(readFileSync(files[0]!, 'utf8')).toBe('older');
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('newer');
  });

  it('three runs started at once into one folder keep three reports and publish one whole set', async () => {
    const dir = tempDir();
    const at = '2026-11-22T07:30:00.000Z';
    const runs = await Promise.all(
      [1, 2, 3].map((n) =>
        writeReports(
          dir,
          reportBaseName('123456789012', at),
          EXTS.map((ext) => ({ ext, content: `run ${n} ${ext}` })),
          { knownExtensions: EXTS },
        ),
      ),
    );
    expect(new Set(runs.flat()).size).toBe(9);
    const names = readdirSync(dir);
    expect(names.filter((n) => n.startsWith('srm-audit-'))).toHaveLength(9);
    expect(names.filter((n) => n.endsWith('.tmp') || n === 'latest.lock')).toEqual([]);
    const published = EXTS.map((ext) => readFileSync(join(dir, `latest.${ext}`), 'utf8').split(' ')[1]);
    expect(new Set(published).size).toBe(1);
    const base = readFileSync(join(dir, 'latest.run'), 'utf8').trim();
    expect(readFileSync(join(dir, `${base}.json`), 'utf8')).toBe(readFileSync(join(dir, 'latest.json'), 'utf8'));
  });

  it('takes over the lock of a run that was killed while publishing', async () => {
    const dir = tempDir();
    // A process that has exited: its pid no longer exists.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    writeFileSync(
      join(dir, 'latest.lock'),
      JSON.stringify({ pid, host: (await import('node:os')).hostname(), at: new Date().toISOString() }),
    );
    await writeReports(dir, 'srm-audit-1-20260101T000000000Z-aaaa', [{ ext: 'json', content: 'x' }]);
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('x');
    expect(existsSync(join(dir, 'latest.lock'))).toBe(false);
  });
});

describe('temporary files', () => {
  it('the next run removes temporaries over an hour old (a run killed mid-write), and leaves recent ones', async () => {
    const dir = tempDir();
    const stale = join(dir, '.0123456789ab.tmp');
    const fresh = join(dir, '.ba9876543210.tmp');
    writeFileSync(stale, 'half a report');
    writeFileSync(fresh, 'being written by another run');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    await writeReports(dir, 'srm-audit-1-20260101T000000000Z-aaaa', [{ ext: 'json', content: 'x' }]);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('file-system failures are one line naming the file (exit 2)', () => {
  const enospc = (): never => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };

  it('a full disk while updating latest.*: the timestamped reports stay', async () => {
    const dir = tempDir();
    vi.spyOn(fileSystem, 'link').mockImplementation(enospc);
    vi.spyOn(fileSystem, 'copyFile').mockImplementation(enospc);
    const error = await writeReports(dir, 'srm-audit-1-20260101T000000000Z-aaaa', [
      { ext: 'json', content: 'j' },
      { ext: 'html', content: 'h' },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `cannot update ${join(dir, 'latest.json')}: ENOSPC (no space left on device); the reports already written stay: srm-audit-1-20260101T000000000Z-aaaa.json, srm-audit-1-20260101T000000000Z-aaaa.html`,
    );
    expect(readdirSync(dir).sort()).toEqual(['srm-audit-1-20260101T000000000Z-aaaa.html', 'srm-audit-1-20260101T000000000Z-aaaa.json']);
  });

  it('a full disk while pruning with --keep', async () => {
    const dir = tempDir();
    await writeReports(dir, 'srm-audit-1-20260101T000000000Z-aaaa', [{ ext: 'json', content: 'old' }]);
    const realRm = fileSystem.rm;
    vi.spyOn(fileSystem, 'rm').mockImplementation((path, options) =>
      String(path).endsWith('aaaa.json') ? Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) : realRm(path, options),
    );
    const error = await writeReports(dir, 'srm-audit-1-20260102T000000000Z-bbbb', [{ ext: 'json', content: 'new' }], { keep: 1 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      /^cannot remove the old report .*aaaa\.json: ENOSPC \(no space left on device\); the reports already written stay: srm-audit-1-20260102T000000000Z-bbbb\.json$/,
    );
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('new');
  });

  it.each(['EACCES', 'EPERM', 'ENOTDIR', 'EROFS'])('the output folder cannot be made (%s): "cannot write reports to …"', async (code) => {
    vi.spyOn(fileSystem, 'mkdir').mockRejectedValue(Object.assign(new Error(code), { code }));
    const error = await writeReports('/nowhere/reports', 'b', [{ ext: 'json', content: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`cannot write reports to /nowhere/reports: ${code}`);
  });

  it('a folder that cannot be made although its parent exists (ENOENT, as under /proc for root) is refused, not retried forever', async () => {
    const parent = tempDir();
    const dir = join(parent, 'reports');
    const realMkdir = fileSystem.mkdir;
    vi.spyOn(fileSystem, 'mkdir').mockImplementation(async (path, options) => {
      if (path === dir) throw Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${dir}'`), { code: 'ENOENT' });
      return realMkdir(path, options);
    });
    const error = await writeReports(dir, 'b', [{ ext: 'json', content: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^cannot write reports to .*reports: ENOENT/);
  });

  it.runIf(process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/proc/self'))(
    'an output folder under /proc is refused (Node 20 recursive mkdir never returns there)',
    async () => {
      const error = await writeReports('/proc/srm-audit-test/reports', 'b', [{ ext: 'json', content: 'x' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^cannot write reports to \/proc\/srm-audit-test\/reports: ENOENT/);
    },
  );

  it('missing folders are made a level at a time; a file in the way is refused', async () => {
    const root = tempDir();
    const files = await writeReports(join(root, 'a', 'b', 'c'), 'b', [{ ext: 'json', content: 'x' }]);
    expect(files.map((f) => f.slice(root.length))).toEqual([join('/a/b/c', 'b.json')]);
    writeFileSync(join(root, 'file'), 'not a folder');
    const error = await writeReports(join(root, 'file', 'reports'), 'b', [{ ext: 'json', content: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^cannot write reports to .*file\/reports: ENOTDIR/);
  });
});
