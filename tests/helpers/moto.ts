/**
 * A moto server (an AWS-compatible emulator, on the machines' PATH) on this machine's loopback,
 * for the end-to-end tests. Each e2e file starts its own server, seeds it through plain SDK
 * clients of the test's own (srm-audit itself only reads), and scans it with the real binary.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ReportDocument } from '../../src/report/model.js';
import { runBin, tempDir } from './cli.js';

export const MOTO_AVAILABLE = spawnSync('moto_server', ['--help'], { encoding: 'utf8' }).status === 0;

// Test credentials for the emulator; they never leave loopback.
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`moto_server did not answer at ${url} within 30 s`);
}

export interface MotoServer {
  endpoint: string;
  /** Config for the test's own seeding clients (S3 clients add forcePathStyle). */
  config: { endpoint: string; region: string; credentials: typeof MOTO_CREDENTIALS };
  stop(): void;
}

export async function startMoto(region = 'us-east-1'): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitUntilServing(endpoint);
  return { endpoint, config: { endpoint, region, credentials: MOTO_CREDENTIALS }, stop: () => moto.kill() };
}

/** Runs `srm-audit scan` against the server and returns its exit code and latest JSON report. */
export function scanMoto(
  server: MotoServer,
  args: string[] = ['--regions', 'us-east-1'],
  env: Record<string, string> = {},
): { code: number; stderr: string; report: ReportDocument } {
  const out = tempDir();
  const run = runBin(['scan', '--endpoint-url', server.endpoint, '--output-dir', out, '--fail-on', 'none', ...args], {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: server.config.region,
    ...env,
  });
  if (run.code !== 0 && run.code !== 3) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  return { code: run.code, stderr: run.stderr, report: JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ReportDocument };
}

/** The status of `checkId` on the resource named (or with the id) `resourceName`. */
export function verdictOf(report: ReportDocument, checkId: string, resourceName: string): string | undefined {
  return report.findings.find((f) => f.checkId === checkId && (f.resource.name === resourceName || f.resource.id === resourceName))?.status;
}
