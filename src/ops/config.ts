/**
 * The config file (`srm-audit.config.yaml` in the working directory, or `--config FILE`):
 * scan settings and every threshold and list the checks use. The schema of `options` is
 * derived from DEFAULT_OPTIONS, so an option added there is configurable (and type-checked)
 * with no change here. Command-line options override the file.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_OPTIONS, type CheckOptions } from '../engine/options.js';
import { FRAMEWORKS, SEVERITIES, CATEGORIES } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { assertMatches, newAjv, readYamlFile } from './yaml-file.js';

import { CONFIG_FILE_NAME } from '../run-constants.js';

export { CONFIG_FILE_NAME };

/** Refinements the shape of a default cannot tell (an empty list's item type, a pattern). */
const PORTS = { type: 'array', items: { type: 'integer', minimum: 0, maximum: 65535 }, uniqueItems: true };
const OPTION_REFINEMENTS: Record<string, Record<string, unknown>> = {
  allowedRegions: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$' }, uniqueItems: true },
  authorizedIngressPorts: { type: 'object', additionalProperties: false, properties: { tcp: PORTS, udp: PORTS } },
  s3TrustedAccountIds: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' }, uniqueItems: true },
  trustedAccountIds: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' }, uniqueItems: true },
};

type JsonSchema = Record<string, unknown>;

/** A JSON Schema that admits values shaped like `value`: same types, same keys, nothing else. */
export function schemaFromDefault(value: unknown): JsonSchema {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    // An empty default tells no item type: strings or numbers, unless OPTION_REFINEMENTS says more.
    const items = first === undefined ? { anyOf: [{ type: 'string' }, { type: 'number' }] } : schemaFromDefault(first);
    return { type: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(entries.map(([k, v]) => [k, schemaFromDefault(v)])),
    };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}

export function optionsSchema(): JsonSchema {
  const base = schemaFromDefault(DEFAULT_OPTIONS) as { properties: Record<string, JsonSchema> };
  for (const [key, refined] of Object.entries(OPTION_REFINEMENTS)) if (key in base.properties) base.properties[key] = refined;
  return base;
}

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

function configSchema(formats: readonly string[]): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      regions: stringList,
      format: { type: 'array', items: { enum: [...formats] } },
      outputDir: { type: 'string', minLength: 1 },
      failOn: { enum: [...SEVERITIES, 'none'] },
      failOnNew: { type: 'boolean' },
      framework: { enum: [...FRAMEWORKS] },
      keep: { type: 'integer', minimum: 1 },
      waivers: { type: 'string', minLength: 1 },
      baseline: { type: 'string', minLength: 1 },
      concurrency: { type: 'integer', minimum: 1, maximum: 4096 },
      maxCalls: { type: 'integer', minimum: 1, maximum: 4096 },
      requestTimeout: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
      maxAnswerSize: { type: 'integer', minimum: 1, maximum: 4096 },
      checks: stringList,
      excludeChecks: stringList,
      category: { type: 'array', items: { enum: [...CATEGORIES] } },
      options: optionsSchema(),
    },
  };
}

export interface ConfigFile {
  path?: string;
  regions?: string[];
  format?: string[];
  outputDir?: string;
  failOn?: string;
  failOnNew?: boolean;
  framework?: string;
  keep?: number;
  waivers?: string;
  baseline?: string;
  concurrency?: number;
  /** AWS calls built and signed at once; a quarter of it per endpoint on the network (--max-calls). */
  maxCalls?: number;
  /** Seconds an AWS call's attempt may take (--request-timeout). */
  requestTimeout?: number;
  /** MiB: the largest AWS answer read (--max-answer-size). */
  maxAnswerSize?: number;
  checks?: string[];
  excludeChecks?: string[];
  category?: string[];
  options?: Partial<CheckOptions>;
}

/**
 * Reads `--config FILE`, or srm-audit.config.yaml in `cwd` if there is one. Paths inside
 * the file (outputDir, waivers, baseline) are relative to the file.
 */
export function loadConfig(explicit: string | undefined, cwd: string, formats: readonly string[]): ConfigFile {
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, CONFIG_FILE_NAME);
  if (!explicit && !existsSync(path)) return {};
  const file = readYamlFile(path, 'config file');
  if (file.value === null || file.value === undefined) return { path };
  assertMatches(file, newAjv().compile(configSchema(formats)));
  const config = { ...(file.value as ConfigFile), path };
  const here = dirname(path);
  for (const key of ['outputDir', 'waivers', 'baseline'] as const) if (config[key]) config[key] = resolve(here, config[key]);
  return config;
}

/** `--set key=value` (dotted keys for nested options; lists comma-separated), typed by the default. */
export function parseSetting(setting: string, into: Record<string, unknown>): void {
  const eq = setting.indexOf('=');
  if (eq < 1) throw new UsageError(`--set "${setting}" is not key=value (e.g. --set adminPorts=22,3389)`);
  const path = setting.slice(0, eq).split('.');
  const raw = setting.slice(eq + 1);
  let template: unknown = DEFAULT_OPTIONS;
  let target = into;
  for (const [i, key] of path.entries()) {
    if (template === null || typeof template !== 'object' || Array.isArray(template) || !(key in template)) {
      const known = Object.keys(DEFAULT_OPTIONS).join(', ');
      throw new UsageError(`--set: unknown option "${path.slice(0, i + 1).join('.')}"; options are: ${known}`);
    }
    template = (template as Record<string, unknown>)[key];
    if (i === path.length - 1) target[key] = typed(raw, template);
    else target = (target[key] ??= {}) as Record<string, unknown>;
  }
}

function typed(raw: string, template: unknown): unknown {
  const scalar = (text: string, like: unknown): unknown =>
    typeof like === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))
      ? Number(text)
      : typeof like === 'boolean'
        ? text === 'true'
          ? true
          : text === 'false'
            ? false
            : text
        : text;
  if (Array.isArray(template)) {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.map((s) => scalar(s, template[0] ?? (/^\d+$/.test(s) ? 0 : '')));
  }
  return scalar(raw, template);
}

/** Merges options (defaults ← config ← --set) and validates the result against the derived schema. */
export function resolveCheckOptions(fromConfig: Partial<CheckOptions> | undefined, fromCli: Record<string, unknown>): CheckOptions {
  const merged = deepMerge(deepMerge(structuredClone(DEFAULT_OPTIONS) as unknown as Record<string, unknown>, fromConfig ?? {}), fromCli);
  const validate = newAjv().compile(optionsSchema());
  if (!validate(merged)) {
    const e = validate.errors?.[0];
    const field = (e?.instancePath ?? '').split('/').filter(Boolean).join('.');
    throw new UsageError(`option ${field || '(options)'} ${e?.message ?? 'is not valid'} (check --set and the config file's options)`);
  }
  return merged as unknown as CheckOptions;
}

function deepMerge(base: Record<string, unknown>, over: object): Record<string, unknown> {
  for (const [k, v] of Object.entries(over)) {
    const current = base[k];
    base[k] =
      v && typeof v === 'object' && !Array.isArray(v) && current && typeof current === 'object' && !Array.isArray(current)
        ? deepMerge({ ...(current as Record<string, unknown>) }, v as object)
        : v;
  }
  return base;
}
