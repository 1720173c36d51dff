import { describe, expect, it } from 'vitest';
import { defineLoader, LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import { defineCheck, type AnyCheck } from '../../src/engine/check.js';
import { resolveOptions } from '../../src/engine/options.js';
import { findingId, runChecks } from '../../src/engine/runner.js';
import { selectChecks } from '../../src/engine/select.js';
import { CATALOG } from '../../src/engine/catalog.js';
import { UsageError } from '../../src/errors.js';
import { TEST_META } from '../helpers/test-meta.js';

let fetches = 0;
const shared = defineLoader({
  id: 'test.shared',
  actions: [],
  fetch: async (_ctx, region: string) => {
    fetches++;
    return [`${region}-a`, `${region}-b`];
  },
});

const meta = TEST_META;

const good = defineCheck({
  ...meta,
  id: 'good',
  loaders: { shared },
  async run({ region, load, result }) {
    for (const id of await load.shared(region)) result.pass({ id, type: 'Test' }, 'fine');
  },
});
const twin = defineCheck({
  ...meta,
  id: 'twin',
  loaders: { shared },
  async run({ region, load, result }) {
    const [first] = await load.shared(region);
    result.fail({ id: first!, type: 'Test' }, 'bad', { severity: 'critical' });
  },
});
const buggy = defineCheck({
  ...meta,
  id: 'buggy',
  loaders: {},
  async run({ region, result }) {
    result.pass({ id: `${region}-before`, type: 'Test' }, 'evaluated before the bug');
    throw new TypeError("Cannot read properties of undefined (reading 'GroupId')");
  },
});

const run = (checks: AnyCheck[], regions = ['us-east-1', 'eu-west-1']) =>
  runChecks(
    { checks, regions, concurrency: 3, options: resolveOptions(), now: new Date() },
    new LoaderCache(new AwsSession({ homeRegion: 'us-east-1' }), '123456789012', 'aws'),
  );

describe('the engine', () => {
  it('runs regional checks per region, memoising loaders shared between checks', async () => {
    fetches = 0;
    const { findings } = await run([good, twin]);
    expect(fetches).toBe(2);
    expect(findings.filter((f) => f.checkId === 'good')).toHaveLength(4);
    expect(findings.find((f) => f.checkId === 'twin')?.severity).toBe('critical');
  });

  it('turns a bug inside one check into ERROR findings and keeps what it reported, while other checks go on', async () => {
    const { findings, errors } = await run([buggy, good]);
    expect(
      findings
        .filter((f) => f.checkId === 'buggy')
        .map((f) => f.status)
        .sort(),
    ).toEqual(['ERROR', 'ERROR', 'PASS', 'PASS']);
    expect(findings.filter((f) => f.checkId === 'good').every((f) => f.status === 'PASS')).toBe(true);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ checkId: 'buggy', kind: 'internal', code: 'TypeError' });
    expect(findings.find((f) => f.status === 'ERROR')?.message).toMatch(/internal error in the check: TypeError/);
  });

  it('gives findings stable ids from check, resource and region', () => {
    const a = findingId('c', { id: 'sg-1', type: 'T', arn: 'arn:aws:ec2:us-east-1:1:security-group/sg-1' }, 'us-east-1');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    // The first 32 hex digits of the SHA-256 of check, resource and region: baselines written by
    // earlier versions keep matching.
    expect(a).toBe('ae2c71cf68d459c10ce0d0da7dd4b739');
    expect(findingId('c', { id: 'other-id', type: 'T', arn: 'arn:aws:ec2:us-east-1:1:security-group/sg-1' }, 'us-east-1')).toBe(a);
    expect(findingId('c', { id: 'sg-1', type: 'T', arn: 'arn:aws:ec2:us-east-1:1:security-group/sg-1' }, 'eu-west-1')).not.toBe(a);
  });
});

describe('check selection', () => {
  it('selects by id, category and exclusion', () => {
    expect(selectChecks(CATALOG, { categories: ['identity'] }).every((c) => c.category === 'identity')).toBe(true);
    expect(selectChecks(CATALOG, { excludeChecks: ['iam-root-mfa-enabled'] }).map((c) => c.id)).not.toContain('iam-root-mfa-enabled');
    expect(() => selectChecks(CATALOG, { checks: ['iam-root-mfa-enabled'], excludeChecks: ['iam-root-mfa-enabled'] })).toThrow(UsageError);
  });

  it('has unique check ids, each with a title, risk, remediation and well-formed compliance ids', () => {
    const ids = CATALOG.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CATALOG) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.title && c.risk && c.remediation, c.id).toBeTruthy();
      // A check may map to no framework control (public AMIs): then it says so by an empty map.
      for (const ids of Object.values(c.compliance)) expect(ids?.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe('loader results outlive no check that needs them', () => {
  it('releases a loader once its last reader finished, and never reads one again that a later check reads through another', async () => {
    const reads: string[] = [];
    const base = defineLoader({
      id: 'test.base',
      actions: [],
      fetch: async (_ctx, region: string) => {
        reads.push(`base ${region}`);
        return [`${region}-x`];
      },
    });
    const derived = defineLoader({
      id: 'test.derived',
      actions: [],
      uses: [base],
      fetch: async ({ load }, region: string) => (await load(base, region)).map((id) => `${id}-derived`),
    });
    const heldWhen: Record<string, string[]> = {};
    const cache = new LoaderCache(new AwsSession({ homeRegion: 'us-east-1' }), '123456789012', 'aws');
    // One check at a time, in order: the first reads base, the second reads base through derived.
    const first = defineCheck({
      ...meta,
      id: 'first',
      loaders: { base },
      async run({ region, load, result }) {
        for (const id of await load.base(region)) result.pass({ id, type: 'Test' }, 'fine');
      },
    });
    const second = defineCheck({
      ...meta,
      id: 'second',
      scope: 'global',
      loaders: { derived },
      async run({ regions, load, result }) {
        heldWhen.second = cache.held;
        for (const region of regions) for (const id of await load.derived(region)) result.pass({ id, type: 'Test' }, 'fine');
      },
    });
    const third = defineCheck({
      ...meta,
      id: 'third',
      scope: 'global',
      loaders: {},
      async run({ result }) {
        heldWhen.third = cache.held;
        result.pass({ id: 'account', type: 'Test' }, 'fine');
      },
    });
    const { findings } = await runChecks(
      { checks: [first, second, third], regions: ['us-east-1', 'eu-west-1'], concurrency: 1, options: resolveOptions(), now: new Date() },
      cache,
    );
    expect(findings).toHaveLength(5);
    // base was still held for `second` (which reads it through derived): each region read once.
    expect(reads.sort()).toEqual(['base eu-west-1', 'base us-east-1']);
    expect(heldWhen.second).toEqual(['test.base']);
    // Once `second` finished, nothing left could read either loader.
    expect(heldWhen.third).toEqual([]);
    expect(cache.held).toEqual([]);
  });

  it('answers a released loader that a loader still running asks for, without keeping it', async () => {
    let reads = 0;
    const base = defineLoader({
      id: 'test.late',
      actions: [],
      fetch: async () => ++reads,
    });
    const cache = new LoaderCache(new AwsSession({ homeRegion: 'us-east-1' }), '123456789012', 'aws');
    expect(await cache.load(base)).toBe(1);
    cache.release(base);
    expect(await cache.load(base)).toBe(2);
    expect(cache.held).toEqual([]);
  });
});

describe('checks whose modules are still loading', () => {
  /** A catalog entry whose module the test lets load. */
  const loading = (check: AnyCheck) => {
    let arrive!: () => void;
    let fail!: (error: Error) => void;
    const module = new Promise<{ default: AnyCheck }>((resolve, reject) => {
      arrive = () => resolve({ default: check });
      fail = reject;
    });
    const { loaders: _loaders, run: _run, ...meta } = check;
    return { entry: { meta, load: () => module }, arrive, fail };
  };
  const cacheOf = () => new LoaderCache(new AwsSession({ homeRegion: 'us-east-1' }), '123456789012', 'aws');

  it('starts a loaded check while a later one loads, counts every task for progress, and releases nothing a loading check may read', async () => {
    fetches = 0;
    const later = loading(twin);
    const progress: Array<[number, number]> = [];
    const cache = cacheOf();
    const running = runChecks(
      { checks: [good, later.entry], regions: ['us-east-1'], concurrency: 2, options: resolveOptions(), now: new Date() },
      cache,
      { onProgress: (done, total) => progress.push([done, total]) },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // `good` ran and finished while `twin` was loading; their shared loader is kept for `twin`.
    expect(progress).toEqual([[1, 2]]);
    expect(cache.held).toEqual(['test.shared']);
    later.arrive();
    const { findings } = await running;
    expect(fetches).toBe(1);
    expect(findings.map((f) => f.checkId).sort()).toEqual(['good', 'good', 'twin']);
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(cache.held).toEqual([]);
  });

  it('a module that cannot be loaded fails the run (a broken installation) once the checks that started have ended, and starts no more', async () => {
    const broken = loading(twin);
    let ended = false;
    let laterRan = false;
    const later = defineCheck({
      ...meta,
      id: 'later',
      loaders: {},
      async run() {
        laterRan = true;
      },
    });
    const slow = defineCheck({
      ...meta,
      id: 'slow',
      loaders: {},
      async run({ result }) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        result.pass({ id: 'x', type: 'Test' }, 'done');
        ended = true;
      },
    });
    const running = runChecks(
      { checks: [slow, broken.entry, later], regions: ['us-east-1'], concurrency: 2, options: resolveOptions(), now: new Date() },
      cacheOf(),
    );
    broken.fail(new Error('Cannot find module checks/x.js'));
    await expect(running).rejects.toThrow('Cannot find module');
    expect(ended).toBe(true);
    expect(laterRan).toBe(false);
  });

  it('a progress hook that throws while later modules load fails the run, and is not an unhandled rejection', async () => {
    const later = loading(twin);
    const running = runChecks(
      { checks: [good, later.entry], regions: ['us-east-1'], concurrency: 2, options: resolveOptions(), now: new Date() },
      cacheOf(),
      {
        onProgress: () => {
          throw new Error('progress hook failed');
        },
      },
    );
    // The first task fails while the second module is still loading (vitest fails the file on an unhandled rejection).
    await new Promise((resolve) => setTimeout(resolve, 20));
    later.arrive();
    await expect(running).rejects.toThrow('progress hook failed');
  });
});

it("hands every check its session's calls per endpoint (a quarter of --max-calls)", async () => {
  const seen: number[] = [];
  const probe = defineCheck({
    ...meta,
    id: 'probe',
    loaders: {},
    async run({ endpointSlots }) {
      seen.push(endpointSlots);
    },
  });
  await runChecks(
    { checks: [probe], regions: ['us-east-1', 'eu-west-1'], concurrency: 2, options: resolveOptions(), now: new Date() },
    new LoaderCache(new AwsSession({ homeRegion: 'us-east-1', callSlots: 40 }), '123456789012', 'aws'),
  );
  expect(seen).toEqual([10, 10]);
});

describe('findings hold one copy of the resources and messages they repeat', () => {
  it('shares a resource between findings only when its fields and their order are the same, and leaves what the check gave untouched', async () => {
    const given: Array<Record<string, unknown>> = [];
    const emit = (fields: Record<string, unknown>) => {
      given.push(fields);
      return fields as { id: string; type: string };
    };
    const arn = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1';
    const a = defineCheck({
      ...meta,
      id: 'a',
      scope: 'global',
      loaders: {},
      async run({ result }) {
        result.pass(emit({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn }), `sg-1 ${'is'} fine`);
        result.fail(emit({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn, name: 'web' }), 'named');
        result.fail(emit({ arn, id: 'sg-1', type: 'AWS::EC2::SecurityGroup' }), 'other order');
        result.fail(emit({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn, name: undefined }), 'undefined name');
        result.fail(emit({ id: 'sg-2', type: 'AWS::EC2::SecurityGroup', arn: `${arn.slice(0, -1)}2` }), 'other group');
      },
    });
    const b = defineCheck({
      ...meta,
      id: 'b',
      scope: 'global',
      loaders: {},
      async run({ result }) {
        result.pass(emit({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn: `${arn.slice(0, 10)}${arn.slice(10)}` }), 'sg-1 is fine');
        result.fail(emit({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn, name: 'web' }), 'named');
        result.fail(emit({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn, name: 'db' }), 'renamed');
      },
    });
    const { findings } = await run([a, b]);
    const of = (check: string, message: string) => findings.find((f) => f.checkId === check && f.message === message)!.resource;
    // Equal fields in the same order: one object.
    expect(of('b', 'sg-1 is fine')).toBe(of('a', 'sg-1 is fine'));
    expect(of('b', 'named')).toBe(of('a', 'named'));
    // Different order, value, field or extra undefined field: objects of their own, as given.
    const distinct = new Set([
      of('a', 'sg-1 is fine'),
      of('a', 'named'),
      of('a', 'other order'),
      of('a', 'undefined name'),
      of('a', 'other group'),
      of('b', 'renamed'),
    ]);
    expect(distinct.size).toBe(6);
    expect(Object.keys(of('a', 'other order'))).toEqual(['arn', 'id', 'type']);
    expect(Object.keys(of('a', 'undefined name'))).toEqual(['id', 'type', 'arn', 'name']);
    expect(of('b', 'renamed')).toEqual({ id: 'sg-1', type: 'AWS::EC2::SecurityGroup', arn, name: 'db' });
    // Copies: what a check handed over is never the finding's own.
    for (const f of findings) expect(given).not.toContain(f.resource);
    // And each finding's resource serialises as the one its check gave.
    const serialised = new Set(given.map((g) => JSON.stringify(g)));
    for (const f of findings) expect(serialised).toContain(JSON.stringify(f.resource));
  });
});
