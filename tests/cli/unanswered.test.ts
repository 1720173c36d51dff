/**
 * The real binary against an endpoint that accepts connections and never answers: the run is
 * bounded by the request timeout, says which call timed out, and still writes its reports when
 * only the first call was answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/model.js';
import { runBinAsync, tempDir } from '../helpers/cli.js';
import { neverAnswer, reply, startServer, type MisbehavingServer } from '../helpers/misbehaving-server.js';

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST', AWS_SECRET_ACCESS_KEY: 'test-secret', AWS_MAX_ATTEMPTS: '2' };
const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
  <Arn>arn:aws:iam::123456789012:user/audit</Arn><UserId>AIDA</UserId><Account>123456789012</Account>
  </GetCallerIdentityResult></GetCallerIdentityResponse>`;

let server: MisbehavingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a server that never answers', () => {
  it('the first call timing out exits 2 with one line naming sts:GetCallerIdentity', async () => {
    server = await startServer(neverAnswer);
    const out = tempDir();
    const run = await runBinAsync(
      ['scan', '--endpoint-url', server.url, '--regions', 'us-east-1', '--request-timeout', '1', '--output-dir', out],
      { ...KEYS, AWS_REGION: 'us-east-1' },
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^srm-audit: sts:GetCallerIdentity at http:\/\/127\.0\.0\.1:\d+ timed out: no answer within 1 s on each of 2 attempts/,
      ),
    ]);
    expect(server.requests.map((r) => r.action)).toEqual(['GetCallerIdentity', 'GetCallerIdentity']);
  });

  it('every call after the identity hanging: exit 3, ERRORs saying which call timed out, and the reports are written', async () => {
    server = await startServer((request, res) => (request.action === 'GetCallerIdentity' ? reply(200, IDENTITY)(request, res) : undefined));
    const out = tempDir();
    const run = await runBinAsync(
      [
        'scan',
        '--endpoint-url',
        server.url,
        '--regions',
        'us-east-1',
        '--checks',
        'ec2-sg-admin-ports-open,ec2-vpc-flow-logs-enabled,iam-root-mfa-enabled',
        '--request-timeout',
        '1',
        '--fail-on',
        'none',
        '--format',
        'json',
        '--output-dir',
        out,
      ],
      { ...KEYS, AWS_REGION: 'us-east-1' },
    );
    expect(run.code).toBe(3);
    const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ReportDocument;
    expect(report.run.partial).toBe(true);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.status === 'ERROR' && /timed out/.test(f.message))).toBe(true);
    expect(report.run.errors.every((e) => e.kind === 'timed-out')).toBe(true);
    expect(report.findings.map((f) => f.message).join('\n')).toMatch(
      /ec2:Describe\w+ timed out: not sent: ec2:DescribeRegions to the same endpoint got no answer within 1 s on each of 2 attempts/,
    );
    // Bounded: each endpoint (EC2, IAM in us-east-1) was waited for once, its later calls not sent.
    const perAction = server.requests.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.action ?? '?']: (n[r.action ?? '?'] ?? 0) + 1 }),
      {},
    );
    expect(Math.max(...Object.values(perAction))).toBeLessThanOrEqual(2);
  });
});
