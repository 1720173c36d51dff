/**
 * Per-resource work, bounded per group (a region): every group progresses at once, with a
 * bounded number of items in flight. The API rate limits are per region, so this loses no
 * speed, and it keeps a scan of thousands of buckets from holding thousands of pending calls.
 */

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
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groupOf(item);
    let members = groups.get(group);
    if (!members) groups.set(group, (members = []));
    members.push(item);
  }
  const share = shareOfInFlight(new Map([...groups].map(([group, members]) => [group, members.length])), perGroup);
  // One failure stops every group, and the call rejects once every item started has settled.
  const failure: Failure = {};
  await Promise.all([...groups].map(([group, members]) => inTurn(members, share.get(group)!, work, failure)));
  if (failure.first) throw failure.first.error;
}

/**
 * Resources one check judges at once in one region (judgeEach and the like), and a loader's
 * reads per resource. The call lane lets one endpoint (a service in a region) hold a quarter of
 * --max-calls at once (16 of the default 64), shared by every check of that service; an API at
 * 20 calls/s with 300 ms answers needs about 6 in flight. On the benchmark, 16 rather than 32
 * took 20 MB off the large account's peak and 6 % off medium's wall time.
 */
export const JUDGED_IN_FLIGHT = 16;

/**
 * `work` on every item, at most `inFlight` at once, in the items' order. Nothing is made for an
 * item until its turn: thousands of resources waiting on a rate limit cost an array entry each,
 * not a pending promise chain, a closure and an SDK command each (a large account held about
 * 50,000 such chains at once when every item started together). Rejects with the first error
 * once every item started has settled; items not yet started are not started after one.
 */
export async function forEachInTurn<T>(
  items: readonly T[],
  inFlight: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const failure: Failure = {};
  await inTurn(items, inFlight, work, failure);
  if (failure.first) throw failure.first.error;
}

interface Failure {
  first?: { error: unknown };
}

/** The workers of forEachInTurn; they stop starting items once `failure` holds an error (theirs or another's). */
async function inTurn<T>(
  items: readonly T[],
  inFlight: number,
  work: (item: T, index: number) => Promise<void>,
  failure: Failure,
): Promise<void> {
  // NaN or 0 would make no worker, and every item would be skipped without a word.
  if (!(inFlight >= 1)) throw new RangeError(`at least one item must be in flight, not ${inFlight}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure.first) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure.first ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.floor(inFlight), items.length) }, worker));
}
