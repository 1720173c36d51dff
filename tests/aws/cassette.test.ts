import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoWorld, offlineScanRequest } from '../../demo/build.js';
import { demoResponder } from '../../demo/world/index.js';
import { awsError } from '../../demo/world/types.js';
import { CassetteFormatError, decodeValue, encodeValue, readCassette } from '../../src/aws/cassette.js';
import { scan, type ScanRequest } from '../../src/scan.js';
import { noNetwork, tempDir } from '../helpers/cli.js';

const base = (dir: string): ScanRequest => ({ ...offlineScanRequest(dir), requestHandler: noNetwork });

describe('record and replay', () => {
  it('replays a recording into the same findings, with no network', async () => {
    const dir = tempDir();
    const record = join(dir, 'run.cassette.json');
    const recorded = await scan({ ...base(dir), ...demoWorld, record });
    const replayed = await scan({ ...base(dir), replay: record });
    expect(replayed.report.findings).toEqual(recorded.report.findings);
    expect(replayed.report.run.apiCalls).toEqual(recorded.report.run.apiCalls);
    expect(replayed.report.run.source).toBe('replay');
    expect(recorded.report.findings.length).toBeGreaterThan(10);
  });

  it('replays recorded errors as ERROR findings and marks the run partial', async () => {
    const dir = tempDir();
    const record = join(dir, 'denied.cassette.json');
    const denyRds = ((call) =>
      call.operation === 'DescribeDBInstances' && call.region === 'eu-west-1'
        ? (() => {
            throw awsError('AccessDenied', 'User is not authorized to perform: rds:DescribeDBInstances');
          })()
        : demoResponder(call)) as typeof demoResponder;
    await scan({ ...base(dir), ...demoWorld, responder: denyRds, record });
    const { report, exitCode } = await scan({ ...base(dir), replay: record });
    expect(report.run.partial).toBe(true);
    expect(exitCode).toBe(3);
    // Every check that reads the instances reports the one failed read.
    expect(report.run.errors).toEqual(
      ['rds-instance-internet-reachable', 'rds-storage-encrypted'].map((checkId) =>
        expect.objectContaining({ checkId, region: 'eu-west-1', action: 'rds:DescribeDBInstances', code: 'AccessDenied' }),
      ),
    );
    const error = report.findings.find((f) => f.status === 'ERROR');
    expect(error?.message).toMatch(/rds:DescribeDBInstances failed: AccessDenied/);
    // The other region of the same check was still evaluated.
    expect(report.findings.some((f) => f.checkId === 'rds-storage-encrypted' && f.region === 'us-east-1' && f.status !== 'ERROR')).toBe(
      true,
    );
  });

  it('round-trips dates and bytes', () => {
    const value = {
      CreateDate: new Date('2026-01-02T03:04:05Z'),
      Content: new Uint8Array([1, 2, 250]),
      Nested: [{ When: new Date(0) }],
      Gone: undefined,
    };
    const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));
    expect(decoded).toEqual({ CreateDate: value.CreateDate, Content: value.Content, Nested: [{ When: new Date(0) }] });
  });

  it.each([
    ['not JSON', '{ nope', /not valid JSON/],
    ['another format', '{"format":"x"}', /not an srm-audit cassette/],
    ['no entries', '{"format":"srm-audit-cassette/1","homeRegion":"us-east-1","recordedAt":"2026-01-01T00:00:00Z"}', /entries/],
    [
      'an entry without answer',
      '{"format":"srm-audit-cassette/1","homeRegion":"us-east-1","recordedAt":"2026-01-01T00:00:00Z","entries":[{"service":"ec2","region":"us-east-1","operation":"DescribeRegions","input":{}}]}',
      /neither output nor error/,
    ],
  ])('rejects a cassette that is %s with one clear line', (_name, text, pattern) => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, text);
    expect(() => readCassette(file)).toThrow(CassetteFormatError);
    expect(() => readCassette(file)).toThrow(pattern);
  });

  it('writes recordings sorted by call, so that two recordings of one account diff cleanly', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.json'), join(dir, 'b.json')];
    await scan({ ...base(dir), ...demoWorld, record: a, concurrency: 1 });
    await scan({ ...base(dir), ...demoWorld, record: b, concurrency: 16 });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });
});
