import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DeleteBucketCommand, GetBucketVersioningCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, SourceData } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadOnlyViolation, UndeclaredCall, describeError } from '../../src/aws/errors.js';
import { defineLoader, LoaderCache } from '../../src/aws/loader.js';
import { securityGroups } from '../../src/aws/loaders/ec2.js';
// Registers the S3 client classes, as the S3 loaders do for a scan.
import '../../src/aws/loaders/s3.js';
import { iamActionFor, isReadOnlyOperation } from '../../src/aws/operations.js';
import { AwsSession, IDLE_CHAINS, idleChainCount } from '../../src/aws/session.js';

/** An HTTP handler that records requests and answers an empty DescribeSecurityGroups. */
function recordingHandler() {
  const requests: Array<{ hostname: string; body: string }> = [];
  return {
    requests,
    handler: {
      async handle(request: { hostname: string; body?: unknown }) {
        requests.push({ hostname: request.hostname, body: String(request.body ?? '') });
        const xml =
          '<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>';
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(xml)]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
  };
}

beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATESTTESTTESTTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
});
afterEach(() => vi.unstubAllEnvs());

describe('the read-only guard', () => {
  it.each([
    ['ec2', () => new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-1', IpPermissions: [] }), 'ec2:AuthorizeSecurityGroupIngress'],
    ['s3', () => new PutBucketPolicyCommand({ Bucket: 'b', Policy: '{}' }), 's3:PutBucketPolicy'],
    ['s3', () => new DeleteBucketCommand({ Bucket: 'b' }), 's3:DeleteBucket'],
  ] as const)('refuses %s write %s before any request is made', async (service, command, action) => {
    const { handler, requests } = recordingHandler();
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    // Even for a loader that (wrongly) declared the action, a write is refused.
    const scoped = session.withScope({ loaderId: 'evil', actions: new Set([action]) });
    const client = service === 'ec2' ? scoped.ec2('us-east-1') : scoped.s3('us-east-1');
    const attempt = (client as { send: (c: unknown) => Promise<unknown> }).send(command());
    await expect(attempt).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(attempt).rejects.toThrow(action);
    expect(requests).toHaveLength(0);
    expect(session.calls.total).toBe(0);
  });

  it('refuses a read that the calling loader did not declare, and any call outside a loader', async () => {
    const { handler, requests } = recordingHandler();
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    const sneaky = defineLoader({
      id: 'test.sneaky',
      actions: ['ec2:DescribeVpcs'],
      fetch: ({ aws }) => aws.ec2('us-east-1').send(new DescribeSecurityGroupsCommand({})),
    });
    const cache = new LoaderCache(session, '123456789012', 'aws');
    await expect(cache.load(sneaky)).rejects.toBeInstanceOf(UndeclaredCall);
    await expect(session.ec2('us-east-1').send(new DescribeVpcsCommand({}))).rejects.toThrow(/outside any loader/);
    expect(requests).toHaveLength(0);
  });

  it('sends a declared read, counts it, and memoises the loader', async () => {
    const { handler, requests } = recordingHandler();
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    const cache = new LoaderCache(session, '123456789012', 'aws');
    const [a, b] = await Promise.all([cache.load(securityGroups, 'eu-west-1'), cache.load(securityGroups, 'eu-west-1')]);
    expect(a).toEqual([]);
    expect(b).toBe(a);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.hostname).toBe('ec2.eu-west-1.amazonaws.com');
    expect(requests[0]!.body).toContain('Action=DescribeSecurityGroups');
    expect(session.calls.byOperation()).toEqual({ 'ec2:DescribeSecurityGroups': 1 });
  });

  it("gives a loader one context for all its arguments, still scoped to the loader's own declared actions", async () => {
    const { handler, requests } = recordingHandler();
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    const seen: unknown[] = [];
    // Both send DescribeSecurityGroups; only the first declares it.
    const sendingGroups = (id: string, action: string) =>
      defineLoader({
        id,
        actions: [action],
        fetch: (ctx, region: string) => {
          seen.push(ctx);
          return ctx.aws.ec2(region).send(new DescribeSecurityGroupsCommand({}));
        },
      });
    const groups = sendingGroups('test.groups', 'ec2:DescribeSecurityGroups');
    const vpcs = sendingGroups('test.vpcs', 'ec2:DescribeVpcs');
    const cache = new LoaderCache(session, '123456789012', 'aws');
    await cache.load(groups, 'us-east-1');
    await cache.load(groups, 'eu-west-1');
    await expect(cache.load(vpcs, 'us-east-1')).rejects.toBeInstanceOf(UndeclaredCall);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(requests.map((r) => r.hostname)).toEqual(['ec2.us-east-1.amazonaws.com', 'ec2.eu-west-1.amazonaws.com']);
  });

  it('tags a failed call with its IAM action so the finding can name it', async () => {
    const session = new AwsSession({
      homeRegion: 'us-east-1',
      responder: () => {
        throw Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation', $fault: 'client' });
      },
    });
    const error = await new LoaderCache(session, '1', 'aws').load(securityGroups, 'us-east-1').catch((e: unknown) => e);
    expect(describeError(error)).toMatchObject({
      action: 'ec2:DescribeSecurityGroups',
      code: 'UnauthorizedOperation',
      kind: 'access-denied',
    });
  });
});

describe('operation names', () => {
  it.each([
    ['DescribeSecurityGroups', true],
    ['ListBuckets', true],
    ['GetBucketPolicy', true],
    ['HeadBucket', true],
    ['GenerateCredentialReport', true],
    ['GenerateServiceLastAccessedDetails', true],
    ['AssumeRole', true],
    ['AssumeRoleWithWebIdentity', false],
    ['GetObject', false],
    ['PutBucketPolicy', false],
    ['DeleteBucket', false],
    ['CreateSnapshot', false],
    ['ModifyInstanceAttribute', false],
    ['Getaway', false],
    ['ListenerRule', false],
  ])('%s is read-only: %s', (operation, expected) => {
    expect(isReadOnlyOperation(operation)).toBe(expected);
  });

  it('maps S3 operations to their IAM action names', () => {
    expect(iamActionFor('s3', 'ListBuckets')).toBe('s3:ListAllMyBuckets');
    expect(iamActionFor('s3', 'GetPublicAccessBlock')).toBe('s3:GetBucketPublicAccessBlock');
    expect(iamActionFor('s3control', 'GetPublicAccessBlock')).toBe('s3:GetAccountPublicAccessBlock');
    expect(iamActionFor('ec2', 'DescribeVolumes')).toBe('ec2:DescribeVolumes');
  });
});

describe('the transport stand-in (benchmark)', () => {
  it('sits below the SDK retry: a throttled attempt is retried, and counted as one call of three attempts', async () => {
    let attempts = 0;
    const session = new AwsSession({
      homeRegion: 'us-east-1',
      maxAttempts: 5,
      transport: () => {
        if (++attempts < 3)
          throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 } });
        return { SecurityGroups: [{ GroupId: 'sg-1' }] };
      },
    });
    const groups = await new LoaderCache(session, '1', 'aws').load(securityGroups, 'us-east-1');
    expect(groups.map((g) => g.GroupId)).toEqual(['sg-1']);
    expect(session.calls.total).toBe(1);
    expect(session.calls.attempts).toBe(3);
  });

  it('makes every attempt wait for a token of its API and region, right before it leaves', async () => {
    vi.useFakeTimers();
    try {
      const arrived: string[] = [];
      const session = new AwsSession({
        homeRegion: 'us-east-1',
        rateLimits: { ec2: { rate: 10, burst: 2 } },
        transport: ({ region }) => {
          arrived.push(region);
          return { SecurityGroups: [] };
        },
      });
      const cache = new LoaderCache(session, '1', 'aws');
      const loaders = Array.from({ length: 5 }, (_, i) => defineLoader({ ...securityGroups, id: `sg-${i}` }));
      const done = Promise.all([...loaders.map((l) => cache.load(l, 'us-east-1')), cache.load(securityGroups, 'eu-west-1')]);
      await vi.advanceTimersByTimeAsync(1);
      // The burst of two in us-east-1, and eu-west-1's own bucket.
      expect(arrived.filter((r) => r === 'us-east-1')).toHaveLength(2);
      expect(arrived).toContain('eu-west-1');
      await vi.advanceTimersByTimeAsync(100);
      expect(arrived.filter((r) => r === 'us-east-1')).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(200);
      await done;
      expect(arrived.filter((r) => r === 'us-east-1')).toHaveLength(5);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** SHA-256 for a signer of the test's own (the SDK's sha256 constructor contract). */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

describe('signing', () => {
  it('reuses one signer per scheme, and its signatures are those a fresh signer computes', async () => {
    const signed: HttpRequest[] = [];
    const handler = {
      async handle(request: HttpRequest) {
        signed.push(request);
        const xml =
          '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>';
        return { response: { statusCode: 200, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(xml)]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    };
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    const s3 = session.withScope({ loaderId: 'test', actions: new Set(['s3:GetBucketVersioning']) }).s3('eu-west-1');
    const signer = (s3.config as unknown as { signer: (scheme: unknown) => Promise<unknown> }).signer;
    const scheme = { name: 'sigv4', signingName: 's3', signingRegion: 'eu-west-1' };
    expect(await signer(scheme)).toBe(await signer({ ...scheme }));
    expect(await signer({ ...scheme, signingRegion: 'us-east-1' })).not.toBe(await signer(scheme));

    for (const bucket of ['bucket-one', 'bucket-two']) await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    expect(signed).toHaveLength(2);
    for (const request of signed) {
      const auth = String(request.headers.authorization);
      expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATESTTESTTESTTEST\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=/);
      // The same request signed at the same moment by a signer made for it alone.
      const { authorization: _, ...headers } = request.headers;
      const unsigned: HttpRequest = { ...request, headers };
      const stamp = String(request.headers['x-amz-date']);
      const at = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
      const fresh = new SignatureV4({
        credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' },
        region: 'eu-west-1',
        service: 's3',
        sha256: Sha256,
        uriEscapePath: false,
      });
      const again = await fresh.sign(unsigned, { signingDate: at });
      expect(again.headers.authorization).toBe(auth);
    }
  });
});

describe('the call lane', () => {
  it('never lets a member account wait for a slot its own calls hold while it assumes its role', async () => {
    const { roleCredentials } = await import('../../src/org/credentials.js');
    const seen: string[] = [];
    const expiry = new Date(Date.now() + 3600_000).toISOString();
    const handler = {
      async handle(request: { body?: unknown }) {
        const body = String(request.body ?? '');
        seen.push(/Action=(\w+)/.exec(body)?.[1] ?? '?');
        const xml = body.includes('Action=AssumeRole')
          ? `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAMEMBER</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>${expiry}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/Audit/x</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`
          : '<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>';
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(xml)]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    };
    // One slot: were the caller's lane the members', the member's call would hold the only slot
    // while its credentials (an AssumeRole through the caller) waited for it.
    const caller = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1, callSlots: 1 });
    const member = caller.forAccount('111111111111', roleCredentials(caller, 'aws', 'arn:aws:iam::111111111111:role/Audit'));
    const groups = new LoaderCache(member, '111111111111', 'aws').load(securityGroups, 'us-east-1');
    const outcome = await Promise.race([groups, new Promise((resolve) => setTimeout(() => resolve('stuck'), 2000))]);
    expect(outcome).toEqual([]);
    expect(seen).toEqual(['AssumeRole', 'DescribeSecurityGroups']);
  });
});

describe('middleware chains (HandlerPool)', () => {
  /** Answers GetBucketVersioning after a delay of its own, Enabled for buckets ending in an even digit. */
  function bucketHandler(sent: Array<{ hostname: string; path: string }>) {
    return {
      async handle(request: { hostname: string; path: string }) {
        sent.push({ hostname: request.hostname, path: request.path });
        const bucket = request.hostname.split('.')[0]!;
        const n = Number(/\d+$/.exec(bucket)?.[0]);
        await new Promise((resolve) => setTimeout(resolve, (n * 7) % 23));
        if (bucket.endsWith('-denied')) {
          const xml = '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
          return { response: { statusCode: 403, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(xml)]) } };
        }
        const status = n % 2 === 0 ? 'Enabled' : 'Suspended';
        const xml = `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>${status}</Status></VersioningConfiguration>`;
        return { response: { statusCode: 200, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(xml)]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    };
  }
  const scope = { loaderId: 'test', actions: new Set(['s3:GetBucketVersioning']) };
  afterEach(() => vi.restoreAllMocks());

  it('gives no two calls in flight one context: each request goes to its own bucket and each answer is its own', async () => {
    const sent: Array<{ hostname: string; path: string }> = [];
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: bucketHandler(sent), maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const resolved = vi.spyOn(GetBucketVersioningCommand.prototype, 'resolveMiddleware');
    const buckets = Array.from({ length: 40 }, (_, i) => `bucket-${i}`);
    const statuses = await Promise.all(buckets.map(async (b) => (await s3.send(new GetBucketVersioningCommand({ Bucket: b }))).Status));
    expect(statuses).toEqual(buckets.map((_, i) => (i % 2 === 0 ? 'Enabled' : 'Suspended')));
    expect(sent.map((r) => r.hostname).sort()).toEqual(buckets.map((b) => `${b}.s3.eu-west-1.amazonaws.com`).sort());
    // A chain per call in flight, at most (the lane lets 64 in at once).
    const first = resolved.mock.calls.length;
    expect(first).toBeGreaterThan(1);
    expect(first).toBeLessThanOrEqual(40);
    // Later calls, one at a time, reuse those chains: none is resolved again.
    for (const b of buckets.slice(0, 10)) {
      const out = await s3.send(new GetBucketVersioningCommand({ Bucket: b }));
      expect(out.Status).toBe(Number(b.slice(7)) % 2 === 0 ? 'Enabled' : 'Suspended');
    }
    expect(resolved.mock.calls.length).toBe(first);
    expect(session.calls.byOperation()).toEqual({ 's3:GetBucketVersioning': 50 });
  });

  it('signs each call for its own endpoint while other calls reuse chains around it (access points in another region among buckets)', async () => {
    const mismatches: string[] = [];
    const handler = {
      async handle(request: { hostname: string; headers: Record<string, string> }) {
        const scope = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
        if (!request.hostname.includes(`.${scope}.`)) mismatches.push(`signed for ${scope}, sent to ${request.hostname}`);
        const n = Number(/(\d+)(-123456789012)?\./.exec(request.hostname)?.[1]);
        await new Promise((resolve) => setTimeout(resolve, (n * 7) % 23));
        const xml = `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>${n % 2 === 0 ? 'Enabled' : 'Suspended'}</Status></VersioningConfiguration>`;
        return { response: { statusCode: 200, headers: {}, body: Readable.from([Buffer.from(xml)]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    };
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    // The second round finds the first round's chains idle and reuses them while others are in flight.
    for (let round = 0; round < 2; round++) {
      const buckets = Array.from({ length: 40 }, (_, i) =>
        i % 3 === 0 ? `arn:aws:s3:us-west-2:123456789012:accesspoint/ap-${round}-${i}` : `bucket-${round}-${i}`,
      );
      const statuses = await Promise.all(buckets.map(async (b) => (await s3.send(new GetBucketVersioningCommand({ Bucket: b }))).Status));
      expect(statuses).toEqual(buckets.map((_, i) => (i % 2 === 0 ? 'Enabled' : 'Suspended')));
    }
    expect(mismatches).toEqual([]);
  });

  it("sends a command that carries middleware of its own, or options, on a chain of its own; a change to the client's stack lets the old chains go", async () => {
    const tags: Array<string | undefined> = [];
    const handler = bucketHandler([]);
    const answer = handler.handle;
    handler.handle = (request: { hostname: string; path: string; headers?: Record<string, string> }) => {
      tags.push(request.headers?.['x-test-tag']);
      return answer(request);
    };
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: handler, maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const resolved = vi.spyOn(GetBucketVersioningCommand.prototype, 'resolveMiddleware');
    const tagging = (tag: string) =>
      ((next: (args: { request: { headers: Record<string, string> } }) => Promise<unknown>) =>
        (args: { request: { headers: Record<string, string> } }) => {
          args.request.headers['x-test-tag'] = tag;
          return next(args);
        }) as never;
    await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-0' }));
    const own = new GetBucketVersioningCommand({ Bucket: 'bucket-1' });
    own.middlewareStack.add(tagging('own'), { step: 'build', name: 'testOwnTag' });
    await s3.send(own);
    await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-2' }));
    await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-3' }), { requestTimeout: 5000 });
    expect(resolved).toHaveBeenCalledTimes(3);
    s3.middlewareStack.add(tagging('client'), { step: 'build', name: 'testClientTag' });
    await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-4' }));
    expect(resolved).toHaveBeenCalledTimes(4);
    expect(tags).toEqual([undefined, 'own', undefined, undefined, 'client']);
  });

  it('takes back the chain of a call that failed, and the next call through it gets its own answer', async () => {
    const sent: Array<{ hostname: string; path: string }> = [];
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: bucketHandler(sent), maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const resolved = vi.spyOn(GetBucketVersioningCommand.prototype, 'resolveMiddleware');
    await expect(s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-1-denied' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-2' }))).Status).toBe('Enabled');
    expect(resolved).toHaveBeenCalledTimes(1);
    expect(sent.map((r) => r.hostname)).toEqual(['bucket-1-denied.s3.eu-west-1.amazonaws.com', 'bucket-2.s3.eu-west-1.amazonaws.com']);
  });

  it('starts each call from the context as resolved, with itself as the command, whatever the last call wrote there', async () => {
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: bucketHandler([]), maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const seen: Array<{ leftOver: unknown; mark: unknown; own: boolean }> = [];
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        const ctx = context as Record<string, unknown> & { __smithy_context: Record<string, unknown> };
        const bucket = (args.input as { Bucket: string }).Bucket;
        const command = ctx.__smithy_context.commandInstance as { input: { Bucket: string } };
        seen.push({ leftOver: ctx.leftOver, mark: ctx.__smithy_context.mark, own: command.input.Bucket === bucket });
        ctx.leftOver = bucket;
        ctx.__smithy_context.mark = bucket;
        return next(args);
      },
      { step: 'initialize', name: 'testWritesContext' },
    );
    const resolved = vi.spyOn(GetBucketVersioningCommand.prototype, 'resolveMiddleware');
    for (const b of ['bucket-2', 'bucket-3', 'bucket-4']) await s3.send(new GetBucketVersioningCommand({ Bucket: b }));
    expect(resolved).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(Array.from({ length: 3 }, () => ({ leftOver: undefined, mark: undefined, own: true })));
  });

  it('lets its idle chains go when the session is closed; a later call still works, on a chain of its own', async () => {
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: bucketHandler([]), maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const resolved = vi.spyOn(GetBucketVersioningCommand.prototype, 'resolveMiddleware');
    const before = idleChainCount();
    await Promise.all([0, 1, 2].map((i) => s3.send(new GetBucketVersioningCommand({ Bucket: `bucket-${i}` }))));
    expect(idleChainCount()).toBe(before + resolved.mock.calls.length);
    session.close();
    expect(idleChainCount()).toBe(before);
    const calls = resolved.mock.calls.length;
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-4' }))).Status).toBe('Enabled');
    expect(resolved).toHaveBeenCalledTimes(calls + 1);
  });

  it(`keeps at most ${IDLE_CHAINS} idle chains, letting the least recently used go`, async () => {
    const session = new AwsSession({
      homeRegion: 'us-east-1',
      requestHandler: bucketHandler([]),
      maxAttempts: 1,
      // Each endpoint may hold a quarter of the lane's slots.
      callSlots: 4 * (IDLE_CHAINS + 44),
      rateLimits: { s3: { rate: 10_000, burst: 10_000 } },
    });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const resolved = vi.spyOn(GetBucketVersioningCommand.prototype, 'resolveMiddleware');
    const burst = () =>
      Promise.all(Array.from({ length: IDLE_CHAINS + 44 }, (_, i) => s3.send(new GetBucketVersioningCommand({ Bucket: `bucket-${i}` }))));
    await burst();
    expect(resolved).toHaveBeenCalledTimes(IDLE_CHAINS + 44);
    // The second burst finds IDLE_CHAINS chains waiting and resolves only the rest.
    await burst();
    expect(resolved).toHaveBeenCalledTimes(IDLE_CHAINS + 44 + 44);
  });

  it('sends through a stubbed send (aws-sdk-client-mock) rather than the pool', async () => {
    const session = new AwsSession({ homeRegion: 'us-east-1', requestHandler: bucketHandler([]), maxAttempts: 1 });
    const s3 = session.withScope(scope).s3('eu-west-1');
    const proto = Object.getPrototypeOf(Object.getPrototypeOf(s3)) as { send: (...args: unknown[]) => Promise<unknown> };
    const stub = vi.spyOn(proto, 'send').mockResolvedValue({ Status: 'Stubbed' });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'bucket-3' }))).Status).toBe('Stubbed');
    expect(stub).toHaveBeenCalledTimes(1);
  });
});
