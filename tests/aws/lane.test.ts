import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallLane } from '../../src/aws/lane.js';

/** A call that stays inside the lane until `finish` is called. */
function pending() {
  let finish!: (value: string) => void;
  const promise = new Promise<string>((resolve) => {
    finish = resolve;
  });
  return { promise, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('CallLane', () => {
  it('lets no more calls in at once than it has slots', async () => {
    const lane = new CallLane(2);
    const started: number[] = [];
    const calls = [0, 1, 2, 3].map((i) => {
      const call = pending();
      const result = lane.run('s3', `s3|r${i}`, () => {
        started.push(i);
        return call.promise;
      });
      return { call, result };
    });
    await tick();
    expect(started).toEqual([0, 1]);
    expect(lane.load).toEqual({ inFlight: 2, waiting: 2 });
    calls[0]!.call.finish('a');
    await expect(calls[0]!.result).resolves.toBe('a');
    await tick();
    expect(started).toEqual([0, 1, 2]);
    calls[1]!.call.finish('b');
    calls[2]!.call.finish('c');
    calls[3]!.call.finish('d');
    await expect(Promise.all(calls.map((c) => c.result))).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(lane.load).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('serves waiting services in turn, so one with thousands waiting does not starve one with a few', async () => {
    const lane = new CallLane(1);
    const order: string[] = [];
    const blocker = pending();
    const first = lane.run('warmup', 'warmup|r', () => blocker.promise);
    const results: Array<Promise<unknown>> = [];
    for (let i = 0; i < 6; i++) results.push(lane.run('s3', `s3|r${i % 2}`, async () => order.push(`s3-${i}`)));
    for (let i = 0; i < 2; i++) results.push(lane.run('iam', 'iam|global', async () => order.push(`iam-${i}`)));
    results.push(lane.run('lambda', 'lambda|r0', async () => order.push('lambda-0')));
    blocker.finish('done');
    await Promise.all([first, ...results]);
    // One call per service per turn; within S3, its two regions take turns; first come first served within one.
    expect(order).toEqual(['s3-0', 'iam-0', 'lambda-0', 's3-1', 'iam-1', 's3-2', 's3-3', 's3-4', 's3-5']);
  });

  it("gives a call's slot to the next once its request is on the wire, and keeps its endpoint's share until it is answered", async () => {
    const lane = new CallLane(4);
    expect(lane.endpointSlots).toBe(1);
    const onWire = pending();
    const started: string[] = [];
    const first = lane.run('ec2', 'ec2|a', (leave) => {
      started.push('first');
      leave();
      leave();
      return onWire.promise;
    });
    await tick();
    expect(lane.load).toEqual({ inFlight: 0, waiting: 0 });
    // Its endpoint is at its share: the next call to it waits; another endpoint's goes in.
    const sameEndpoint = lane.run('ec2', 'ec2|a', async () => started.push('same endpoint'));
    const otherEndpoint = lane.run('s3', 's3|b', async () => started.push('other endpoint'));
    await otherEndpoint;
    expect(started).toEqual(['first', 'other endpoint']);
    onWire.finish('answered');
    await expect(first).resolves.toBe('answered');
    await sameEndpoint;
    expect(started).toEqual(['first', 'other endpoint', 'same endpoint']);
    // Left once, given back once: nothing counted twice.
    expect(lane.load).toEqual({ inFlight: 0, waiting: 0 });
    // With every slot taken, a call that leaves for the wire lets a waiting one in at once (not
    // after the lane lends its slot: here never).
    const busy = new CallLane(4, 60_000);
    const answers = pending();
    let leaveFirst!: () => void;
    const held = [0, 1, 2, 3].map((i) =>
      busy.run('sqs', `sqs|r${i}`, (leave) => {
        if (i === 0) leaveFirst = leave;
        return answers.promise;
      }),
    );
    let waited = false;
    const waiting = busy.run('sns', 'sns|r0', async () => {
      waited = true;
    });
    await tick();
    expect(waited).toBe(false);
    expect(busy.load).toEqual({ inFlight: 4, waiting: 1 });
    leaveFirst();
    await waiting;
    expect(waited).toBe(true);
    answers.finish('answered');
    await Promise.all(held);
    const inside = pending();
    const full = Array.from({ length: 4 }, (_, i) => lane.run('kms', `kms|r${i}`, () => inside.promise));
    await tick();
    expect(lane.load).toEqual({ inFlight: 4, waiting: 0 });
    inside.finish('done');
    await Promise.all(full);
  });

  it('gives no endpoint more than a quarter of the slots, so a silent one cannot take the lane', async () => {
    const lane = new CallLane(8);
    expect(lane.endpointSlots).toBe(2);
    const silent = Array.from({ length: 5 }, () => lane.run('ec2', 'ec2|opt-in-region', () => new Promise<string>(() => undefined)));
    let answered = 0;
    const others = Array.from({ length: 6 }, (_, i) => lane.run('ec2', `ec2|r${i}`, async () => ++answered));
    await Promise.all(others);
    expect(answered).toBe(6);
    expect(lane.load).toEqual({ inFlight: 2, waiting: 3 });
    void silent;
  });

  it('lends the slot of a call still inside after a while (waiting on the network or a backoff)', async () => {
    vi.useFakeTimers();
    const lane = new CallLane(1, 2000);
    const slow = pending();
    const slowResult = lane.run('s3', 's3|a', () => slow.promise);
    let started = false;
    const next = lane.run('iam', 'iam|global', async () => {
      started = true;
      return 'next';
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(next).resolves.toBe('next');
    // The slow call finishing later frees nothing twice.
    slow.finish('slow');
    await expect(slowResult).resolves.toBe('slow');
    expect(lane.load).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('frees the slot of a call that fails, and passes its error on', async () => {
    const lane = new CallLane(1);
    const failing = lane.run('kms', 'kms|r', () => Promise.reject(new Error('AccessDenied')));
    const next = lane.run('kms', 'kms|r', async () => 'answered');
    await expect(failing).rejects.toThrow('AccessDenied');
    await expect(next).resolves.toBe('answered');
    expect(lane.load).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('frees the slot of a call that throws before it returns a promise', async () => {
    const lane = new CallLane(1);
    const throwing = lane.run('sqs', 'sqs|r', () => {
      throw new TypeError('bad command');
    });
    await expect(throwing).rejects.toThrow('bad command');
    await expect(lane.run('sqs', 'sqs|r', async () => 'next')).resolves.toBe('next');
  });

  it('refuses a lane without slots', () => {
    expect(() => new CallLane(0)).toThrow(RangeError);
  });
});
