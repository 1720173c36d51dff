import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/aws/errors.js';
import { PageFeed } from '../../src/aws/loaders/paginate.js';

/** A listing whose pages are let out one at a time by the test. */
function heldPages<T>(): { source: AsyncIterable<T>; give: (page: T) => void; fail: (error: Error) => void; end: () => void } {
  const queue: Array<{ page?: T; error?: Error; end?: true }> = [];
  let wake: (() => void) | undefined;
  const push = (item: { page?: T; error?: Error; end?: true }) => {
    queue.push(item);
    wake?.();
  };
  async function* source(): AsyncGenerator<T> {
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift()!;
      if (item.error) throw item.error;
      if (item.end) return;
      yield item.page!;
    }
  }
  return { source: source(), give: (page) => push({ page }), fail: (error) => push({ error }), end: () => push({ end: true }) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PageFeed', () => {
  it('gives a reader each page as it arrives, and a later reader every page from the first', async () => {
    const pages = heldPages<number>();
    const feed = new PageFeed(pages.source, 'svc:List');
    const early: number[] = [];
    const reading = (async () => {
      for await (const page of feed) early.push(page);
    })();
    pages.give(1);
    await tick();
    expect(early).toEqual([1]);
    pages.give(2);
    await tick();
    const late: number[] = [];
    const lateReading = (async () => {
      for await (const page of feed) late.push(page);
    })();
    await tick();
    expect(late).toEqual([1, 2]);
    pages.give(3);
    pages.end();
    await Promise.all([reading, lateReading]);
    expect(early).toEqual([1, 2, 3]);
    expect(late).toEqual([1, 2, 3]);
    // Read again after the end: the same pages, and it ends.
    const again: number[] = [];
    for await (const page of feed) again.push(page);
    expect(again).toEqual([1, 2, 3]);
  });

  it('a failed read ends every reader with the error after the pages that arrived, named by the action', async () => {
    const pages = heldPages<number>();
    const feed = new PageFeed(pages.source, 'svc:List');
    const read = async () => {
      const seen: number[] = [];
      try {
        for await (const page of feed) seen.push(page);
        return { seen };
      } catch (error) {
        return { seen, error };
      }
    };
    const first = read();
    pages.give(1);
    pages.fail(new Error('boom'));
    const [a, b] = await Promise.all([first, read()]);
    for (const outcome of [a, b]) {
      expect(outcome.seen).toEqual([1]);
      expect((outcome.error as Error).message).toBe('boom');
      expect(describeError(outcome.error).action).toBe('svc:List');
    }
  });

  it('reads the listing once however many read it, and a failure nobody reads is not an unhandled rejection', async () => {
    let reads = 0;
    async function* source(): AsyncGenerator<number> {
      reads++;
      yield 1;
      throw new Error('late');
    }
    const feed = new PageFeed(source(), 'svc:List');
    const outcomes = await Promise.all(
      [1, 2, 3].map(async () => {
        const seen: number[] = [];
        await expect(
          (async () => {
            for await (const page of feed) seen.push(page);
          })(),
        ).rejects.toThrow('late');
        return seen;
      }),
    );
    expect(outcomes).toEqual([[1], [1], [1]]);
    expect(reads).toBe(1);
    // Made and never read: vitest fails the run on an unhandled rejection.
    new PageFeed(source(), 'svc:List');
    await tick();
  });
});
