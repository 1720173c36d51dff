/**
 * The cron recipe of docs/scheduled-runs.md, run as written (paths swapped for temporary ones,
 * `mail` for a stand-in) against a replay that is both failing and partial: it exits 1 (failures
 * win over partial), and the recipe still reports the partial run, from run.partial.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { CassetteFile } from '../../src/aws/cassette.js';
import { DEMO_CASSETTE } from '../../src/util/package.js';
import { tempDir } from '../helpers/cli.js';

const BIN = fileURLToPath(new URL('../../bin/srm-audit.js', import.meta.url));
const DOC = readFileSync(new URL('../../docs/scheduled-runs.md', import.meta.url), 'utf8');

it('the nightly.sh recipe mails both "new failures" and "partial run" when a run exits 1 and is partial', () => {
  const nightly = /```sh\n(#!\/bin\/sh\n# nightly\.sh[\s\S]*?)```/.exec(DOC)?.[1];
  expect(nightly).toBeDefined();
  const dir = tempDir('srm-recipe-');
  // The demo recording without one operation: those checks are ERRORs, so the run is partial.
  const cassette = JSON.parse(readFileSync(DEMO_CASSETTE(), 'utf8')) as CassetteFile;
  cassette.entries = cassette.entries.filter((e) => e.operation !== 'GetEbsEncryptionByDefault');
  const replay = join(dir, 'partial.cassette.json');
  writeFileSync(replay, JSON.stringify(cassette));
  const bin = tempDir('srm-stub-');
  const sent = join(dir, 'mail.log');
  writeFileSync(join(bin, 'mail'), `#!/bin/sh\necho "$2" >> '${sent}'\ncat > /dev/null\n`);
  chmodSync(join(bin, 'mail'), 0o755);
  const script = nightly!
    .replace('DIR=/var/lib/srm-audit/reports', `DIR='${join(dir, 'reports')}'`)
    .replace(' --waivers /etc/srm-audit/waivers.yaml', '')
    .replace('node /opt/srm-audit/bin/srm-audit.js scan $ARGS', `node '${BIN}' scan --replay '${replay}' $ARGS`);
  expect(script).toContain(replay);
  const run = spawnSync('sh', ['-c', script], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: `${bin}:${process.env.PATH}`, TMPDIR: process.env.TMPDIR, HOME: dir },
  });
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'reports', 'latest.json'), 'utf8')) as { run: { partial: boolean } };
  expect(report.run.partial).toBe(true);
  expect(readFileSync(sent, 'utf8').trim().split('\n')).toEqual(['srm-audit: new failures', 'srm-audit: partial run']);
});
