import { describe, expect, it } from 'vitest';
import { LAMBDA_RUNTIME_DEPRECATION, runtimeStatus } from '../../src/analysis/lambda-runtimes.js';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('Lambda runtime deprecation table', () => {
  it.each([
    ['python3.8', '2026-11-20', { kind: 'deprecated', since: '2024-10-14' }],
    ['nodejs18.x', '2025-08-31', { kind: 'supported', deprecates: '2025-09-01' }],
    // Deprecated from the start of its date.
    ['nodejs18.x', '2025-09-01', { kind: 'deprecated', since: '2025-09-01' }],
    ['nodejs22.x', '2026-11-20', { kind: 'supported', deprecates: '2027-04-30' }],
    ['python3.13', '2026-11-20', { kind: 'supported', deprecates: '2029-06-30' }],
    ['go1.x', '2026-11-20', { kind: 'deprecated', since: '2024-01-08' }],
    // Not in the table (a new runtime, a typo, an emulator's value): unknown, never "supported".
    ['cobol85', '2026-11-20', { kind: 'unknown' }],
    // Object.prototype members are not runtimes.
    ['constructor', '2026-11-20', { kind: 'unknown' }],
  ])('%s on %s', (runtime, day, expected) => {
    expect(runtimeStatus(runtime, at(day))).toEqual(expected);
  });

  it('every date is a real calendar date', () => {
    for (const [runtime, date] of Object.entries(LAMBDA_RUNTIME_DEPRECATION)) {
      expect(date, runtime).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), runtime).toBe(date);
    }
  });
});
