/**
 * Loaders' answers and the event loop: answers reach checks in slices of a turn (SLICE_MS), oldest
 * first, so timers (the rate limiter's tokens for Access Advisor's chain) are not held up behind a
 * large account's checks; a chain loader's answers reach its check at once.
 */
import { describe, expect, it } from 'vitest';
import { defineLoader, LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import { inTurn, SLICE_MS } from '../../src/aws/slice.js';
import { defineCheck } from '../../src/engine/check.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runChecks } from '../../src/engine/runner.js';
import { TEST_META } from '../helpers/test-meta.js';

const PIECE_MS = 15;
const READERS = 20;
/** About two slices' worth of readers: one slice's in the turn the timer is armed in, one in the next. */
const BOUND = 2 * Math.ceil(SLICE_MS / PIECE_MS) + 2;

/** Works synchronously for `ms`, as a check judging a region's resources does. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * Each reader works PIECE_MS once its answer comes; the first arms a timer due at once. Returns
 * how many readers had run when the timer did, and the order they ran in.
 */
async function readers(answer: (i: number) => Promise<number>): Promise<{ before: number; order: number[] }> {
  const order: number[] = [];
  let before: number | undefined;
  await Promise.all(
    Array.from({ length: READERS }, (_, i) =>
      answer(i).then((n) => {
        if (before === undefined && order.length === 0) setTimeout(() => (before = order.length), 0);
        work(PIECE_MS);
        order.push(n);
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { before: before ?? -1, order };
}

const range = Array.from({ length: READERS }, (_, i) => i);

describe('inTurn', () => {
  it('hands answers on in slices: a timer runs after a few readers, not after all of them; oldest first', async () => {
    const { before, order } = await readers((i) => inTurn(i));
    expect(order).toEqual(range);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThanOrEqual(BOUND);
  });

  it('an answer put off is not overtaken by answers asked for after it', async () => {
    // Three readers read again and again; an answer asked for once, after their first, must come
    // within a couple of turns, not when their loops end.
    const ended: Record<string, number> = {};
    let reads = 0;
    const loop = async (name: string) => {
      for (let i = 0; i < 30; i++) {
        await inTurn(i);
        work(PIECE_MS);
        reads++;
      }
      ended[name] = reads;
    };
    const loops = [loop('a'), loop('b'), loop('c')];
    const old = inTurn('old').then(() => reads);
    const readsBeforeOld = await old;
    await Promise.all(loops);
    expect(reads).toBe(90);
    expect(readsBeforeOld).toBeLessThanOrEqual(BOUND);
  });
});

describe('the runner hands loaders’ answers to checks through inTurn', () => {
  const meta = { ...TEST_META, scope: 'global' } as const;
  const viaCheck = async (chain: boolean) => {
    const answer = defineLoader({
      id: `test.answer.${String(chain)}`,
      actions: [],
      ...(chain ? { chain } : {}),
      fetch: async (_ctx, n: number) => n,
    });
    let outcome: { before: number; order: number[] } | undefined;
    const check = defineCheck({
      ...meta,
      id: `reads-${String(chain)}`,
      loaders: { answer },
      async run({ load, result }) {
        outcome = await readers((i) => load.answer(i));
        result.pass({ id: 'x', type: 'Test' }, 'read');
      },
    });
    const cache = new LoaderCache(new AwsSession({ homeRegion: 'us-east-1' }), '1', 'aws');
    await runChecks({ checks: [check], regions: ['us-east-1'], concurrency: 1, options: resolveOptions(), now: new Date() }, cache);
    return outcome!;
  };

  it('a loader’s answers come in slices', async () => {
    const { before, order } = await viaCheck(false);
    expect(order).toEqual(range);
    expect(before).toBeLessThanOrEqual(BOUND);
  });

  it('a chain loader’s answers come at once', async () => {
    const { before, order } = await viaCheck(true);
    expect(order).toEqual(range);
    expect(before).toBe(READERS);
  });
});
