/**
 * Per-resource work, bounded per group (a region): every group progresses at once, each with
 * at most `perGroup` items in flight. The API rate limits are per region, so this loses no
 * speed, and it keeps a scan of thousands of buckets from holding thousands of pending calls.
 */
import pLimit from 'p-limit';

export async function forEachByGroup<T>(
  items: readonly T[],
  groupOf: (item: T) => string,
  perGroup: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  await Promise.all(
    items.map((item) => {
      const group = groupOf(item);
      let limit = limits.get(group);
      if (!limit) limits.set(group, (limit = pLimit(perGroup)));
      return limit(() => work(item));
    }),
  );
}
