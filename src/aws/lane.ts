/**
 * How many calls are inside the SDK at once, and in what order waiting calls go in.
 *
 * A call inside the SDK's stack costs CPU (middleware, endpoint rules, signing) and memory (a
 * copy of the stack, a request); on one thread every call in there shares the same core, so
 * the more there are, the longer each one takes. One service fanning out per resource (S3's
 * six reads per bucket, Lambda's two per function) could otherwise fill the core with its own
 * calls while a service with a long chain of dependent calls (Access Advisor's jobs, one user
 * after another) waits behind all of them, and the scan ends when that chain does.
 *
 * So a bounded number of calls are let in, and waiting calls are served one service at a time
 * in turn (round robin): a service with a few calls waiting gets its turn as often as one with
 * thousands. Within a service, first come first served. The rate limits are taken before
 * (admission) and after (the wire), so the lane changes only the order, never the rate.
 */
export class CallLane {
  private inFlight = 0;
  /** Waiting calls by key; the Map's insertion order is the turn order. */
  private readonly waiting = new Map<string, { starts: Array<() => void>; head: number }>();

  constructor(readonly slots: number) {
    if (!(slots >= 1)) throw new RangeError(`a call lane needs at least one slot (got ${slots})`);
  }

  /** Calls `start` when a slot is free and `key`'s turn comes; the slot is held until its promise settles. */
  run<T>(key: string, start: () => Promise<T>): Promise<T> {
    if (this.inFlight < this.slots && this.waiting.size === 0) {
      this.inFlight++;
      return this.hold(start);
    }
    return new Promise<void>((resolve) => {
      let queue = this.waiting.get(key);
      if (!queue) {
        queue = { starts: [], head: 0 };
        this.waiting.set(key, queue);
      }
      queue.starts.push(resolve);
    }).then(() => this.hold(start));
  }

  /** Calls inside now, and calls waiting (for tests and the benchmark). */
  get load(): { inFlight: number; waiting: number } {
    let waiting = 0;
    for (const q of this.waiting.values()) waiting += q.starts.length - q.head;
    return { inFlight: this.inFlight, waiting };
  }

  private async hold<T>(start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } finally {
      this.inFlight--;
      this.next();
    }
  }

  private next(): void {
    while (this.inFlight < this.slots && this.waiting.size > 0) {
      const [key, queue] = this.waiting.entries().next().value as [string, { starts: Array<() => void>; head: number }];
      const resolve = queue.starts[queue.head]!;
      queue.starts[queue.head++] = undefined as unknown as () => void;
      // The key goes to the back of the turn order (or leaves it when it has nobody waiting).
      this.waiting.delete(key);
      if (queue.head < queue.starts.length) this.waiting.set(key, queue);
      this.inFlight++;
      resolve();
    }
  }
}
