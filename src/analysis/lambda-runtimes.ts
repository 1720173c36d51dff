/**
 * Lambda's runtime deprecation dates: the one place they are kept. A runtime is deprecated
 * (FSBP Lambda.2: no more security patches) from its date on. Source: the "Supported runtimes"
 * and "Deprecated runtimes" tables of the Lambda developer guide (lambda-runtimes.html),
 * checked on 2026-12-03. Update this table when AWS announces a new runtime or moves a date;
 * a runtime missing from it is reported as unknown (an ERROR), never as supported.
 */
export const LAMBDA_RUNTIMES_CHECKED_ON = '2026-12-03';

/** runtime identifier → deprecation date (YYYY-MM-DD, UTC). */
export const LAMBDA_RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  // Supported at the time of checking, with their projected deprecation dates.
  'nodejs24.x': '2028-04-30',
  'nodejs22.x': '2027-04-30',
  'python3.14': '2029-06-30',
  'python3.13': '2029-06-30',
  'python3.12': '2028-10-31',
  java25: '2029-06-30',
  java21: '2029-06-30',
  dotnet10: '2028-11-14',
  'ruby3.4': '2028-03-31',
  'ruby3.3': '2027-03-31',
  'provided.al2023': '2029-06-30',
  // Deprecated (their dates have passed).
  dotnet9: '2026-11-10',
  dotnet8: '2026-11-10',
  'python3.11': '2026-06-30',
  'python3.10': '2026-06-30',
  java17: '2026-06-30',
  java11: '2026-06-30',
  'java8.al2': '2026-06-30',
  'provided.al2': '2026-06-30',
  'nodejs20.x': '2026-04-30',
  'ruby3.2': '2026-03-31',
  'python3.9': '2025-12-15',
  'nodejs18.x': '2025-09-01',
  dotnet6: '2024-11-12',
  'python3.8': '2024-10-14',
  'nodejs16.x': '2024-06-12',
  dotnet7: '2024-05-14',
  java8: '2024-01-08',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'nodejs14.x': '2023-12-04',
  'python3.7': '2023-12-04',
  'ruby2.7': '2023-11-27',
  'dotnetcore3.1': '2023-04-03',
  'nodejs12.x': '2023-03-31',
  'python3.6': '2022-07-18',
  'dotnet5.0': '2022-05-10',
  'dotnetcore2.1': '2022-01-05',
  'nodejs10.x': '2021-07-30',
  'ruby2.5': '2021-07-30',
  'python2.7': '2021-07-15',
  'nodejs8.10': '2020-03-06',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'dotnetcore1.0': '2019-07-27',
  'dotnetcore2.0': '2019-05-30',
  nodejs: '2016-10-31',
};

export type RuntimeStatus = { kind: 'supported'; deprecates: string } | { kind: 'deprecated'; since: string } | { kind: 'unknown' };

export function runtimeStatus(
  runtime: string,
  now: Date,
  table: Readonly<Record<string, string>> = LAMBDA_RUNTIME_DEPRECATION,
): RuntimeStatus {
  const date = Object.hasOwn(table, runtime) ? table[runtime] : undefined;
  if (!date) return { kind: 'unknown' };
  // Deprecated from the start of its date (UTC).
  return now.getTime() >= Date.parse(`${date}T00:00:00Z`) ? { kind: 'deprecated', since: date } : { kind: 'supported', deprecates: date };
}
