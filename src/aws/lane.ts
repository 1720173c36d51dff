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
 * So a bounded number of calls are let in, and waiting calls are served one turn key (a
 * service) at a time in turn (round robin): a service with a few calls waiting gets its turn as
 * often as one with thousands. Within a service, endpoints (a region, an account) take turns
 * too, and first come first served within an endpoint. The rate limits are taken before
 * (admission) and after (the wire), so the lane changes only the order, never the rate.
 *
 * A call whose request is on the wire leaves its slot to the next call (it waits on the network,
 * not the core): a lane held until the answer allowed only `slots` calls per round trip, which
 * at real latencies (300 ms: about 210 calls/s with 64 slots) ended a large account's scan at
 * twice its rate-limited floor. So the slots bound the calls being built and signed; reading an
 * answer and retrying happen outside. A call still counts towards its endpoint until it is
 * answered, which bounds the requests on the network per endpoint.
 *
 * An endpoint that does not answer must not take the whole lane: no endpoint has more than a
 * quarter of the slots in flight, and a call still unanswered after LEND_MS gives its place back
 * (it is waiting on a silent endpoint or a retry's backoff by then, not using the core).
 */

/** A call inside the SDK this long is waiting, not working: its slot is lent to the next one. */
export const LEND_MS = 2000;

interface Waiting {
  starts: Array<() => void>;
  head: number;
}

export class CallLane {
  private inFlight = 0;
  private readonly perEndpoint = new Map<string, number>();
  /** Waiting calls by turn key, then by endpoint; each Map's insertion order is its turn order. */
  private readonly waiting = new Map<string, Map<string, Waiting>>();
  /** The most calls one endpoint may have inside at once. */
  readonly endpointSlots: number;

  constructor(
    readonly slots: number,
    private readonly lendMs = LEND_MS,
  ) {
    if (!(slots >= 1)) throw new RangeError(`a call lane needs at least one slot (got ${slots})`);
    this.endpointSlots = Math.max(1, Math.ceil(slots / 4));
  }

  /**
   * Calls `start` when a slot is free, `endpoint` is under its share and `turn`'s turn comes.
   * The slot is held until `start` calls the `leave` it is given (its request is on the wire: it
   * waits on the network, not the core) or its promise settles; the endpoint's share until the
   * promise settles. Both are lent after LEND_MS at most.
   */
  run<T>(turn: string, endpoint: string, start: (leave: () => void) => Promise<T>): Promise<T> {
    if (this.waiting.size === 0 && this.admits(endpoint)) return this.hold(endpoint, start);
    const admitted = new Promise<void>((resolve) => {
      let endpoints = this.waiting.get(turn);
      if (!endpoints) this.waiting.set(turn, (endpoints = new Map()));
      let queue = endpoints.get(endpoint);
      if (!queue) endpoints.set(endpoint, (queue = { starts: [], head: 0 }));
      queue.starts.push(resolve);
    });
    // Others may wait only because their endpoint is at its share: this one may go at once.
    this.next();
    return admitted.then(() => this.hold(endpoint, start, true));
  }

  /** Calls inside now, and calls waiting (for tests and the benchmark). */
  get load(): { inFlight: number; waiting: number } {
    let waiting = 0;
    for (const endpoints of this.waiting.values()) for (const q of endpoints.values()) waiting += q.starts.length - q.head;
    return { inFlight: this.inFlight, waiting };
  }

  private admits(endpoint: string): boolean {
    return this.inFlight < this.slots && (this.perEndpoint.get(endpoint) ?? 0) < this.endpointSlots;
  }

  /** Runs `start` in a slot; `counted` when next() already took the slot for it. */
  private async hold<T>(endpoint: string, start: (leave: () => void) => Promise<T>, counted = false): Promise<T> {
    if (!counted) this.take(endpoint);
    let inside = true;
    let onEndpoint = true;
    // On the wire: the call no longer works the core, but still counts towards its endpoint's share.
    const leave = (): void => {
      if (!inside) return;
      inside = false;
      this.inFlight--;
      this.next();
    };
    const give = (): void => {
      if (!onEndpoint) return;
      onEndpoint = false;
      if (inside) {
        inside = false;
        this.inFlight--;
      }
      const left = this.perEndpoint.get(endpoint)! - 1;
      if (left) this.perEndpoint.set(endpoint, left);
      else this.perEndpoint.delete(endpoint);
      this.next();
    };
    const lend = setTimeout(give, this.lendMs);
    lend.unref?.();
    try {
      return await start(leave);
    } finally {
      clearTimeout(lend);
      give();
    }
  }

  private take(endpoint: string): void {
    this.inFlight++;
    this.perEndpoint.set(endpoint, (this.perEndpoint.get(endpoint) ?? 0) + 1);
  }

  private next(): void {
    while (this.inFlight < this.slots && this.serveOne());
  }

  /** Starts the first waiting call whose endpoint has room, in turn order; false when none can start. */
  private serveOne(): boolean {
    for (const [turn, endpoints] of this.waiting) {
      for (const [endpoint, queue] of endpoints) {
        if (!this.admits(endpoint)) continue;
        const resolve = queue.starts[queue.head]!;
        queue.starts[queue.head++] = undefined as unknown as () => void;
        // Both go to the back of their turn orders (or leave them with nobody waiting).
        endpoints.delete(endpoint);
        if (queue.head < queue.starts.length) endpoints.set(endpoint, queue);
        this.waiting.delete(turn);
        if (endpoints.size) this.waiting.set(turn, endpoints);
        this.take(endpoint);
        resolve();
        return true;
      }
    }
    return false;
  }
}
