import { describe, expect, it } from 'vitest';
import { forEachByGroup, shareOfInFlight } from '../../src/engine/parallel.js';

describe('work in flight per region', () => {
  it('shares the in-flight budget in proportion to each region’s work, with a floor and never more than it has', () => {
    const share = shareOfInFlight(
      new Map([
        ['us-east-1', 300],
        ['eu-west-1', 100],
        ['sa-east-1', 2],
        ['ap-south-1', 30],
      ]),
      32,
    );
    expect(share.get('us-east-1')).toBe(Math.round((32 * 4 * 300) / 432));
    expect(share.get('eu-west-1')).toBe(Math.round((32 * 4 * 100) / 432));
    expect(share.get('sa-east-1')).toBe(2); // never more than it has
    expect(share.get('ap-south-1')).toBe(9);
    expect(
      shareOfInFlight(
        new Map([
          ['small', 30],
          ['big', 3000],
        ]),
        32,
      ).get('small'),
    ).toBe(8); // the floor: a quarter of the average
    expect(shareOfInFlight(new Map([['only', 5]]), 32).get('only')).toBe(5);
  });

  it('runs every item once, and never more than a region’s share at once', async () => {
    const items = [
      ...Array.from({ length: 40 }, (_, i) => ({ region: 'a', i })),
      ...Array.from({ length: 4 }, (_, i) => ({ region: 'b', i })),
    ];
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const done: string[] = [];
    await forEachByGroup(
      items,
      (x) => x.region,
      4,
      async (x) => {
        running.set(x.region, (running.get(x.region) ?? 0) + 1);
        peak.set(x.region, Math.max(peak.get(x.region) ?? 0, running.get(x.region)!));
        await new Promise((resolve) => setTimeout(resolve, 1));
        running.set(x.region, running.get(x.region)! - 1);
        done.push(`${x.region}${x.i}`);
      },
    );
    expect(done).toHaveLength(44);
    expect(new Set(done).size).toBe(44);
    const share = shareOfInFlight(
      new Map([
        ['a', 40],
        ['b', 4],
      ]),
      4,
    );
    expect(peak.get('a')).toBe(share.get('a'));
    expect(peak.get('b')!).toBeLessThanOrEqual(share.get('b')!);
  });
});
