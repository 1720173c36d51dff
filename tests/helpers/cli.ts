/** Runs the CLI in-process (main) or as a real process (the built bin), capturing output. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A request handler that fails the test if anything tries to reach the network. */
export const noNetwork = {
  async handle(request: { hostname: string }): Promise<never> {
    throw new Error(`network request attempted to ${request.hostname}`);
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
};

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const logs = new Writable({
    write(chunk, _enc, done) {
      stderr += String(chunk);
      done();
    },
  });
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env: { ...env },
    logDestination: logs,
    requestHandler: noNetwork,
    cwd: cwd ?? mkdtempSync(join(tmpdir(), 'srm-cwd-')),
  });
  return { code, stdout, stderr };
}

const BIN = new URL('../../bin/srm-audit.js', import.meta.url).pathname;
/** What the bin runs: the bundle scripts/bundle.mjs makes of dist/src/cli.js. */
const BUILT = new URL('../../dist/bundle/srm-audit.js', import.meta.url).pathname;

/** The real binary in a clean environment: no credentials, no config files, no instance metadata. */
function binEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!existsSync(BUILT)) throw new Error('dist/bundle/ is missing: run `npm run build` (npm test does) before this test');
  const home = mkdtempSync(join(tmpdir(), 'srm-home-'));
  return {
    PATH: process.env.PATH,
    // Temporary files under this test run's folder (temp-root.ts), removed at its end.
    TMPDIR: process.env.TMPDIR,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  };
}

export function runBin(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: binEnv(env) });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** runBin without blocking this process's event loop (for a server in the test that must answer it). */
export async function runBinAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], { env: binEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
  child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code: code ?? -1, stdout, stderr };
}

export const tempDir = (prefix = 'srm-test-'): string => mkdtempSync(join(tmpdir(), prefix));
