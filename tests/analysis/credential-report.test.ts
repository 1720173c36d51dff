import { describe, expect, it } from 'vitest';
import {
  credentialReportText,
  lastActivity,
  parseCredentialReport,
  parseReportBool,
  parseReportDate,
} from '../../src/analysis/credential-report.js';

describe('credential report cells', () => {
  it.each([
    ['2026-01-02T03:04:05+00:00', { kind: 'date', date: new Date('2026-01-02T03:04:05Z') }],
    ['N/A', { kind: 'n/a' }],
    ['n/a', { kind: 'n/a' }],
    ['no_information', { kind: 'no_information' }],
    ['not_supported', { kind: 'not_supported' }],
    ['', { kind: 'missing' }],
    [undefined, { kind: 'missing' }],
    ['yesterday', { kind: 'invalid', raw: 'yesterday' }],
  ])('date %j', (raw, expected) => expect(parseReportDate(raw)).toEqual(expected));

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['not_supported', 'not_supported'],
    [undefined, 'missing'],
    ['maybe', 'invalid'],
  ])('bool %j', (raw, expected) => expect(parseReportBool(raw)).toBe(expected));
});

describe('parseCredentialReport', () => {
  const csv = [
    'User,ARN,Password_Enabled,password_last_used,password_last_changed,MFA_Active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date',
    '<root_account>,arn:aws:iam::123456789012:root,not_supported,2026-11-01T00:00:00+00:00,not_supported,true,false,N/A,N/A,false,N/A,N/A',
    'alice,arn:aws:iam::123456789012:user/alice,true,no_information,2013-05-01T00:00:00+00:00,false,true,2026-10-01T00:00:00+00:00,N/A,false,N/A,N/A',
    '',
  ].join('\r\n');

  it('reads headers case-insensitively and recognises the root row', () => {
    const rows = parseCredentialReport(csv);
    expect(rows.map((r) => [r.user, r.isRoot])).toEqual([
      ['<root_account>', true],
      ['alice', false],
    ]);
    expect(rows[0]!.passwordEnabled).toBe('not_supported');
    expect(rows[0]!.mfaActive).toBe(true);
    expect(rows[1]!.passwordLastUsed).toEqual({ kind: 'no_information' });
    expect(rows[1]!.accessKeys[0]).toMatchObject({ slot: 1, active: true, lastUsed: { kind: 'n/a' } });
  });

  it('reads absent columns as missing rather than guessing', () => {
    const rows = parseCredentialReport('user,arn\nbob,arn:aws:iam::1:user/bob\n');
    expect(rows[0]!.passwordEnabled).toBe('missing');
    expect(rows[0]!.accessKeys[1].lastRotated).toEqual({ kind: 'missing' });
  });

  it('rejects a report without the user column or without even a header', () => {
    expect(() => parseCredentialReport('name,arn\nx,y\n')).toThrow(/"user" column/);
    expect(() => parseCredentialReport('name,arn\n')).toThrow(/"user" column/);
    expect(() => parseCredentialReport('')).toThrow(/no rows/);
  });

  it("reads a header without rows as no users (moto's report of an account without users: it writes no <root_account> row)", () => {
    expect(parseCredentialReport('user,arn,user_creation_time,password_enabled\n')).toEqual([]);
  });

  it('decodes bytes, base64 text and raw CSV text alike', () => {
    const text = 'user,arn\nbob,x\n';
    expect(credentialReportText(new Uint8Array(Buffer.from(text)))).toBe(text);
    expect(credentialReportText(Buffer.from(text).toString('base64'))).toBe(text);
    expect(credentialReportText(text)).toBe(text);
    expect(() => credentialReportText(undefined)).toThrow(/no Content/);
  });

  it('decodes bytes that are themselves base64 (an emulator encoding twice), and leaves empty content empty', () => {
    const text = 'user,arn\nbob,x\n';
    expect(credentialReportText(new Uint8Array(Buffer.from(Buffer.from(text).toString('base64'))))).toBe(text);
    // MIME-style base64 wrapped over lines.
    const wrapped = Buffer.from(text)
      .toString('base64')
      .replace(/(.{8})/g, '$1\n');
    expect(credentialReportText(wrapped)).toBe(text);
    expect(credentialReportText(new Uint8Array())).toBe('');
    expect(() => parseCredentialReport(credentialReportText(''))).toThrow(/no rows/);
  });

  it('reads user_creation_time', () => {
    const [row] = parseCredentialReport('user,arn,user_creation_time\nbob,x,2025-01-01T00:00:00+00:00\n');
    expect(row!.userCreationTime).toEqual({ kind: 'date', date: new Date('2025-01-01T00:00:00Z') });
  });
});

describe('lastActivity (CIS 1.12 fallbacks)', () => {
  const d = (iso: string) => ({ kind: 'date' as const, date: new Date(iso) });
  it.each([
    ['used date wins', d('2026-01-10T00:00:00Z'), d('2025-01-01T00:00:00Z'), { date: new Date('2026-01-10T00:00:00Z'), basis: 'used' }],
    [
      'N/A (never used) falls back to when it was set',
      { kind: 'n/a' as const },
      d('2025-01-01T00:00:00Z'),
      { date: new Date('2025-01-01T00:00:00Z'), basis: 'set' },
    ],
    [
      'no_information falls back too',
      { kind: 'no_information' as const },
      d('2013-01-01T00:00:00Z'),
      { date: new Date('2013-01-01T00:00:00Z'), basis: 'set' },
    ],
    ['unknown when nothing is dated', { kind: 'n/a' as const }, { kind: 'n/a' as const }, undefined],
    ['unknown when the cell is missing', { kind: 'missing' as const }, d('2025-01-01T00:00:00Z'), undefined],
  ])('%s', (_name, used, set, expected) => expect(lastActivity(used, set)).toEqual(expected));

  it('falls back along the set dates in order: password_last_changed, then user_creation_time', () => {
    const created = d('2024-06-01T00:00:00Z');
    expect(lastActivity({ kind: 'no_information' }, { kind: 'n/a' }, created)).toEqual({ date: created.date, basis: 'set' });
    expect(lastActivity({ kind: 'n/a' }, { kind: 'missing' }, created)).toEqual({ date: created.date, basis: 'set' });
    expect(lastActivity({ kind: 'n/a' }, d('2025-01-01T00:00:00Z'), created)).toEqual({
      date: new Date('2025-01-01T00:00:00Z'),
      basis: 'set',
    });
    expect(lastActivity({ kind: 'invalid', raw: '?' }, created)).toBeUndefined();
    expect(lastActivity({ kind: 'n/a' }, { kind: 'n/a' }, { kind: 'missing' })).toBeUndefined();
  });
});
