import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoaderCache } from '../../src/aws/loader.js';
import { accountPublicAccessBlock } from '../../src/aws/loaders/s3.js';
import { AwsSession } from '../../src/aws/session.js';

interface SentRequest {
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
}

/** A stand-in HTTP handler: records where each request would go and answers like S3 Control. */
function capturingHandler(sent: SentRequest[]) {
  return {
    handle: async (request: SentRequest) => {
      sent.push(request);
      const body =
        '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls></PublicAccessBlockConfiguration>';
      return { response: { statusCode: 200, headers: { 'content-type': 'application/xml' }, body: Buffer.from(body) } };
    },
  };
}

afterEach(() => vi.unstubAllEnvs());

describe('S3 Control behind a custom endpoint', () => {
  it.each(['http://127.0.0.1:4566', 'http://localhost:4566'])(
    'sends GetPublicAccessBlock to %s itself, not to {account}.host, with the account id in its header',
    async (endpointUrl) => {
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
      const sent: SentRequest[] = [];
      const session = new AwsSession({ homeRegion: 'eu-west-1', endpointUrl, maxAttempts: 1, requestHandler: capturingHandler(sent) });
      const config = await new LoaderCache(session, '123456789012', 'aws').load(accountPublicAccessBlock);
      const url = new URL(endpointUrl);
      expect(sent.map((r) => [r.hostname, r.port, r.path])).toEqual([
        [url.hostname, Number(url.port), '/v20180820/configuration/publicAccessBlock'],
      ]);
      expect(sent[0]!.headers['x-amz-account-id']).toBe('123456789012');
      expect(config).toMatchObject({ BlockPublicAcls: true, IgnorePublicAcls: true });
      expect(session.calls.byOperation()).toEqual({ 's3:GetAccountPublicAccessBlock': 1 });
    },
  );

  it('without a custom endpoint, AWS endpoint rules apply ({account}.s3-control.{region}.amazonaws.com)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    const sent: SentRequest[] = [];
    const session = new AwsSession({ homeRegion: 'eu-west-1', maxAttempts: 1, requestHandler: capturingHandler(sent) });
    await new LoaderCache(session, '123456789012', 'aws').load(accountPublicAccessBlock);
    expect(sent[0]!.hostname).toBe('123456789012.s3-control.eu-west-1.amazonaws.com');
  });
});
