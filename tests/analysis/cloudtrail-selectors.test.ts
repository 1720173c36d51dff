import type { AdvancedFieldSelector, GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { describe, expect, it } from 'vitest';
import { fieldAccepts, managementCoverage, s3ObjectCoverage } from '../../src/analysis/cloudtrail-selectors.js';

const f = (Field: string, ops: Omit<AdvancedFieldSelector, 'Field'>): AdvancedFieldSelector => ({ Field, ...ops });
const adv = (...FieldSelectors: AdvancedFieldSelector[]): GetEventSelectorsResponse => ({
  AdvancedEventSelectors: [{ Name: 'sel', FieldSelectors }],
});
const mgmt = f('eventCategory', { Equals: ['Management'] });
const data = f('eventCategory', { Equals: ['Data'] });
const s3obj = f('resources.type', { Equals: ['AWS::S3::Object'] });
const rw = (c: { read: boolean; write: boolean }) => [c.read, c.write];

describe('fieldAccepts: any value of a positive operator, none of a negative one', () => {
  it.each([
    [{ Equals: ['a', 'b'] }, 'b', true],
    [{ Equals: ['a'] }, 'b', false],
    [{ StartsWith: ['arn:aws:s3:::x/'] }, 'arn:aws:s3:::x/k', true],
    [{ NotStartsWith: ['arn:aws:s3:::x/', 'arn:aws:s3:::y/'] }, 'arn:aws:s3:::y/k', false],
    [{ NotEquals: ['true'] }, 'false', true],
    [{ EndsWith: ['.log'] }, 'a.log', true],
    [{ NotEndsWith: ['.log'] }, 'a.log', false],
  ])('%j accepts %s → %s', (ops, value, expected) => expect(fieldAccepts(f('x', ops), value)).toBe(expected));
});

describe('managementCoverage', () => {
  it.each([
    ['basic, All', { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] }, [true, true]],
    ['basic, ReadOnly', { EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'ReadOnly' }] }, [true, false]],
    [
      'basic, ReadOnly + WriteOnly selectors together',
      {
        EventSelectors: [
          { IncludeManagementEvents: true, ReadWriteType: 'ReadOnly' },
          { IncludeManagementEvents: true, ReadWriteType: 'WriteOnly' },
        ],
      },
      [true, true],
    ],
    ['basic, management events off', { EventSelectors: [{ IncludeManagementEvents: false, ReadWriteType: 'All' }] }, [false, false]],
    ['advanced, Management, no readOnly', adv(mgmt), [true, true]],
    ['advanced, readOnly = false', adv(mgmt, f('readOnly', { Equals: ['false'] })), [false, true]],
    ['advanced, readOnly != false', adv(mgmt, f('readOnly', { NotEquals: ['false'] })), [true, false]],
    ['advanced, eventSource excluded', adv(mgmt, f('eventSource', { NotEquals: ['kms.amazonaws.com'] })), [true, true]],
    ['advanced, only one eventSource', adv(mgmt, f('eventSource', { Equals: ['iam.amazonaws.com'] })), [false, false]],
    ['advanced, Data only', adv(data, s3obj), [false, false]],
    ['nothing', {}, [false, false]],
  ] as const)('%s', (_, selectors, expected) => expect(rw(managementCoverage(selectors as GetEventSelectorsResponse))).toEqual(expected));
  it('says what is excluded or narrowed', () => {
    expect(
      managementCoverage({ EventSelectors: [{ IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] }] })
        .notes,
    ).toEqual(['management events of kms.amazonaws.com are excluded']);
    expect(managementCoverage(adv(mgmt, f('eventSource', { Equals: ['iam.amazonaws.com'] }))).notes[0]).toContain(
      'records only eventSource Equals iam.amazonaws.com',
    );
  });
});

describe('s3ObjectCoverage of bucket "logs" (aws partition)', () => {
  const basic = (Values: string[], ReadWriteType: 'All' | 'ReadOnly' | 'WriteOnly' = 'All'): GetEventSelectorsResponse => ({
    EventSelectors: [{ ReadWriteType, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values }] }],
  });
  it.each([
    ['basic, all buckets (arn:aws:s3)', basic(['arn:aws:s3']), [true, true]],
    ['basic, all buckets (arn:aws:s3:::)', basic(['arn:aws:s3:::']), [true, true]],
    ['basic, this bucket', basic(['arn:aws:s3:::logs/']), [true, true]],
    ['basic, this bucket, WriteOnly', basic(['arn:aws:s3:::logs/'], 'WriteOnly'), [false, true]],
    ['basic, another bucket', basic(['arn:aws:s3:::logs2/']), [false, false]],
    ['basic, a prefix of this bucket only', basic(['arn:aws:s3:::logs/2026/']), [false, false]],
    ['basic, another partition', basic(['arn:aws-cn:s3']), [false, false]],
    [
      'basic, Lambda data events',
      { EventSelectors: [{ DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }] },
      [false, false],
    ],
    ['advanced, all S3 objects', adv(data, s3obj), [true, true]],
    ['advanced, all S3 objects, readOnly = true', adv(data, s3obj, f('readOnly', { Equals: ['true'] })), [true, false]],
    ['advanced, StartsWith this bucket', adv(data, s3obj, f('resources.ARN', { StartsWith: ['arn:aws:s3:::logs/'] })), [true, true]],
    ['advanced, StartsWith another bucket', adv(data, s3obj, f('resources.ARN', { StartsWith: ['arn:aws:s3:::other/'] })), [false, false]],
    [
      'advanced, StartsWith a prefix inside',
      adv(data, s3obj, f('resources.ARN', { StartsWith: ['arn:aws:s3:::logs/2026/'] })),
      [false, false],
    ],
    ['advanced, Equals one object', adv(data, s3obj, f('resources.ARN', { Equals: ['arn:aws:s3:::logs/a.txt'] })), [false, false]],
    [
      'advanced, NotStartsWith another bucket',
      adv(data, s3obj, f('resources.ARN', { NotStartsWith: ['arn:aws:s3:::other/'] })),
      [true, true],
    ],
    [
      'advanced, NotStartsWith this bucket',
      adv(data, s3obj, f('resources.ARN', { NotStartsWith: ['arn:aws:s3:::logs/'] })),
      [false, false],
    ],
    [
      'advanced, NotStartsWith a prefix inside',
      adv(data, s3obj, f('resources.ARN', { NotStartsWith: ['arn:aws:s3:::logs/tmp/'] })),
      [false, false],
    ],
    [
      'advanced, NotEquals an object of another bucket',
      adv(data, s3obj, f('resources.ARN', { NotEquals: ['arn:aws:s3:::x/a'] })),
      [true, true],
    ],
    ['advanced, eventName narrowed', adv(data, s3obj, f('eventName', { Equals: ['PutObject'] })), [false, false]],
    ['advanced, DynamoDB data events', adv(data, f('resources.type', { Equals: ['AWS::DynamoDB::Table'] })), [false, false]],
    [
      'advanced, read in one selector, write in another',
      {
        AdvancedEventSelectors: [
          { FieldSelectors: [data, s3obj, f('readOnly', { Equals: ['true'] })] },
          { FieldSelectors: [data, s3obj, f('readOnly', { Equals: ['false'] })] },
        ],
      },
      [true, true],
    ],
  ] as const)('%s', (_, selectors, expected) =>
    expect(rw(s3ObjectCoverage(selectors as GetEventSelectorsResponse, 'logs', 'aws'))).toEqual(expected),
  );
  it('names a partial selection', () => {
    expect(s3ObjectCoverage(basic(['arn:aws:s3:::logs/2026/']), 'logs', 'aws').notes).toEqual([
      'only the prefixes arn:aws:s3:::logs/2026/ are logged',
    ]);
    expect(
      s3ObjectCoverage(adv(data, s3obj, f('resources.ARN', { NotStartsWith: ['arn:aws:s3:::logs/tmp/'] })), 'logs', 'aws').notes[0],
    ).toContain('objects of the bucket are excluded');
  });
});
