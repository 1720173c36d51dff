/**
 * A cassette holds every AWS response (or error) of a run, keyed by service, region,
 * operation and parameters, so a later run can replay it with no network. Dates and
 * byte arrays are tagged so that they come back as the SDK gave them.
 */
import { readFileSync } from 'node:fs';
import { CassetteMiss, ReplayedAwsError } from './errors.js';
import { iamActionFor, type ServiceName } from './operations.js';
import type { AwsCall, Responder } from './session.js';

export const CASSETTE_FORMAT = 'srm-audit-cassette/1';

export interface RecordedError {
  name: string;
  message: string;
  fault: 'client' | 'server';
  httpStatusCode?: number;
}

export interface CassetteEntry {
  service: ServiceName;
  region: string;
  operation: string;
  input: unknown;
  output?: unknown;
  error?: RecordedError;
}

export interface CassetteFile {
  format: typeof CASSETTE_FORMAT;
  /** When the answers were recorded: a replay evaluates ages (key rotation, last use) as of then. */
  recordedAt: string;
  /** The region the recording session used for global services and bootstrap calls. */
  homeRegion: string;
  /** The regions the recorded scan covered (older cassettes: the regions of their entries). */
  regions?: string[];
  description?: string;
  entries: CassetteEntry[];
}

/** JSON-safe form of SDK values: Date → {$date}, Uint8Array → {$bytes}, undefined dropped. */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '$metadata') continue;
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = encodeValue(v);
    }
    return out;
  }
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && typeof obj.$date === 'string') return new Date(obj.$date);
    if (keys.length === 1 && typeof obj.$bytes === 'string') return new Uint8Array(Buffer.from(obj.$bytes, 'base64'));
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = decodeValue(obj[key]);
    return out;
  }
  return value;
}

export function entryKey(service: string, region: string, operation: string, input: unknown): string {
  return `${service}|${region}|${operation}|${JSON.stringify(encodeValue(input ?? {}))}`;
}

export class CassetteFormatError extends Error {
  override name = 'CassetteFormatError';
}

/** Reads and checks a cassette file; throws CassetteFormatError with a one-line reason. */
export function readCassette(path: string): CassetteFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CassetteFormatError(`cannot read replay file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Only where it breaks: JSON.parse's message quotes the text, and a replay file passed by
    // mistake may hold anything (a key, a token) that must not be echoed to a terminal or a log.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new CassetteFormatError(`replay file ${path} is not valid JSON${at ? ` (it breaks at character ${at})` : ''}`);
  }
  const file = parsed as Partial<CassetteFile>;
  if (!file || typeof file !== 'object' || file.format !== CASSETTE_FORMAT) {
    throw new CassetteFormatError(`replay file ${path} is not an srm-audit cassette (expected "format": "${CASSETTE_FORMAT}")`);
  }
  if (typeof file.homeRegion !== 'string' || !Array.isArray(file.entries)) {
    throw new CassetteFormatError(`replay file ${path} is malformed: it needs "homeRegion" and an "entries" list`);
  }
  if (file.regions !== undefined && !(Array.isArray(file.regions) && file.regions.every((r) => typeof r === 'string'))) {
    throw new CassetteFormatError(`replay file ${path} is malformed: "regions" must be a list of region names`);
  }
  if (typeof file.recordedAt !== 'string' || Number.isNaN(Date.parse(file.recordedAt))) {
    throw new CassetteFormatError(`replay file ${path} is malformed: "recordedAt" must be an ISO date`);
  }
  file.entries.forEach((entry, index) => {
    const e = entry as Partial<CassetteEntry>;
    if (!e || typeof e.service !== 'string' || typeof e.region !== 'string' || typeof e.operation !== 'string') {
      throw new CassetteFormatError(`replay file ${path} is malformed: entry ${index} needs service, region and operation`);
    }
    if (e.error === undefined && e.output === undefined) {
      throw new CassetteFormatError(`replay file ${path} is malformed: entry ${index} has neither output nor error`);
    }
  });
  return file as CassetteFile;
}

/** Serves recorded answers in order; a key asked more often than recorded repeats its last answer. */
export class CassettePlayer {
  private readonly byKey = new Map<string, CassetteEntry[]>();
  private readonly served = new Map<string, number>();

  constructor(readonly file: CassetteFile) {
    for (const entry of file.entries) {
      const key = entryKey(entry.service, entry.region, entry.operation, entry.input);
      const list = this.byKey.get(key) ?? [];
      list.push(entry);
      this.byKey.set(key, list);
    }
  }

  next(service: string, region: string, operation: string, input: unknown): CassetteEntry | undefined {
    const key = entryKey(service, region, operation, input);
    const list = this.byKey.get(key);
    if (!list) return undefined;
    const index = this.served.get(key) ?? 0;
    this.served.set(key, index + 1);
    return list[Math.min(index, list.length - 1)];
  }

  /** The session's responder: the recorded output, or the recorded error thrown again. */
  readonly respond: Responder = ({ service, region, operation, input }: AwsCall) => {
    const entry = this.next(service, region, operation, input);
    if (!entry) throw new CassetteMiss(iamActionFor(service, operation), region);
    if (entry.error) {
      const e = entry.error;
      throw new ReplayedAwsError(e.name, e.message, e.fault, e.httpStatusCode);
    }
    return decodeValue(entry.output);
  };
}

export class CassetteRecorder {
  readonly entries: CassetteEntry[] = [];
  add(entry: CassetteEntry): void {
    this.entries.push({
      ...entry,
      input: encodeValue(entry.input ?? {}),
      output: entry.output === undefined ? undefined : encodeValue(entry.output),
    });
  }
  /** Entries sorted by key (calls to one key keep their order), so that recordings diff cleanly. */
  toFile(homeRegion: string, recordedAt: Date, extra: { regions?: readonly string[]; description?: string } = {}): CassetteFile {
    const keyed = this.entries.map((entry, index) => ({
      entry,
      index,
      key: entryKey(entry.service, entry.region, entry.operation, entry.input),
    }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
    return {
      format: CASSETTE_FORMAT,
      recordedAt: recordedAt.toISOString(),
      homeRegion,
      ...(extra.regions ? { regions: [...extra.regions] } : {}),
      description: extra.description,
      entries: keyed.map((k) => k.entry),
    };
  }
}

/** The regions a cassette can answer a scan of: as recorded, or (older files) those its entries name. */
export function recordedRegions(file: CassetteFile): Set<string> {
  return new Set(file.regions ?? file.entries.map((e) => e.region));
}
