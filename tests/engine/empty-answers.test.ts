/**
 * An endpoint that answers every call with an empty 200 (an emulator's stub, a proxy's blank
 * page) must leave no silent gap: every check reports something, and nothing it reports is a
 * verdict drawn from data that was never sent. The answers come from a stand-in HTTP handler
 * below the real SDK stack (real parsing), so nothing reaches the network.
 */
import { describe, expect, it } from 'vitest';
import { LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import { CATALOG } from '../../src/engine/catalog.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runChecks } from '../../src/engine/runner.js';
import { offlineCredentials, standInHandler } from '../helpers/http-stand-in.js';

const emptyOk = standInHandler(() => ({ status: 200, body: '' }));
offlineCredentials();

describe('an endpoint that answers every call with an empty 200', () => {
  it('gives every check an ERROR naming the call, and no PASS or FAIL from data never sent', async () => {
    const session = new AwsSession({ homeRegion: 'us-east-1', maxAttempts: 1, requestHandler: emptyOk });
    const { findings, errors } = await runChecks(
      { checks: CATALOG, regions: ['us-east-1'], concurrency: 8, options: resolveOptions(), now: new Date('2026-11-20T12:00:00Z') },
      new LoaderCache(session, '123456789012', 'aws'),
    );
    const byCheck = new Map<string, Set<string>>();
    for (const f of findings) byCheck.set(f.checkId, (byCheck.get(f.checkId) ?? new Set()).add(f.status));
    // No silent gap: every check says something.
    expect(CATALOG.map((c) => c.id).filter((id) => !byCheck.has(id))).toEqual([]);
    // Only the residency checks (no allowed regions configured) and the checks an option turns on have nothing to judge.
    const verdicts = findings.filter((f) => f.status !== 'ERROR');
    expect(verdicts.map((f) => `${f.checkId} ${f.status}`).sort()).toEqual(
      [
        'dynamodb-data-residency',
        'dynamodb-table-cmk-encryption',
        'ec2-data-residency',
        'efs-data-residency',
        'glacier-data-residency',
        'glacier-vault-lock',
        'lambda-function-in-vpc',
        'rds-data-residency',
        's3-data-residency',
        'secretsmanager-data-residency',
        'sqs-data-residency',
      ].map((id) => `${id} NOT_APPLICABLE`),
    );
    expect(errors.length).toBeGreaterThan(0);
    for (const f of findings.filter((x) => x.status === 'ERROR')) {
      expect(f.message).not.toMatch(/internal error/);
      expect(f.message).toMatch(/[a-z0-9-]+:[A-Za-z]+/);
    }
  });
});
