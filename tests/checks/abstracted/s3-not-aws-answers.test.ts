/**
 * S3 answers that are not S3's documents, served by a real local server through the SDK's real
 * stack: they are ERRORs naming the call, never a region, a PASS or a FAIL read from nothing.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoaderCache } from '../../../src/aws/loader.js';
import { buckets } from '../../../src/aws/loaders/s3.js';
import { AwsSession } from '../../../src/aws/session.js';
import type { AnyCheck } from '../../../src/engine/check.js';
import { resolveOptions } from '../../../src/engine/options.js';
import { runChecks, type ScanOutcome } from '../../../src/engine/runner.js';
import s3BucketNoPublicRead from '../../../checks/abstracted/s3-bucket-no-public-read.js';
import s3BucketPublicAccessBlock from '../../../checks/abstracted/s3-bucket-public-access-block.js';
import s3DataResidency from '../../../checks/abstracted/s3-data-residency.js';
import { startServer, type MisbehavingServer, type SeenRequest } from '../../helpers/misbehaving-server.js';

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const HTML = '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Captive portal</body></html>';
const xml = (body: string) => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
type Answer = { status: number; body: string; type?: string; headers?: Record<string, string> };

/** One bucket "b", listed without BucketRegion; `answers` overrides S3's answer to a subresource. */
function s3Server(answers: Record<string, Answer>) {
  const defaults: Record<string, Answer> = {
    list: xml(
      `<ListAllMyBucketsResult ${NS}><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>b</Name></Bucket></Buckets></ListAllMyBucketsResult>`,
    ),
    location: xml(`<LocationConstraint ${NS}>eu-west-1</LocationConstraint>`),
    publicAccessBlock: xml(
      `<PublicAccessBlockConfiguration ${NS}><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
    ),
    accountPublicAccessBlock: {
      status: 404,
      body: `<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>none</Message></Error>`,
    },
    policy: { status: 200, body: JSON.stringify({ Version: '2012-10-17', Statement: [] }), type: 'application/json' },
    policyStatus: xml(`<PolicyStatus ${NS}><IsPublic>false</IsPublic></PolicyStatus>`),
    ownershipControls: xml(
      `<OwnershipControls ${NS}><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`,
    ),
  };
  const pick = (request: SeenRequest): string => {
    if (request.url.includes('/configuration/publicAccessBlock')) return 'accountPublicAccessBlock';
    const query = request.url.split('?')[1] ?? '';
    const key = query.split(/[&=]/)[0] ?? '';
    return key === 'max-buckets' || key === 'x-id' || request.url === '/' ? 'list' : key;
  };
  return (request: SeenRequest, res: ServerResponse) => {
    const key = pick(request);
    const a = answers[key] ?? defaults[key] ?? { status: 501, body: `<Error><Code>NotImplemented</Code><Message>${key}</Message></Error>` };
    res.writeHead(a.status, { 'content-type': a.type ?? (a.body.startsWith('<!DOCTYPE') ? 'text/html' : 'application/xml'), ...a.headers });
    res.end(a.body);
  };
}

let server: MisbehavingServer | undefined;
beforeEach(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATESTTESTTESTTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function scanWith(answers: Record<string, Answer>, checks: AnyCheck[], allowedRegions: string[] = []): Promise<ScanOutcome> {
  server = await startServer(s3Server(answers));
  const session = new AwsSession({ homeRegion: 'us-east-1', endpointUrl: server.url, maxAttempts: 1 });
  const cache = new LoaderCache(session, '123456789012', 'aws');
  return runChecks(
    { checks, regions: ['us-east-1', 'eu-west-1'], concurrency: 2, options: resolveOptions({ allowedRegions }), now: new Date() },
    cache,
  );
}

describe('GetBucketLocation', () => {
  it.each([
    ['an HTML page', { status: 200, body: HTML }, /s3:GetBucketLocation returned an unusable answer: the body was an HTML page/],
    ['an empty body', { status: 200, body: '' }, /s3:GetBucketLocation returned an unusable answer: it was empty/],
    ['another document', xml(`<VersioningConfiguration ${NS}/>`), /it was a <VersioningConfiguration> document, not a LocationConstraint/],
    [
      'a region its x-amz-bucket-region header contradicts',
      { ...xml(`<LocationConstraint ${NS}/>`), headers: { 'x-amz-bucket-region': 'eu-west-1' } },
      /LocationConstraint says us-east-1 but its x-amz-bucket-region header says eu-west-1/,
    ],
    ['a LocationConstraint that is no region', xml(`<LocationConstraint ${NS}>&lt;b&gt;</LocationConstraint>`), /is not a region name/],
  ])('answered with %s: the residency check reports ERROR, never PASS as us-east-1', async (_what, location, message) => {
    const { findings, errors } = await scanWith({ location }, [s3DataResidency], ['us-east-1']);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['b', 'ERROR']]);
    expect(findings[0]!.message).toMatch(message);
    expect(errors.map((e) => e.action)).toEqual(['s3:GetBucketLocation']);
  });

  it('an empty LocationConstraint element is us-east-1, and an agreeing header is accepted', async () => {
    const location = { ...xml(`<LocationConstraint ${NS}/>`), headers: { 'x-amz-bucket-region': 'us-east-1' } };
    const { findings } = await scanWith({ location }, [s3DataResidency], ['us-east-1']);
    expect(findings.map((f) => [f.resource.id, f.region, f.status])).toEqual([['b', 'us-east-1', 'PASS']]);
  });

  it("ListBuckets' BucketRegion is used when present: no GetBucketLocation is sent", async () => {
    const list = xml(
      `<ListAllMyBucketsResult ${NS}><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>b</Name><BucketRegion>eu-west-1</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>`,
    );
    const { findings } = await scanWith({ list, location: { status: 200, body: HTML } }, [s3DataResidency], ['us-east-1']);
    expect(findings.map((f) => [f.resource.id, f.region, f.status])).toEqual([['b', 'eu-west-1', 'FAIL']]);
    expect(server!.requests.some((r) => r.url.includes('location'))).toBe(false);
  });
});

describe('other S3 answers that are not S3’s', () => {
  it('GetPublicAccessBlock answered with an HTML 200 is an ERROR naming the call, not "all four flags off"', async () => {
    const { findings } = await scanWith({ publicAccessBlock: { status: 200, body: HTML } }, [s3BucketPublicAccessBlock]);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['b', 'ERROR']]);
    expect(findings[0]!.message).toMatch(/s3:GetBucketPublicAccessBlock returned an unusable answer: the body was an HTML page/);
  });

  it.each([
    ['text that is not JSON', 'Service unavailable, try later', /its Policy was not a JSON document/],
    ['JSON that is not a policy', '["a"]', /not a policy document/],
  ])('a bucket policy answered with %s is an ERROR naming s3:GetBucketPolicy, not an internal error', async (_what, body, message) => {
    const { findings, errors } = await scanWith({ policy: { status: 200, body, type: 'application/json' } }, [s3BucketNoPublicRead]);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['b', 'ERROR']]);
    expect(findings[0]!.message).toMatch(message);
    expect(errors).toMatchObject([{ action: 's3:GetBucketPolicy', code: 'MalformedResponse', kind: 'aws' }]);
  });

  it('a denied GetBucketPolicyStatus keeps the verdict but is listed in run.errors (a partial run)', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    });
    const denied = { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' };
    const { findings, errors } = await scanWith({ policy: { status: 200, body: policy }, policyStatus: denied }, [s3BucketNoPublicRead]);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([['b', 'PASS']]);
    expect(errors).toMatchObject([
      { checkId: 's3-bucket-no-public-read', resourceId: 'b', action: 's3:GetBucketPolicyStatus', kind: 'access-denied' },
    ]);
  });

  it('the buckets loader keeps a bucket whose location is unusable, with its error', async () => {
    server = await startServer(s3Server({ location: { status: 200, body: HTML } }));
    const session = new AwsSession({ homeRegion: 'us-east-1', endpointUrl: server.url, maxAttempts: 1 });
    const [bucket] = await new LoaderCache(session, '1', 'aws').load(buckets);
    expect(bucket!.name).toBe('b');
    expect(bucket!.region).toBeUndefined();
    expect(String(bucket!.regionError)).toMatch(/HTML page/);
  });
});
