/**
 * Loaders' answers and the event loop: a turn that has run checks for SLICE_MS hands the rest of
 * the answers on in later turns, so timers (the rate limiter's tokens for Access Advisor's chain)
 * are not held up behind a large account's checks; a chain loader's answers go on at once.
 */
import { describe, expect, it } from 'vitest';
import { defineLoader, LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import { SLICE_MS } from '../../src/aws/slice.js';

const PIECE_MS = 15;
const READERS = 20;

/** Works synchronously for `ms`, as a check judging a region's resources does. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** How many of READERS readers, each working PIECE_MS after its answer, ran before a timer due at once. */
async function readersBeforeTimer(chain: boolean): Promise<{ before: number; ran: number }> {
  const cache = new LoaderCache(new AwsSession({ homeRegion: 'us-east-1' }), '1', 'aws');
  const loader = defineLoader({
    id: `test.answer.${String(chain)}`,
    actions: [],
    ...(chain ? { chain } : {}),
    fetch: async (_ctx, n: number) => n,
  });
  let ran = 0;
  let before: number | undefined;
  setTimeout(() => (before = ran), 0);
  await Promise.all(
    Array.from({ length: READERS }, (_, i) =>
      cache.load(loader, i).then(() => {
        work(PIECE_MS);
        ran++;
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { before: before ?? -1, ran };
}

describe('answers are handed on in slices of the event loop', () => {
  it('readers past the slice wait for later turns: a timer runs long before the last of them', async () => {
    const { before, ran } = await readersBeforeTimer(false);
    expect(ran).toBe(READERS);
    // At most about two slices' worth of readers run before the timer (one in the turn the answers
    // came in, one in the immediates that follow), not all twenty (300 ms).
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThanOrEqual(2 * Math.ceil(SLICE_MS / PIECE_MS) + 2);
  });

  it("a chain loader's answers are never put off", async () => {
    const { before, ran } = await readersBeforeTimer(true);
    expect(ran).toBe(READERS);
    expect(before).toBe(READERS);
  });
});
