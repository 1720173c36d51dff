import { describe, expect, it } from 'vitest';
import { judgeEach, pass } from '../../checks/abstracted/services/common.js';
import type { ResultSink } from '../../src/engine/check.js';
import { forEachByGroup, forEachInTurn, JUDGED_IN_FLIGHT, shareOfInFlight } from '../../src/engine/parallel.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

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

describe('work in turn', () => {
  it('starts each item only at its turn, in order, with never more than the bound in flight', async () => {
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    await forEachInTurn(
      Array.from({ length: 50 }, (_, i) => `item${i}`),
      7,
      async (item, index) => {
        expect(item).toBe(`item${index}`);
        started.push(index);
        peak = Math.max(peak, ++running);
        // Nothing beyond the bound has been started while these wait.
        expect(started.length).toBeLessThanOrEqual(index + 7);
        await tick();
        running--;
      },
    );
    expect(started).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(peak).toBe(7);
  });

  it('refuses a bound under one (which would skip every item), and does nothing for no items', async () => {
    for (const bound of [0, -1, Number.NaN])
      await expect(forEachInTurn([1, 2, 3], bound, () => Promise.resolve())).rejects.toThrow(RangeError);
    await expect(forEachInTurn([], 4, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });

  it('reads no item before its turn (nothing is made for the items waiting)', async () => {
    const reads: number[] = [];
    const items = new Proxy(
      Array.from({ length: 40 }, (_, i) => i),
      {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads.push(Number(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    await forEachInTurn(items, 4, async (item) => {
      // When item i starts, no item past i + 3 (the three beside it) has been read.
      expect(Math.max(...reads)).toBeLessThanOrEqual(item + 3);
      await tick();
    });
    expect(reads.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('rejects with the first error once the items started have settled, and starts no more', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const run = forEachInTurn(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (i) => {
        started.push(i);
        if (i === 4) throw new Error('item 4');
        await tick();
        await tick();
        settled.push(i);
      },
    );
    await expect(run).rejects.toThrow('item 4');
    // Nothing was started after the failure but what was already in flight beside it …
    expect(Math.max(...started)).toBeLessThanOrEqual(4 + 2);
    expect(started.length).toBeLessThan(20);
    // … and every item started (but the failed ones) had finished before the rejection.
    expect(settled.sort((a, b) => a - b)).toEqual(started.filter((i) => i !== 4).sort((a, b) => a - b));
  });

  it('reports the first error when several items fail', async () => {
    const run = forEachInTurn([0, 1, 2], 3, async (i) => {
      for (let t = 0; t < i; t++) await tick();
      if (i > 0) throw new Error(`item ${i}`);
    });
    await expect(run).rejects.toThrow('item 1');
  });

  it('by group: a failure in one group stops them all, and the call waits for every item started', async () => {
    const items = [
      ...Array.from({ length: 10 }, (_, i) => ({ region: 'a', i })),
      ...Array.from({ length: 30 }, (_, i) => ({ region: 'b', i })),
    ];
    let running = 0;
    const startedB: number[] = [];
    const run = forEachByGroup(
      items,
      (x) => x.region,
      2,
      async (x) => {
        if (x.region === 'b') startedB.push(x.i);
        running++;
        await tick();
        running--;
        if (x.region === 'a' && x.i === 1) throw new Error('a1');
      },
    );
    await expect(run).rejects.toThrow('a1');
    expect(running).toBe(0);
    expect(startedB.length).toBeLessThan(30);
  });

  it('judgeEach judges a long list a bounded number at a time, each resource once', async () => {
    let pending = 0;
    let peak = 0;
    const passed: string[] = [];
    const result = { pass: (resource: { id: string }) => passed.push(resource.id) } as unknown as ResultSink;
    await judgeEach(
      result,
      Array.from({ length: 300 }, (_, i) => `r${i}`),
      (id) => ({ id, type: 'AWS::Test::Thing' }),
      async () => {
        peak = Math.max(peak, ++pending);
        await tick();
        pending--;
        return pass('fine');
      },
    );
    expect(peak).toBe(JUDGED_IN_FLIGHT);
    expect(new Set(passed).size).toBe(300);
  });
});

describe('S3 buckets in flight follow the call lane', () => {
  it('judges as many buckets of a region at once as the endpoint may have calls in flight', async () => {
    const { judgeBuckets } = await import('../../checks/abstracted/s3-common.js');
    const { AwsSession } = await import('../../src/aws/session.js');
    // --max-calls 40: an endpoint may hold a quarter of them.
    const session = new AwsSession({ homeRegion: 'us-east-1', responder: () => ({}), callSlots: 40 });
    expect(session.endpointSlots).toBe(10);
    const buckets = Array.from({ length: 60 }, (_, i) => ({ name: `b${i}`, region: 'eu-west-1' }));
    let pending = 0;
    let peak = 0;
    const passed: string[] = [];
    const ctx = {
      regions: ['eu-west-1'],
      partition: 'aws',
      load: { buckets: () => Promise.resolve(buckets) },
      result: { pass: (resource: { id: string }) => passed.push(resource.id) } as unknown as ResultSink,
      endpointSlots: session.endpointSlots,
    };
    await judgeBuckets(ctx as never, async () => {
      peak = Math.max(peak, ++pending);
      await tick();
      pending--;
      return pass('fine');
    });
    expect(peak).toBe(10);
    expect(passed).toHaveLength(60);
  });
});
