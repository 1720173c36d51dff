/**
 * An HTTP handler standing in for AWS below the real SDK stack (signing, retries, parsing), so
 * tests see what the SDK makes of a given body; nothing reaches the network.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { credentialReportPolling } from '../../src/aws/loaders/iam.js';

export type StandInAnswer = { status: number; body: string; type?: string } | Error;

export interface StandInRequest {
  method: string;
  path: string;
  hostname: string;
  query?: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
}

/** Answers each request with what `answer` gives for it (or throws it, as a DNS failure does). */
export function standInHandler(answer: (request: StandInRequest) => StandInAnswer) {
  return {
    async handle(request: StandInRequest) {
      const a = answer(request);
      if (a instanceof Error) throw a;
      return {
        response: { statusCode: a.status, headers: { 'content-type': a.type ?? 'text/xml' }, body: Readable.from([Buffer.from(a.body)]) },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}

/**
 * For the file's tests: credentials to sign with (they never leave the process: the handler
 * answers), no instance metadata, and no waiting between credential-report polls.
 */
export function offlineCredentials(): void {
  const saved = { ...process.env };
  const savedPolling = { ...credentialReportPolling };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    credentialReportPolling.sleep = () => Promise.resolve();
  });
  afterAll(() => {
    process.env = saved;
    Object.assign(credentialReportPolling, savedPolling);
  });
}
