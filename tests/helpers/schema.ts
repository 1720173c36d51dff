import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** Throws with every violation when `report` does not match schema/report.schema.json. */
export function assertValidReport(report: unknown): void {
  if (!validate(report)) throw new Error(`report violates the schema:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}
