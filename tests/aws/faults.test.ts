/**
 * The seam against misbehaving endpoints, through the SDK's real Node HTTP handler and a real
 * local server: a call that is never answered, an answer too large to read, an answer that is
 * not AWS's, and the retry, socket and credential settings a scan runs with.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerTooLarge, notTheDocument, xmlRoot } from '../../src/aws/answer.js';
import { describeError, errorSentence } from '../../src/aws/errors.js';
import { LoaderCache } from '../../src/aws/loader.js';
import { securityGroups, vpcs } from '../../src/aws/loaders/ec2.js';
import { callerIdentity } from '../../src/aws/loaders/sts.js';
import { AwsSession, httpHandlerOptions, type SessionOptions } from '../../src/aws/session.js';
import { neverAnswer, reply, startServer, type MisbehavingServer } from '../helpers/misbehaving-server.js';

const EMPTY_GROUPS =
  '<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>';
const FAST = { default: { rate: 10_000, burst: 10_000 } };

let server: MisbehavingServer | undefined;
beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATESTTESTTESTTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '');
  vi.stubEnv('AWS_RETRY_MODE', '');
  // No profile file of the machine's own may decide the retries.
  vi.stubEnv('AWS_CONFIG_FILE', join(tmpdir(), 'srm-audit-no-such-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tmpdir(), 'srm-audit-no-such-credentials'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

const sessionAt = (url: string, options: Partial<SessionOptions> = {}): AwsSession =>
  new AwsSession({ homeRegion: 'us-east-1', endpointUrl: url, rateLimits: FAST, ...options });

describe('every call has a deadline', () => {
  it('a call never answered is an error naming the call and saying it timed out, after its attempts', async () => {
    server = await startServer(neverAnswer);
    const session = sessionAt(server.url, { requestTimeoutSeconds: 0.3, maxAttempts: 2, retryMode: 'standard' });
    const error = await new LoaderCache(session, '1', 'aws').load(securityGroups, 'eu-west-1').catch((e: unknown) => e);
    const info = describeError(error);
    expect(info).toMatchObject({ action: 'ec2:DescribeSecurityGroups', kind: 'timed-out' });
    expect(errorSentence(info)).toMatch(/^ec2:DescribeSecurityGroups timed out: no answer within 0\.3 s on each of 2 attempts/);
    expect(server.requests.map((r) => r.action)).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroups']);
  });

  it('an endpoint that timed out is not asked again: the next call fails at once, so the run stays bounded', async () => {
    server = await startServer(neverAnswer);
    const session = sessionAt(server.url, { requestTimeoutSeconds: 0.3, maxAttempts: 1 });
    const cache = new LoaderCache(session, '1', 'aws');
    await expect(cache.load(securityGroups, 'eu-west-1')).rejects.toThrow(/no answer within 0\.3 s/);
    const next = await cache.load(vpcs, 'eu-west-1').catch((e: unknown) => e);
    expect(describeError(next)).toMatchObject({ action: 'ec2:DescribeVpcs', kind: 'timed-out' });
    expect(errorSentence(describeError(next))).toMatch(
      /^ec2:DescribeVpcs timed out: not sent: ec2:DescribeSecurityGroups to the same endpoint got no answer within 0\.3 s on its one attempt$/,
    );
    // Another region is another endpoint, asked as usual.
    await expect(cache.load(vpcs, 'us-west-2')).rejects.toThrow(/no answer within/);
    expect(server.requests.map((r) => r.action)).toEqual(['DescribeSecurityGroups', 'DescribeVpcs']);
  });

  it('a first call (the caller identity) that times out is a timed-out error naming sts:GetCallerIdentity', async () => {
    server = await startServer(neverAnswer);
    const session = sessionAt(server.url, { requestTimeoutSeconds: 0.3, maxAttempts: 1 });
    const error = await new LoaderCache(session, '', 'aws').load(callerIdentity).catch((e: unknown) => e);
    expect(describeError(error)).toMatchObject({ action: 'sts:GetCallerIdentity', kind: 'timed-out' });
  });
});

describe('answers are read up to a cap', () => {
  it('stops reading an endless answer at the cap: an error naming the call, and the transfer is cut', async () => {
    let written = 0;
    server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      // 200 MiB in 64 KiB pieces, made as they are sent (the test process never holds them).
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const total = 200 * 1024 * 1024;
      const pump = (): void => {
        while (written < total) {
          written += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.write('<DescribeSecurityGroupsResponse>');
      res.on('error', () => undefined);
      pump();
    });
    const session = sessionAt(server.url, { maxAnswerBytes: 1024 * 1024, maxAttempts: 3 });
    const error = await new LoaderCache(session, '1', 'aws').load(securityGroups, 'eu-west-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLarge);
    expect(describeError(error)).toMatchObject({ action: 'ec2:DescribeSecurityGroups', code: 'AnswerTooLarge' });
    expect(errorSentence(describeError(error))).toMatch(/ec2:DescribeSecurityGroups failed: AnswerTooLarge: the answer exceeded 1 MiB/);
    // Not retried (it would be as large again), and far from all of it was sent.
    expect(server.requests).toHaveLength(1);
    expect(written).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('an answer that is not the operation’s document is no answer', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Welcome to nginx</body></html>', 'text/html'],
    ['an empty body', '', 'text/xml'],
    ['another operation’s document', '<DescribeVpcsResponse><vpcSet/></DescribeVpcsResponse>', 'text/xml'],
    ['JSON', '{"SecurityGroups":[]}', 'application/json'],
  ])('a 200 carrying %s is an error naming the call, never an empty listing', async (_what, body, type) => {
    server = await startServer(reply(200, body, type));
    const session = sessionAt(server.url, { maxAttempts: 1 });
    const error = await new LoaderCache(session, '1', 'aws').load(securityGroups, 'eu-west-1').catch((e: unknown) => e);
    expect(describeError(error)).toMatchObject({ action: 'ec2:DescribeSecurityGroups', code: 'MalformedResponse' });
  });

  it('the operation’s own document is read as before', async () => {
    server = await startServer(reply(200, `<?xml version="1.0" encoding="UTF-8"?>\n${EMPTY_GROUPS}`));
    expect(await new LoaderCache(sessionAt(server.url), '1', 'aws').load(securityGroups, 'eu-west-1')).toEqual([]);
  });

  it.each([
    ['aws.protocols#awsQuery', 'GetCallerIdentity', '<GetCallerIdentityResponse/>', undefined],
    ['aws.protocols#awsQuery', 'GetCallerIdentity', '<html><body>hi</body></html>', /HTML page/],
    ['aws.protocols#awsJson1_1', 'ListKeys', '{"Keys":[]}', undefined],
    ['aws.protocols#awsJson1_1', 'ListKeys', '', /empty/],
    ['aws.protocols#awsJson1_0', 'ListTables', '<ListTablesResponse/>', /not a JSON object/],
    ['aws.protocols#restJson1', 'ListFunctions', '', undefined],
    ['aws.protocols#restJson1', 'ListFunctions', 'Service Unavailable', /not a JSON document/],
    ['aws.protocols#restXml', 'GetBucketPolicy', '{"Version":"2012-10-17"}', undefined],
    ['aws.protocols#restXml', 'GetPublicAccessBlock', '\uFEFF  <!doctype HTML><p>login</p>', /HTML page/],
  ])('%s %s: %j', (protocol, operation, body, why) => {
    const verdict = notTheDocument(protocol, operation, body);
    if (why === undefined) expect(verdict).toBeUndefined();
    else expect(verdict).toMatch(why);
  });

  it('finds the root element behind a declaration, a comment and a namespace prefix', () => {
    expect(xmlRoot('<?xml version="1.0"?>\n<!-- x --><s3:LocationConstraint xmlns:s3="…">EU</s3:LocationConstraint>')).toBe(
      'LocationConstraint',
    );
    expect(xmlRoot('not xml')).toBeUndefined();
  });
});

describe('retries follow the AWS conventions', () => {
  const failing = () => reply(500, '<Response><Errors><Error><Code>InternalError</Code></Error></Errors></Response>');
  const attemptsMade = async (options: Partial<SessionOptions> = {}): Promise<number> => {
    server = await startServer(failing());
    await new LoaderCache(sessionAt(server.url, { retryMode: 'standard', ...options }), '1', 'aws')
      .load(securityGroups, 'eu-west-1')
      .catch(() => undefined);
    return server.requests.length;
  };

  it('AWS_MAX_ATTEMPTS sets the attempts per call', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
    expect(await attemptsMade()).toBe(2);
  });

  it("the profile's max_attempts sets them when the environment does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-audit-retry-'));
    writeFileSync(join(dir, 'config'), '[profile audit]\nregion = eu-west-1\nmax_attempts = 3\n');
    writeFileSync(join(dir, 'credentials'), '[audit]\naws_access_key_id = AKIATESTTESTTESTTEST\naws_secret_access_key = s\n');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    expect(await attemptsMade({ profile: 'audit' })).toBe(3);
  });

  it('AWS_RETRY_MODE and the default of 8 adaptive attempts', async () => {
    vi.stubEnv('AWS_RETRY_MODE', 'standard');
    const session = new AwsSession({ homeRegion: 'us-east-1' });
    const config = session.ec2('eu-west-1').config as unknown as { maxAttempts: () => Promise<number>; retryMode: () => Promise<string> };
    expect(await config.maxAttempts()).toBe(8);
    expect(await config.retryMode()).toBe('standard');
    vi.stubEnv('AWS_RETRY_MODE', '');
    const plain = new AwsSession({ homeRegion: 'us-east-1' }).ec2('eu-west-1').config as unknown as typeof config;
    expect(await plain.retryMode()).toBe('adaptive');
  });
});

describe('the HTTP agent', () => {
  it('keeps as many sockets per host as the scan runs tasks, so calls are not queued behind 50', () => {
    expect(httpHandlerOptions(30, 256).httpsAgent.maxSockets).toBe(256);
    expect(httpHandlerOptions(30, 4).httpsAgent.maxSockets).toBe(50);
    expect(httpHandlerOptions(3, 4)).toMatchObject({ connectionTimeout: 3000, requestTimeout: 3000, throwOnRequestTimeout: true });
  });

  it('sends 120 calls to one host at once with --max-calls 128 (the SDK default agent holds 70 back)', async () => {
    const held: Array<() => void> = [];
    server = await startServer((_request, res) => {
      held.push(() => reply(200, EMPTY_GROUPS)(_request, res));
      // Answered only once all 120 are in flight at the same time.
      if (held.length === 120) held.forEach((answer) => answer());
    });
    const session = sessionAt(server.url, { callSlots: 128, maxAttempts: 1, requestTimeoutSeconds: 20 });
    const cache = new LoaderCache(session, '1', 'aws');
    // Four regions (one endpoint holds at most a quarter of the lane), all on the one host.
    const regions = ['eu-west-1', 'us-east-1', 'ap-south-1', 'us-west-2'];
    const loads = Array.from({ length: 120 }, (_, i) => cache.load({ ...securityGroups, id: `sg-${i}` }, regions[i % 4]!));
    expect(await Promise.all(loads)).toHaveLength(120);
  });

  it('goes on reading the other regions while one region never answers (it holds at most a quarter of --max-calls)', async () => {
    server = await startServer((request, res) => {
      // ap-south-1 accepts the connection and never answers; the others answer at once.
      if (String(request.headers.authorization).includes('/ap-south-1/')) return;
      reply(200, EMPTY_GROUPS)(request, res);
    });
    const session = sessionAt(server.url, { callSlots: 8, maxAttempts: 1, requestTimeoutSeconds: 20 });
    const cache = new LoaderCache(session, '1', 'aws');
    // The silent region's reads are asked for first, twice as many as the lane has slots.
    const silent = Array.from({ length: 16 }, (_, i) => cache.load({ ...securityGroups, id: `silent-${i}` }, 'ap-south-1'));
    silent.forEach((p) => p.catch(() => undefined));
    const others = Array.from({ length: 24 }, (_, i) =>
      cache.load({ ...securityGroups, id: `other-${i}` }, ['eu-west-1', 'us-east-1', 'us-west-2'][i % 3]!),
    );
    expect(await Promise.all(others)).toHaveLength(24);
    // Every other read answered while the silent region's calls held 2 of the 8 slots, long
    // before its 20 s deadline (or the lane's lending after 2 s) could free any.
    const silentSent = server.requests.filter((r) => String(r.headers.authorization).includes('/ap-south-1/'));
    expect(silentSent).toHaveLength(2);
    await server.close();
    server = undefined;
  });

  it('keeps no endpoint more calls in flight than its share of --max-calls, whatever the checks ask for at once', async () => {
    const open = new Map<string, number>();
    const most = new Map<string, number>();
    let total = 0;
    let mostTotal = 0;
    server = await startServer((request, res) => {
      const region = /\/([a-z]+-[a-z]+-\d)\//.exec(String(request.headers.authorization))![1]!;
      open.set(region, (open.get(region) ?? 0) + 1);
      most.set(region, Math.max(most.get(region) ?? 0, open.get(region)!));
      mostTotal = Math.max(mostTotal, ++total);
      setTimeout(() => {
        open.set(region, open.get(region)! - 1);
        total--;
        reply(200, EMPTY_GROUPS)(request, res);
      }, 20);
    });
    const session = sessionAt(server.url, { concurrency: 256, callSlots: 8, maxAttempts: 1 });
    const cache = new LoaderCache(session, '1', 'aws');
    // Five regions: no one endpoint may hold more than a quarter of the slots (2 of 8). A call on
    // the wire gives its slot to the next call (it waits on the network, not the core), but
    // counts towards its endpoint's share until answered.
    const regions = ['eu-west-1', 'us-east-1', 'ap-south-1', 'us-west-2', 'eu-central-1'];
    const loads = Array.from({ length: 60 }, (_, i) => cache.load({ ...securityGroups, id: `sg-${i}` }, regions[i % regions.length]!));
    expect(await Promise.all(loads)).toHaveLength(60);
    for (const region of regions) expect(most.get(region), region).toBeLessThanOrEqual(2);
    // More than the 8 slots were on the network at once (the lane held them until the answer before).
    expect(mostTotal).toBeGreaterThan(8);
    expect(mostTotal).toBeLessThanOrEqual(10);
  });

  it('lets no more calls than --max-calls be built and signed at once, however many are on the network', async () => {
    server = await startServer((request, res) => setTimeout(() => reply(200, EMPTY_GROUPS)(request, res), 20));
    const session = sessionAt(server.url, { concurrency: 256, callSlots: 4, maxAttempts: 1 });
    const regions = ['eu-west-1', 'us-east-1', 'ap-south-1', 'us-west-2', 'eu-central-1'];
    // A slow step before signing: calls inside it hold their slots.
    let inside = 0;
    let mostInside = 0;
    for (const region of regions) {
      session.ec2(region).middlewareStack.add(
        (next) => async (args) => {
          mostInside = Math.max(mostInside, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside--;
          return next(args);
        },
        { step: 'build', name: 'slowBuild' },
      );
    }
    const cache = new LoaderCache(session, '1', 'aws');
    const loads = Array.from({ length: 40 }, (_, i) => cache.load({ ...securityGroups, id: `sg-${i}` }, regions[i % regions.length]!));
    expect(await Promise.all(loads)).toHaveLength(40);
    expect(mostInside).toBe(4);
  });
});

describe('credential calls are counted', () => {
  it('a role profile assumes its role once per session, and sts:AssumeRole is in the call counts', async () => {
    const assumed = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
      <AccessKeyId>ASIATESTTESTTESTTEST</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>
      <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/audit/x</Arn>
      <AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`;
    const identity = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
      <Arn>arn:aws:sts::123456789012:assumed-role/audit/x</Arn><UserId>AROA:x</UserId><Account>123456789012</Account>
      </GetCallerIdentityResult></GetCallerIdentityResponse>`;
    server = await startServer((request, res) => {
      if (request.action === 'AssumeRole') return reply(200, assumed)(request, res);
      if (request.action === 'GetCallerIdentity') return reply(200, identity)(request, res);
      return reply(200, EMPTY_GROUPS)(request, res);
    });
    const dir = mkdtempSync(join(tmpdir(), 'srm-audit-role-'));
    writeFileSync(
      join(dir, 'config'),
      '[profile audit]\nrole_arn = arn:aws:iam::123456789012:role/audit\nsource_profile = base\nregion = us-east-1\n',
    );
    writeFileSync(join(dir, 'credentials'), '[base]\naws_access_key_id = AKIABASEBASEBASEBASE\naws_secret_access_key = s\n');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    const session = sessionAt(server.url, { profile: 'audit', maxAttempts: 1 });
    const cache = new LoaderCache(session, '1', 'aws');
    expect((await cache.load(callerIdentity)).accountId).toBe('123456789012');
    await cache.load(securityGroups, 'eu-west-1');
    await cache.load(securityGroups, 'us-west-2');
    expect(session.calls.byOperation()).toEqual({
      'ec2:DescribeSecurityGroups': 2,
      'sts:AssumeRole': 1,
      'sts:GetCallerIdentity': 1,
    });
    // The calls after it were signed with the role's keys.
    expect(
      server.requests.filter((r) => r.action !== 'AssumeRole').every((r) => String(r.headers.authorization).includes('ASIATEST')),
    ).toBe(true);
  });
});
