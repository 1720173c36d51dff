import { describe, expect, it } from 'vitest';
import { decodePolicyDocument, fullAdminStatements, grantsFullAdmin, type PolicyStatement } from '../../src/analysis/iam-policy.js';

describe('grantsFullAdmin', () => {
  const cases: Array<[string, PolicyStatement, boolean]> = [
    ['Action "*" string, Resource "*" string', { Effect: 'Allow', Action: '*', Resource: '*' }, true],
    ['Action "*" inside a list', { Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: '*' }, true],
    ['Resource "*" inside a list', { Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::b', '*'] }, true],
    ['"*:*" spelling', { Effect: 'Allow', Action: '*:*', Resource: '*' }, true],
    [
      'with a Condition (still reported, as CIS does)',
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      true,
    ],
    ['Deny "*" on "*" grants nothing', { Effect: 'Deny', Action: '*', Resource: '*' }, false],
    ['NotAction is not "*"', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, false],
    ['NotAction "*" is not "*" either', { Effect: 'Allow', NotAction: '*', Resource: '*' }, false],
    ['NotResource is not Resource "*"', { Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret' }, false],
    ['a service wildcard is not full admin', { Effect: 'Allow', Action: 'iam:*', Resource: '*' }, false],
    ['a resource-scoped "*"', { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' }, false],
    ['"*" with stray whitespace is still "*"', { Effect: 'Allow', Action: [' * '], Resource: '* ' }, true],
    ['Effect is case-sensitive in IAM', { Effect: 'allow', Action: '*', Resource: '*' }, false],
    ['missing Effect', { Action: '*', Resource: '*' }, false],
  ];
  it.each(cases)('%s', (_name, stmt, expected) => expect(grantsFullAdmin(stmt)).toBe(expected));
});

describe('decodePolicyDocument', () => {
  const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
  it('decodes RFC 3986 URL-encoded JSON as IAM returns it', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
  });
  it('decodes "+" as a space (form encoding, java.net.URLDecoder) and "%2B" as a literal "+"', () => {
    const withSpaces = { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::a+b/*' }] };
    const formEncoded = encodeURIComponent(JSON.stringify(withSpaces, null, 1)).replaceAll('%20', '+');
    expect(formEncoded).toContain('+');
    expect(decodePolicyDocument(formEncoded)).toEqual(withSpaces);
  });
  it('accepts plain JSON from endpoints that decode for you, even with "%" inside', () => {
    const withPercent = { ...doc, Statement: { ...doc.Statement, Sid: '100%' } };
    expect(decodePolicyDocument(JSON.stringify(withPercent))).toEqual(withPercent);
  });
  it('single statement object and list both work', () => {
    expect(fullAdminStatements(decodePolicyDocument(JSON.stringify(doc)))).toEqual([{ index: 0, sid: undefined, conditional: false }]);
    const list = {
      Statement: [
        { Effect: 'Deny', Action: '*', Resource: '*' },
        { Sid: 'All', Effect: 'Allow', Action: ['*'], Resource: ['*'] },
      ],
    };
    expect(fullAdminStatements(list)).toEqual([{ index: 1, sid: 'All', conditional: false }]);
  });
  it.each([[''], [undefined], ['%E0%A4%A'], ['not json'], [encodeURIComponent('[1,2]')]])('rejects %j', (raw) => {
    expect(() => decodePolicyDocument(raw)).toThrow(/policy document/);
  });
});
