/** Builders for IAM answers in check tests: credential report rows, policies, users. */
const COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
] as const;
export type ReportRow = Partial<Record<(typeof COLUMNS)[number], string>>;

/** ISO date `days` before the tester's default now (2026-11-20T12:00:00Z). */
export const ago = (days: number): string => new Date(Date.parse('2026-11-20T12:00:00Z') - days * 86_400_000).toISOString();

const ROW_DEFAULTS: ReportRow = {
  user_creation_time: ago(500),
  password_enabled: 'false',
  password_last_used: 'N/A',
  password_last_changed: 'N/A',
  password_next_rotation: 'N/A',
  mfa_active: 'false',
  access_key_1_active: 'false',
  access_key_1_last_rotated: 'N/A',
  access_key_1_last_used_date: 'N/A',
  access_key_2_active: 'false',
  access_key_2_last_rotated: 'N/A',
  access_key_2_last_used_date: 'N/A',
};

export const rootRow = (over: ReportRow = {}): ReportRow => ({
  user: '<root_account>',
  arn: 'arn:aws:iam::123456789012:root',
  ...ROW_DEFAULTS,
  password_enabled: 'not_supported',
  password_last_changed: 'not_supported',
  password_next_rotation: 'not_supported',
  mfa_active: 'true',
  ...over,
});

export const userRow = (name: string, over: ReportRow = {}): ReportRow => ({
  user: name,
  arn: `arn:aws:iam::123456789012:user/${name}`,
  ...ROW_DEFAULTS,
  ...over,
});

/** GetCredentialReport's answer as the SDK gives it (bytes). */
export function reportOutput(rows: ReportRow[], columns: readonly string[] = COLUMNS) {
  const csv = [columns.join(','), ...rows.map((r) => columns.map((c) => r[c as keyof ReportRow] ?? '').join(','))].join('\n');
  return { Content: new Uint8Array(Buffer.from(csv)), ReportFormat: 'text/csv' as const, GeneratedTime: new Date('2026-11-20T11:00:00Z') };
}

export const encodedDoc = (doc: object): string => encodeURIComponent(JSON.stringify(doc));
