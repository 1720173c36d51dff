/**
 * Findings held on disk instead of in memory: an organization scan adds each account's findings
 * when the account is done and lets them go, so its memory grows with the accounts in flight,
 * not with those done; the reports then read them back a pass at a time (`view`).
 *
 * The spool is one file of JSON lines in the system's temporary folder (TMPDIR), removed from
 * its folder as soon as it is opened: only this process can reach it, and nothing stays on disk
 * when the process ends, however it ends. The fields every finding of a check repeats (title,
 * remediation, compliance map…) are written once per check, not once per finding. Where the
 * temporary folder cannot be written (no space, no permission), the findings stay in memory and
 * the run goes on: `fallback` says why.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Findings, ReportFinding } from './model.js';
import { fileErrorText as reason, ReportWriteError } from './write.js';

/** The fields a check gives every one of its findings (the runner copies them from the check). */
const CHECK_FIELDS = ['title', 'category', 'responsibility', 'service', 'remediation', 'compliance'] as const;
type CheckFields = Pick<ReportFinding, (typeof CHECK_FIELDS)[number]>;

/**
 * Written in place of a check field equal to the check's (JSON keeps the key, so its place in the
 * finding is kept). Those fields are strings and a compliance map, never a number.
 */
const SAME = 0;

/** How much of the file a sequential read takes at once, and about how much a write takes. */
const CHUNK = 1 << 20;

/** The file-system calls the spool makes, replaceable in tests (a disk that fills up, a file that cannot be unlinked). */
export const spoolFileSystem = { mkdtempSync, openSync, unlinkSync, rmdirSync, closeSync, readSync, writeSync };

/**
 * Folders a spool could not remove while its file was open (where the file system keeps an
 * unlinked open file's name until it is closed, as Windows does): removed when the file is
 * closed, or at exit, once every spool's file is closed.
 */
const leftFolders = new Set<string>();
/** The files of spools not closed yet (a report's findings are read from its spool until the process ends). */
const openFiles = new Set<number>();
const closeQuietly = (fd: number): void => {
  openFiles.delete(fd);
  try {
    spoolFileSystem.closeSync(fd);
  } catch {
    // Already closed.
  }
};
const removeLeftFolders = (): void => {
  for (const folder of leftFolders) {
    try {
      spoolFileSystem.rmdirSync(folder);
      leftFolders.delete(folder);
    } catch {
      // Still held: the system's temporary folder is cleaned by the system.
    }
  }
};
let exitHook = false;
const atExit = (): void => {
  for (const fd of openFiles) closeQuietly(fd);
  removeLeftFolders();
};

/** One account's findings in the spool: on disk (their places in the file), or kept in memory. */
export type SpoolPart = { first: number; count: number } | { findings: readonly ReportFinding[] };

/** Closes a spool's file once nothing can read it any more. */
const closer = new FinalizationRegistry<number>(closeQuietly);

export class FindingSpool {
  /** Where each finding's line starts, and one past the last line's end. */
  private readonly offsets: number[] = [0];
  /** Each check's fields, as its first finding carried them; its compliance map as JSON too. */
  private readonly checks = new Map<string, { fields: CheckFields; compliance: string; index: number }>();
  /** Each finding's check (its index in `checks`), so that one check's findings are read alone. */
  private readonly checkOf: number[] = [];
  private fd: number | undefined;
  /** Why findings are kept in memory instead (the spool could not be opened or written). */
  fallback: string | undefined;

  constructor(dir = tmpdir()) {
    const fs = spoolFileSystem;
    let folder: string | undefined;
    let fd: number | undefined;
    try {
      folder = fs.mkdtempSync(join(dir, 'srm-audit-spool-'));
      const file = join(folder, 'findings.jsonl');
      fd = fs.openSync(file, 'w+', 0o600);
      // Unlinked at once: only this process can read it, and nothing stays behind however it ends.
      // A file that cannot be unlinked is not used (it would outlive the run, findings and all).
      fs.unlinkSync(file);
      this.fd = fd;
      openFiles.add(fd);
      closer.register(this, fd, this);
    } catch (error) {
      this.fallback = `cannot hold findings in ${dir}: ${reason(error)}`;
      if (fd !== undefined) {
        closeQuietly(fd);
        try {
          fs.unlinkSync(join(folder!, 'findings.jsonl'));
        } catch {
          // Left to the system's cleaning of its temporary folder.
        }
      }
    } finally {
      if (folder) {
        try {
          fs.rmdirSync(folder);
        } catch {
          // Where an unlinked open file keeps its name until it is closed (Windows): removed then.
          leftFolders.add(folder);
          if (!exitHook) process.once('exit', atExit);
          exitHook = true;
        }
      }
    }
  }

  /** Findings kept from here on: in the spool, or, when it cannot be written, in memory. */
  add(findings: readonly ReportFinding[]): SpoolPart {
    if (this.fd === undefined || this.fallback || findings.length === 0) return { findings };
    const start = this.offsets[this.offsets.length - 1]!;
    const ends: number[] = [];
    try {
      // Written about a megabyte at a time: an account's findings never become one string (V8's
      // longest is about 512 MB) nor one buffer.
      let position = start;
      let batch: string[] = [];
      let size = 0;
      const flush = (): void => {
        const bytes = Buffer.from(batch.join(''));
        for (let written = 0; written < bytes.length;) {
          const n = spoolFileSystem.writeSync(this.fd!, bytes, written, bytes.length - written, position + written);
          if (n === 0) throw new Error('the temporary folder took no more bytes');
          written += n;
        }
        position += bytes.length;
        batch = [];
        size = 0;
      };
      let end = start;
      for (const f of findings) {
        const line = `${JSON.stringify(this.compact(f))}\n`;
        ends.push((end += Buffer.byteLength(line)));
        batch.push(line);
        size += line.length;
        if (size >= CHUNK) flush();
      }
      if (batch.length) flush();
    } catch (error) {
      // What is already in the spool stays readable (an account's lines count only once all are
      // written); these findings and the later ones stay in memory.
      this.fallback = `cannot hold more findings in the temporary folder: ${reason(error)}`;
      return { findings };
    }
    const first = this.offsets.length - 1;
    for (const end of ends) this.offsets.push(end);
    for (const f of findings) this.checkOf.push(this.checks.get(f.checkId)!.index);
    return { first, count: findings.length };
  }

  /** The findings of these parts, in this order, read from the spool a pass at a time. */
  view(parts: readonly SpoolPart[]): Findings {
    // Where each part's findings start in the view.
    const starts: number[] = [];
    let length = 0;
    for (const part of parts) {
      starts.push(length);
      length += 'findings' in part ? part.findings.length : part.count;
    }
    const readOne = (i: number): ReportFinding => this.readOne(i);
    const checkOf = this.checkOf;
    const checks = this.checks;
    const readRange = (first: number, count: number): Iterable<ReportFinding> => this.readRange(first, count);
    return {
      length,
      at(index: number): ReportFinding | undefined {
        if (!Number.isInteger(index) || index < 0 || index >= length) return undefined;
        let lo = 0;
        let hi = parts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= index) lo = mid;
          else hi = mid - 1;
        }
        const part = parts[lo]!;
        const i = index - starts[lo]!;
        return 'findings' in part ? part.findings[i] : readOne(part.first + i);
      },
      *ofChecks(checkIds: readonly string[]): Iterable<ReportFinding> {
        const wanted = new Set(checkIds.map((id) => checks.get(id)?.index));
        for (const part of parts) {
          if ('findings' in part) {
            for (const f of part.findings) if (checkIds.includes(f.checkId)) yield f;
            continue;
          }
          for (let i = part.first; i < part.first + part.count; i++) if (wanted.has(checkOf[i])) yield readOne(i);
        }
      },
      *[Symbol.iterator](): Iterator<ReportFinding> {
        for (const part of parts) {
          if ('findings' in part) yield* part.findings;
          else yield* readRange(part.first, part.count);
        }
      },
    };
  }

  /** Lets the file go (the view's findings on disk can no longer be read). */
  close(): void {
    if (this.fd === undefined) return;
    closer.unregister(this);
    closeQuietly(this.fd);
    this.fd = undefined;
    removeLeftFolders();
  }

  /** The finding with its check's fields written as SAME. */
  private compact(f: ReportFinding): ReportFinding | Record<string, unknown> {
    let check = this.checks.get(f.checkId);
    if (!check) {
      const fields = Object.fromEntries(CHECK_FIELDS.filter((k) => k in f).map((k) => [k, f[k]])) as CheckFields;
      this.checks.set(f.checkId, (check = { fields, compliance: JSON.stringify(f.compliance), index: this.checks.size }));
    }
    let out: Record<string, unknown> | undefined;
    for (const k of CHECK_FIELDS) {
      if (!(k in f) || !(k in check.fields)) continue;
      const same =
        k === 'compliance'
          ? f.compliance === check.fields.compliance || JSON.stringify(f.compliance) === check.compliance
          : f[k] === check.fields[k];
      if (!same) continue;
      out ??= { ...f };
      out[k] = SAME;
    }
    return out ?? f;
  }

  private expand(line: string): ReportFinding {
    const f = JSON.parse(line) as Record<string, unknown>;
    const check = this.checks.get(f.checkId as string);
    if (check) for (const k of CHECK_FIELDS) if (f[k] === SAME) f[k] = check.fields[k];
    return f as unknown as ReportFinding;
  }

  private readOne(index: number): ReportFinding {
    const start = this.offsets[index]!;
    const bytes = Buffer.alloc(this.offsets[index + 1]! - start - 1);
    this.read(bytes, start);
    return this.expand(bytes.toString('utf8'));
  }

  private *readRange(first: number, count: number): Generator<ReportFinding> {
    const end = this.offsets[first + count]!;
    let position = this.offsets[first]!;
    let carry: Buffer | undefined;
    while (position < end) {
      const chunk = Buffer.alloc(Math.min(CHUNK, end - position));
      this.read(chunk, position);
      position += chunk.length;
      const text = carry ? Buffer.concat([carry, chunk]) : chunk;
      let from = 0;
      for (let nl = text.indexOf(10); nl >= 0; nl = text.indexOf(10, from)) {
        yield this.expand(text.toString('utf8', from, nl));
        from = nl + 1;
      }
      carry = from < text.length ? text.subarray(from) : undefined;
    }
  }

  private read(into: Buffer, position: number): void {
    if (this.fd === undefined) throw new Error('the findings spool was closed before its findings were read');
    for (let got = 0; got < into.length;) {
      let n: number;
      try {
        n = spoolFileSystem.readSync(this.fd, into, got, into.length - got, position + got);
      } catch (error) {
        // Said as what failed (not as the report being written), in one line.
        throw new ReportWriteError(`cannot read the findings back from the temporary folder: ${reason(error)}`);
      }
      if (n === 0) throw new ReportWriteError('cannot read the findings back from the temporary folder: it ended early');
      got += n;
    }
  }
}
