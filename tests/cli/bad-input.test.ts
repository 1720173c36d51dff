/**
 * Bad input and runs that cannot start: exactly one line on stderr saying what to do, exit code 2,
 * no stack trace, and the output directory left as it was. Nothing here can reach the network:
 * the in-process runs answer at a stand-in HTTP handler, and the real binary is pointed at
 * http://127.0.0.1:9 (discard: nothing listens) with instance metadata disabled.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { runBin, runCli, tempDir } from '../helpers/cli.js';

const oneLine = (text: string): void => {
  expect(text.trim().split('\n'), text).toHaveLength(1);
  expect(text).toMatch(/^srm-audit: /);
  expect(text).not.toMatch(/\n\s+at |Error: .*\n/);
};

/** An output directory holding an earlier report, to show a refused run leaves it alone. */
function outputDir(): string {
  const out = tempDir();
  writeFileSync(join(out, 'earlier-report.json'), 'kept');
  return out;
}
const untouched = (out: string): void => {
  expect(readdirSync(out)).toEqual(['earlier-report.json']);
  expect(readFileSync(join(out, 'earlier-report.json'), 'utf8')).toBe('kept');
};

const files = tempDir('srm-inputs-');
const badYaml = join(files, 'bad.yaml');
writeFileSync(badYaml, 'checks: [unclosed\n');
const badJson = join(files, 'bad.json');
writeFileSync(badJson, '{"schemaVersion": ');
const notACassette = join(files, 'list.json');
writeFileSync(notACassette, '[]');
const aDirectory = join(files, 'a-directory');
mkdirSync(aDirectory);
// Not JSON, and holding what must never be echoed (a replay file passed by mistake may hold a secret).
const garbage = join(files, 'garbage.cassette');
writeFileSync(garbage, 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nsecond line\n');

describe('bad input to scan: one line, exit 2, output directory untouched', () => {
  it.each([
    ['a misspelt region', ['--demo', '--regions', 'eu-wst-1'], /unknown region "eu-wst-1"/],
    ['an upper-case region', ['--demo', '--regions', 'US-EAST-1'], /"US-EAST-1" is not an AWS region name/],
    ['a path as a region', ['--demo', '--regions', '../x'], /"\.\.\/x" is not an AWS region name/],
    ['an empty --regions (would silently scan every region)', ['--demo', '--regions', ''], /--regions.*name at least one/],
    ['an empty --checks (would silently run every check)', ['--demo', '--checks', ','], /--checks.*name at least one/],
    ['an empty --category', ['--demo', '--category', ' '], /--category.*name at least one/],
    ['an unknown category', ['--demo', '--category', 'databases'], /unknown category "databases"/],
    ['an unknown check', ['--demo', '--checks', 'rds-encrypted'], /unknown check "rds-encrypted"/],
    ['--concurrency -1', ['--demo', '--concurrency', '-1'], /--concurrency.*whole number/],
    ['--concurrency abc', ['--demo', '--concurrency', 'abc'], /--concurrency.*whole number/],
    ['--concurrency 0', ['--demo', '--concurrency', '0'], /--concurrency.*whole number/],
    ['--max-calls 0', ['--demo', '--max-calls', '0'], /--max-calls.*whole number/],
    ['two --fail-on severities', ['--demo', '--fail-on', 'high,low'], /--fail-on.*Allowed choices/],
    ['an empty --format', ['--demo', '--format', ''], /--format.*name at least one format/],
    ['an unreadable --config', ['--demo', '--config', join(files, 'missing.yaml')], /cannot read config file .*missing\.yaml/],
    ['a directory as --config', ['--demo', '--config', aDirectory], /cannot read config file/],
    ['a malformed --config', ['--demo', '--config', badYaml], /bad\.yaml.*not valid YAML/],
    ['an unreadable --waivers', ['--demo', '--waivers', join(files, 'missing.yaml')], /cannot read waivers file/],
    ['a malformed --waivers', ['--demo', '--waivers', badYaml], /bad\.yaml.*not valid YAML/],
    ['an unreadable --baseline', ['--demo', '--baseline', join(files, 'missing.json')], /baseline .*missing\.json cannot be read/],
    ['a malformed --baseline', ['--demo', '--baseline', badJson], /baseline .*is not valid JSON/],
    ['a directory as --replay', ['--replay', aDirectory], /cannot read replay file/],
    ['JSON that is not a cassette as --replay', ['--replay', notACassette], /is not an srm-audit cassette/],
    ['a garbage --replay file (its text is not echoed)', ['--replay', garbage], /garbage\.cassette is not valid JSON(?!.*wJalr)/],
    ['an empty name in --regions', ['--demo', '--regions', 'us-east-1,,eu-west-1'], /--regions.*empty name/],
    ['an empty name in --checks', ['--demo', '--checks', 'iam-root-mfa-enabled,'], /--checks.*empty name/],
    [
      'an opt-in region the account has not enabled',
      ['--demo', '--regions', 'af-south-1'],
      /region "af-south-1" is not enabled for this account/,
    ],
    [
      'a region the replayed cassette did not record',
      ['--demo', '--regions', 'eu-central-1'],
      /region "eu-central-1" is not recorded in this cassette \(it holds eu-west-1, us-east-1\)/,
    ],
    ['a directory as --record', ['--regions', 'us-east-1', '--record', aDirectory], /cannot record to .*a-directory: it is a directory/],
    [
      '--record in a folder that does not exist',
      ['--regions', 'us-east-1', '--record', join(files, 'missing', 'run.cassette.json')],
      /cannot record to .*run\.cassette\.json: the folder .*missing does not exist/,
    ],
  ])('%s', async (_name, args, pattern) => {
    const out = outputDir();
    const run = await runCli(['scan', ...args, '--output-dir', out]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(pattern);
    expect(run.stdout).toBe('');
    untouched(out);
  });
});

describe('a run that cannot start for want of credentials (the real binary, no network)', () => {
  const offline = ['--endpoint-url', 'http://127.0.0.1:9', '--regions', 'us-east-1'];

  it('no credentials anywhere: empty config files, no keys in the environment', () => {
    const out = outputDir();
    const run = runBin(['scan', ...offline, '--output-dir', out]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/no AWS credentials found: set AWS_PROFILE or pass --profile/);
    untouched(out);
  });

  it('an unknown --profile names the profile and the files looked in', () => {
    const out = outputDir();
    const run = runBin(['scan', '--profile', 'no-such-profile', ...offline, '--output-dir', out]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/the profile "no-such-profile" .* is not defined in .*config or .*credentials/);
    untouched(out);
  });

  it('an unknown AWS_PROFILE is refused the same way', () => {
    const run = runBin(['scan', ...offline, '--output-dir', outputDir()], { AWS_PROFILE: 'ghost' });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/the profile "ghost"/);
  });

  it('a profile that exists but holds no credentials says so for that profile', () => {
    const home = tempDir('srm-profiles-');
    writeFileSync(join(home, 'config'), '[default]\nregion = eu-west-1\n\n[profile audit]\nregion = eu-west-1\n');
    writeFileSync(join(home, 'credentials'), '');
    const out = outputDir();
    const run = runBin(['scan', '--profile', 'audit', ...offline, '--output-dir', out], {
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/no AWS credentials found for the profile "audit"/);
    untouched(out);
  });

  it('an endpoint that does not answer', () => {
    const out = outputDir();
    const run = runBin(['scan', ...offline, '--output-dir', out], { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x' });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/cannot identify the caller with sts:GetCallerIdentity at http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
    untouched(out);
  });
});

describe('credentials AWS rejects (in process, answered by a stand-in HTTP handler)', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    const home = tempDir('srm-home-');
    writeFileSync(join(home, 'config'), '');
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXPIRED',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_SESSION_TOKEN: 'old',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ENDPOINT_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const answering = (status: number, code: string, message: string) => ({
    async handle() {
      const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
      return { response: { statusCode: status, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  });

  it.each([
    ['expired', 400, 'ExpiredToken', 'The security token included in the request is expired'],
    ['invalid', 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'],
    ['signature mismatch', 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match'],
  ])('%s credentials', async (_name, status, code, message) => {
    const out = outputDir();
    let stdout = '';
    let stderr = '';
    const exit = await main(['scan', '--regions', 'us-east-1', '--output-dir', out], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      isTTY: false,
      env: {},
      logDestination: new Writable({ write: (chunk, _e, done) => ((stderr += String(chunk)), done()) }),
      requestHandler: answering(status, code, message),
      cwd: tempDir(),
    });
    expect(exit).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain(`AWS rejected the credentials (${code}: ${message})`);
    expect(stderr).toMatch(/refresh them/);
    expect(stdout).toBe('');
    untouched(out);
  });
});

describe('no command, --help and --version', () => {
  it('no arguments at all: one line saying what to run, exit 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/missing command .*srm-audit --help/);
  });

  it('-v, -V and --version print the bare version on stdout and exit 0; --help goes to stdout', async () => {
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
    for (const flag of ['-v', '-V', '--version']) {
      const run = await runCli([flag]);
      expect([run.code, run.stdout, run.stderr], flag).toEqual([0, `${version}\n`, '']);
    }
    const help = await runCli(['scan', '-h']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: srm-audit scan/);
  });
});
