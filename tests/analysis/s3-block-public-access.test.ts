import { describe, expect, it } from 'vitest';
import { effectiveBpa, type BpaSettings } from '../../src/analysis/s3-block-public-access.js';

const ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

type Row = [
  name: string,
  account: BpaSettings | undefined,
  bucket: BpaSettings | undefined,
  on: string[],
  off: string[],
  unknown: string[],
];

// Flag by flag: on at either level is on; a level that could not be read leaves its flags unknown
// unless the other level turns them on.
const ROWS: Row[] = [
  [
    'all four on at the account, nothing on the bucket',
    ON,
    null,
    ['BlockPublicAcls:account', 'IgnorePublicAcls:account', 'BlockPublicPolicy:account', 'RestrictPublicBuckets:account'],
    [],
    [],
  ],
  [
    'all four on the bucket, nothing at the account',
    null,
    ON,
    ['BlockPublicAcls:bucket', 'IgnorePublicAcls:bucket', 'BlockPublicPolicy:bucket', 'RestrictPublicBuckets:bucket'],
    [],
    [],
  ],
  [
    'two at the account and the other two on the bucket',
    { BlockPublicAcls: true, IgnorePublicAcls: true },
    { BlockPublicPolicy: true, RestrictPublicBuckets: true },
    ['BlockPublicAcls:account', 'IgnorePublicAcls:account', 'BlockPublicPolicy:bucket', 'RestrictPublicBuckets:bucket'],
    [],
    [],
  ],
  [
    'one flag at both levels',
    { ...OFF, RestrictPublicBuckets: true },
    { RestrictPublicBuckets: true },
    ['RestrictPublicBuckets:account+bucket'],
    ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy'],
    [],
  ],
  [
    'the same flag off at both levels',
    { ...ON, IgnorePublicAcls: false },
    { ...ON, IgnorePublicAcls: false },
    ['BlockPublicAcls:account+bucket', 'BlockPublicPolicy:account+bucket', 'RestrictPublicBuckets:account+bucket'],
    ['IgnorePublicAcls'],
    [],
  ],
  [
    'no configuration at either level',
    null,
    null,
    [],
    ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'],
    [],
  ],
  [
    'account unreadable, bucket all on',
    undefined,
    ON,
    ['BlockPublicAcls:bucket', 'IgnorePublicAcls:bucket', 'BlockPublicPolicy:bucket', 'RestrictPublicBuckets:bucket'],
    [],
    [],
  ],
  [
    'account unreadable, bucket partial',
    undefined,
    { BlockPublicAcls: true },
    ['BlockPublicAcls:bucket'],
    [],
    ['IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'],
  ],
  [
    'bucket unreadable, account all on',
    ON,
    undefined,
    ['BlockPublicAcls:account', 'IgnorePublicAcls:account', 'BlockPublicPolicy:account', 'RestrictPublicBuckets:account'],
    [],
    [],
  ],
  [
    'bucket unreadable, account none',
    null,
    undefined,
    [],
    [],
    ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'],
  ],
];

describe('effective Block Public Access (account OR bucket, flag by flag)', () => {
  it.each(ROWS)('%s', (_name, account, bucket, on, off, unknown) => {
    const got = effectiveBpa(account, bucket);
    expect(got.on.map(({ flag, at }) => `${flag}:${at.join('+')}`)).toEqual(on);
    expect(got.off).toEqual(off);
    expect(got.unknown).toEqual(unknown);
  });
});
