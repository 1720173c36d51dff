/**
 * YAML files a person writes (config, waivers): parsed with positions, validated with a
 * JSON Schema, and every mistake reported as one line naming the file, the line and the
 * field at fault (exit code 2).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { UsageError } from '../errors.js';

export interface YamlFile {
  path: string;
  value: unknown;
  /** The 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: ReadonlyArray<string | number>, key?: string): number;
}

export function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: false, strict: true });
  addFormats.default(ajv);
  return ajv;
}

export function readYamlFile(path: string, what: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? 1;
    throw new UsageError(`${path}:${line}: not valid YAML: ${problem.message.split('\n')[0]}`);
  }
  const line = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  return {
    path,
    value: doc.toJS(),
    lineOf(segments, key) {
      for (let n = segments.length; n >= 0; n--) {
        const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (!node) continue;
        if (key && n === segments.length && isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (pair && isScalar(pair.key)) return line(pair.key.range?.[0]);
        }
        return line(node.range?.[0]);
      }
      return 1;
    },
  };
}

const fieldName = (segments: ReadonlyArray<string | number>): string =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || '(top level)';

function describe(error: ErrorObject): { segments: Array<string | number>; key?: string; text: string } {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    return { segments, text: `${fieldName([...segments, missing])}: is missing` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    return { segments, key: extra, text: `${fieldName([...segments, extra])}: is not a known field` };
  }
  if (error.keyword === 'enum') {
    return { segments, text: `${fieldName(segments)}: must be one of ${(params.allowedValues as unknown[]).join(', ')}` };
  }
  return { segments, text: `${fieldName(segments)}: ${error.message ?? 'is not valid'}` };
}

/** Throws a UsageError naming file, line and field when `file.value` does not match. */
export function assertMatches(file: YamlFile, validate: ValidateFunction, hint = ''): void {
  if (validate(file.value)) return;
  const first = validate.errors?.[0];
  if (!first) throw new UsageError(`${file.path}: not valid`);
  const { segments, key, text } = describe(first);
  throw new UsageError(`${file.path}:${file.lineOf(segments, key)}: ${text}${hint}`);
}

/** Throws a UsageError for a problem found after validation, at the field it concerns. */
export function failAt(file: YamlFile, segments: Array<string | number>, text: string): never {
  throw new UsageError(`${file.path}:${file.lineOf(segments)}: ${fieldName(segments)}: ${text}`);
}
