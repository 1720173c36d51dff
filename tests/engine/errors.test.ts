/**
 * What the engine makes of whatever a check or loader throws: an ERROR finding that names the call
 * and the error code, a partial run, and the scan going on. The HTTP answers come from a stand-in
 * request handler below the real SDK stack (parsing, retries), so nothing reaches the network.
 */
import { describe, expect, it } from 'vitest';
import rdsNotPublic from '../../checks/container/rds-instance-not-public.js';
import { describeError, errorSentence } from '../../src/aws/errors.js';
import { LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import { defineCheck, type AnyCheck } from '../../src/engine/check.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runChecks } from '../../src/engine/runner.js';
import { offlineCredentials, standInHandler, type StandInAnswer } from '../helpers/http-stand-in.js';

type Answer = StandInAnswer;
const handler = (answer: Answer) => standInHandler(() => answer);
offlineCredentials();

async function scanWith(answer: Answer, checks: AnyCheck[] = [rdsNotPublic]) {
  const session = new AwsSession({ homeRegion: 'us-east-1', maxAttempts: 1, requestHandler: handler(answer) });
  return runChecks(
    { checks, regions: ['us-east-1', 'eu-west-1'], concurrency: 2, options: resolveOptions(), now: new Date() },
    new LoaderCache(session, '123456789012', 'aws'),
  );
}

const xmlError = (code: string, message: string) =>
  `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
const dnsFailure = Object.assign(new Error('getaddrinfo ENOTFOUND rds.ap-east-2.amazonaws.com'), {
  code: 'ENOTFOUND',
  syscall: 'getaddrinfo',
});

describe('a failed AWS call becomes an ERROR naming the call and the code, for every region', () => {
  it.each<[string, Answer, string, string, RegExp]>([
    [
      'AccessDenied',
      { status: 403, body: xmlError('AccessDenied', 'User is not authorized') },
      'AccessDenied',
      'access-denied',
      /grant the action/,
    ],
    [
      'throttling after retries',
      { status: 400, body: xmlError('Throttling', 'Rate exceeded') },
      'Throttling',
      'throttled',
      /throttled after retries/,
    ],
    [
      'InvalidAction (an emulator without the call)',
      { status: 400, body: xmlError('InvalidAction', 'not supported') },
      'InvalidAction',
      'unsupported',
      /does not implement/,
    ],
    [
      "LocalStack's InternalFailure with 501",
      { status: 501, body: xmlError('InternalFailure', 'not yet implemented') },
      'InternalFailure',
      'unsupported',
      /does not implement/,
    ],
    [
      'an HTML 501 page',
      { status: 501, body: '<html><body>Not Implemented</body></html>', type: 'text/html' },
      'HTTP501',
      'unsupported',
      /does not implement/,
    ],
    ['an empty 403', { status: 403, body: '' }, 'HTTP403', 'access-denied', /grant the action/],
    ['an empty 500', { status: 500, body: '' }, 'HTTP500', 'aws', /not a readable AWS response/],
    [
      'a JSON body where XML belongs',
      { status: 400, body: '{"__type":"UnknownOperationException"}', type: 'application/json' },
      'HTTP400',
      'aws',
      /XML parse error/,
    ],
    [
      'a region that has not been enabled',
      { status: 403, body: xmlError('InvalidClientTokenId', 'The security token included in the request is invalid') },
      'InvalidClientTokenId',
      'not-enabled',
      /region enabled/,
    ],
    [
      'an endpoint that does not exist (service not offered in the region)',
      dnsFailure,
      'ENOTFOUND',
      'aws',
      /service may not be offered in this region/,
    ],
  ])('%s', async (_name, answer, code, kind, hint) => {
    const { findings, errors } = await scanWith(answer);
    expect(findings.map((f) => [f.region, f.status, f.resource.type])).toEqual([
      ['eu-west-1', 'ERROR', 'AWS::::Region'],
      ['us-east-1', 'ERROR', 'AWS::::Region'],
    ]);
    expect(errors).toHaveLength(2);
    for (const e of errors) expect(e).toMatchObject({ action: 'rds:DescribeDBInstances', code, kind });
    expect(findings[0]!.message).toMatch(new RegExp(`^Could not evaluate: rds:DescribeDBInstances failed: ${code}: `));
    expect(findings[0]!.message).toMatch(hint);
    expect(findings[0]!.message).not.toMatch(/\n|Unknown: Unknown/);
  });

  it('an HTML page with status 200 is an ERROR, not an account without databases', async () => {
    const { findings, errors } = await scanWith({ status: 200, body: '<html><body>Welcome</body></html>', type: 'text/html' });
    expect(findings.map((f) => f.status)).toEqual(['ERROR', 'ERROR']);
    expect(errors[0]).toMatchObject({ action: 'rds:DescribeDBInstances', code: 'MalformedResponse', kind: 'aws' });
  });
});

describe('describeError never throws, whatever was thrown', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'boom'],
    ['a number', 42],
    ['an object without a prototype', Object.create(null)],
    [
      'an object whose name getter throws',
      Object.defineProperty({}, 'name', {
        get: () => {
          throw new Error('getter');
        },
      }),
    ],
  ])('%s', (_name, thrown) => {
    const info = describeError(thrown);
    expect(typeof info.code).toBe('string');
    expect(typeof info.message).toBe('string');
    expect(errorSentence(info)).toMatch(/^the check failed: /);
  });

  it('keeps AWS InternalFailure (HTTP 500) apart from an unimplemented call', () => {
    const aws500 = Object.assign(new Error('We encountered an internal error'), {
      name: 'InternalFailure',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    expect(describeError(aws500).kind).toBe('aws');
  });
});

describe('the engine survives any throw', () => {
  const meta = {
    title: 't',
    risk: 'r',
    category: 'container',
    responsibility: 'backup',
    service: 'rds',
    scope: 'regional',
    severity: 'low',
    compliance: {},
    remediation: 'fix',
  } as const;
  const weird = defineCheck({
    ...meta,
    id: 'weird',
    loaders: {},
    async run() {
      throw Object.create(null);
    },
  });

  it('a check throwing an object with no prototype is an ERROR and the other checks still run', async () => {
    const { findings, errors } = await scanWith(
      {
        status: 200,
        body: '<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult></DescribeDBInstancesResponse>',
      },
      [weird, rdsNotPublic],
    );
    expect(findings.filter((f) => f.checkId === 'weird').map((f) => f.status)).toEqual(['ERROR', 'ERROR']);
    expect(errors.filter((e) => e.checkId === 'weird')).toHaveLength(2);
    expect(errors.filter((e) => e.checkId === 'rds-instance-not-public')).toHaveLength(0);
  });
});
