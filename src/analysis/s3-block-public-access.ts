/**
 * The Block Public Access that is in effect for a bucket. S3 applies the most restrictive
 * combination of the account's and the bucket's settings, flag by flag ("Blocking public access
 * to your Amazon S3 storage"), so a flag is on for the bucket when it is on at either level.
 * Pure: the caller supplies what it read, `undefined` for a level it could not read.
 */
export const BPA_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
export type BpaFlag = (typeof BPA_FLAGS)[number];

/** One level's settings as S3 answers them; null when that level has none configured (all off). */
export type BpaSettings = Partial<Record<BpaFlag, boolean>> | null;

export interface EffectiveBpa {
  /** Flags in effect, each with the level(s) that turn it on. */
  on: Array<{ flag: BpaFlag; at: Array<'account' | 'bucket'> }>;
  /** Flags off at both levels. */
  off: BpaFlag[];
  /** Flags off at the level that was read, while the other level could not be read. */
  unknown: BpaFlag[];
}

export function effectiveBpa(account: BpaSettings | undefined, bucket: BpaSettings | undefined): EffectiveBpa {
  const result: EffectiveBpa = { on: [], off: [], unknown: [] };
  for (const flag of BPA_FLAGS) {
    const at = (
      [
        ['account', account],
        ['bucket', bucket],
      ] as const
    )
      .filter(([, level]) => level?.[flag] === true)
      .map(([name]) => name);
    if (at.length) result.on.push({ flag, at });
    else if (account === undefined || bucket === undefined) result.unknown.push(flag);
    else result.off.push(flag);
  }
  return result;
}

/** The flags that are not on at one level (all four when it has no configuration). */
export function missingBpaFlags(config: BpaSettings): BpaFlag[] {
  return BPA_FLAGS.filter((flag) => config?.[flag] !== true);
}
