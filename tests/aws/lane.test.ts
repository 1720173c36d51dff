import { describe, expect, it } from 'vitest';
import { CallLane } from '../../src/aws/lane.js';

/** A call that stays inside the lane until `finish` is called. */
function pending() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CallLane', () => {
  it('lets no more calls in at once than it has slots', async () => {
    const lane = new CallLane(2);
    const started: number[] = [];
    const calls = [0, 1, 2, 3].map((i) => {
      const call = pending();
      const result = lane.run('s3', () => {
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
    const first = lane.run('warmup', () => blocker.promise);
    const results: Array<Promise<unknown>> = [];
    for (let i = 0; i < 6; i++) results.push(lane.run('s3', async () => order.push(`s3-${i}`)));
    for (let i = 0; i < 2; i++) results.push(lane.run('iam', async () => order.push(`iam-${i}`)));
    results.push(lane.run('lambda', async () => order.push('lambda-0')));
    blocker.finish('done');
    await Promise.all([first, ...results]);
    // First come first served within a service; one call per service per turn.
    expect(order).toEqual(['s3-0', 'iam-0', 'lambda-0', 's3-1', 'iam-1', 's3-2', 's3-3', 's3-4', 's3-5']);
  });

  it('frees the slot of a call that fails, and passes its error on', async () => {
    const lane = new CallLane(1);
    const failing = lane.run('kms', () => Promise.reject(new Error('AccessDenied')));
    const next = lane.run('kms', async () => 'answered');
    await expect(failing).rejects.toThrow('AccessDenied');
    await expect(next).resolves.toBe('answered');
    expect(lane.load).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('frees the slot of a call that throws before it returns a promise', async () => {
    const lane = new CallLane(1);
    const throwing = lane.run('sqs', () => {
      throw new TypeError('bad command');
    });
    await expect(throwing).rejects.toThrow('bad command');
    await expect(lane.run('sqs', async () => 'next')).resolves.toBe('next');
  });

  it('refuses a lane without slots', () => {
    expect(() => new CallLane(0)).toThrow(RangeError);
  });
});
