/**
 * Per-resource work, bounded per group (a region): every group progresses at once, with a
 * bounded number of items in flight. The API rate limits are per region, so this loses no
 * speed, and it keeps a scan of thousands of buckets from holding thousands of pending calls.
 */
import pLimit from 'p-limit';

/**
 * How many items each group may have in flight: `perGroup` on average, shared in proportion
 * to the groups' sizes (at least a quarter of `perGroup` each, and never more than a group has). With one core busy, a group
 * gets CPU in proportion to the work it has ready; sized this way, the regions with the most
 * buckets (where the rate limit is the floor) are not left to finish alone at the end.
 */
export function shareOfInFlight(sizes: ReadonlyMap<string, number>, perGroup: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const budget = perGroup * sizes.size;
  const floor = Math.max(1, Math.floor(perGroup / 4));
  return new Map([...sizes].map(([group, n]) => [group, Math.min(n, Math.max(floor, Math.round((budget * n) / Math.max(1, total))))]));
}

export async function forEachByGroup<T>(
  items: readonly T[],
  groupOf: (item: T) => string,
  perGroup: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const sizes = new Map<string, number>();
  for (const item of items) sizes.set(groupOf(item), (sizes.get(groupOf(item)) ?? 0) + 1);
  const share = shareOfInFlight(sizes, perGroup);
  const limits = new Map([...share].map(([group, n]) => [group, pLimit(n)]));
  await Promise.all(items.map((item) => limits.get(groupOf(item))!(() => work(item))));
}
