import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Every validator here knows the standard formats (ajv-formats) and treats a schema it cannot
 * fully apply as an error, not a console line: an unknown format would otherwise be "ignored"
 * (ajv warns and then accepts any string), so the validation would be weaker than it reads.
 */
const loudLogger = {
  log: (): void => {},
  warn: (...args: unknown[]): never => {
    throw new Error(`ajv: ${args.join(' ')}`);
  },
  error: (...args: unknown[]): never => {
    throw new Error(`ajv: ${args.join(' ')}`);
  },
};

const reportAjv = new Ajv({ allErrors: true, strict: true, logger: loudLogger });
addFormats.default(reportAjv);
const validateReport = reportAjv.compile(
  JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object,
);

/**
 * Throws with every violation when `report` does not match schema/report.schema.json; a report
 * whose findings are spooled (an organization scan's) is checked as its JSON holds it.
 */
export function assertValidReport(report: unknown): void {
  const findings = (report as { findings?: unknown } | null)?.findings;
  const doc =
    findings && typeof findings === 'object' && !Array.isArray(findings) && Symbol.iterator in findings
      ? { ...(report as object), findings: [...(findings as Iterable<unknown>)] }
      : report;
  if (!validateReport(doc))
    throw new Error(`report violates the schema:\n${reportAjv.errorsText(validateReport.errors, { separator: '\n' })}`);
}

/** A published schema under tests/fixtures/schemas/ (their sources are in that folder's README). */
export const foreignSchema = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../fixtures/schemas/${name}`, import.meta.url), 'utf8')) as object;

// Published schemas use keywords of their own, hence strict: false; formats still apply.
const draft07 = new Ajv({ strict: false, allErrors: true, logger: loudLogger });
addFormats.default(draft07);
// unicodeRegExp off: the SARIF schema's pattern for `language` is not a valid unicode-mode regular expression.
const draft04 = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false, logger: loudLogger });
addFormats.default(draft04 as unknown as Ajv);

/** A validator for a draft-07 schema of tests/fixtures/schemas/ (OCSF, ASFF). */
export const foreignValidator = (name: string): ValidateFunction => draft07.compile(foreignSchema(name));

/** The SARIF 2.1.0 validator (Microsoft's published draft-04 schema, vendored). */
export const sarifValidator = (): ValidateFunction =>
  draft04.compile(foreignSchema('sarif-2.1.0-rtm.5.json')) as unknown as ValidateFunction;

export function assertValid(validate: ValidateFunction, data: unknown, what: string): void {
  if (!validate(data)) throw new Error(`${what} is not valid:\n${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}
