import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { AwsCall } from '../../src/aws/session.js';
import { AwsSession } from '../../src/aws/session.js';
import { CATALOG } from '../../src/engine/catalog.js';
import { resolveOptions } from '../../src/engine/options.js';
import { UsageError } from '../../src/errors.js';
import { parseShard, shardFromEnv, sliceOf } from '../../src/org/shard.js';
import { callerSession, scanOrganization, type OrganizationScanRequest } from '../../src/org/scan.js';
import { resolveTargets } from '../../src/org/targets.js';
import { LoaderCache } from '../../src/aws/loader.js';
import { FindingSpool } from '../../src/report/spool.js';
import type { Report, ReportDocument, ReportFinding } from '../../src/report/model.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';
import { CALLER, LOCKED, NO_ROLE, OPEN, SUSPENDED, organizationWorld } from './world.js';

const NOW = new Date('2026-12-01T10:00:00Z');

function request(
  overrides: Partial<OrganizationScanRequest['org']> = {},
  calls: AwsCall[] = [],
  outputDir = tempDir(),
): OrganizationScanRequest {
  return {
    selection: { checks: ['ec2-sg-admin-ports-open'] },
    regions: ['eu-west-1'],
    outputDir,
    formats: ['json', 'html'],
    concurrency: 4,
    failOn: 'none',
    options: resolveOptions(),
    log: pino({ level: 'silent' }),
    responder: organizationWorld(calls),
    homeRegion: 'us-east-1',
    now: NOW,
    org: { organization: true, roleName: 'SrmAuditReadOnly', externalId: 'ext-1', accountConcurrency: 2, ...overrides },
  };
}

describe('shards', () => {
  it.each([
    ['1/3', { index: 1, count: 3 }],
    [' 3 / 3 ', { index: 3, count: 3 }],
    ['1/1', { index: 1, count: 1 }],
  ])('--shard %s', (text, expected) => {
    expect(parseShard(text)).toMatchObject(expected);
  });

  it.each(['0/3', '4/3', '1/0', 'a/b', '1-3', '2'])('refuses --shard %s in one line', (text) => {
    expect(() => parseShard(text)).toThrow(UsageError);
  });

  it('reads AWS Batch (0-based index, array size) and Kubernetes Indexed Jobs (0-based index, count from the recipe)', () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '4' })).toMatchObject({ index: 1, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', SRM_AUDIT_SHARD_COUNT: '3' })).toMatchObject({ index: 3, count: 3 });
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '', JOB_COMPLETION_INDEX: '' })).toBeUndefined();
    // A half-set pair would make every copy scan everything: refused.
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '2' })).toThrow(/SRM_AUDIT_SHARD_COUNT/);
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '5', AWS_BATCH_JOB_ARRAY_SIZE: '5' })).toThrow(/outside 0..4/);
  });

  it('deals the sorted accounts round-robin: every account in exactly one slice, the same way in every process', () => {
    const accounts = ['5', '3', '1', '4', '2', '6', '7'].map((id) => ({ id }));
    const slices = [1, 2, 3].map((index) => sliceOf(accounts, { index, count: 3, source: 't' }).map((a) => a.id));
    expect(slices).toEqual([
      ['1', '4', '7'],
      ['2', '5'],
      ['3', '6'],
    ]);
    expect(sliceOf(accounts, undefined).map((a) => a.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});

describe('which accounts', () => {
  const cache = () => new LoaderCache(new AwsSession({ homeRegion: 'us-east-1', responder: organizationWorld() }), '', 'aws');

  it('lists the ACTIVE accounts with their names and OU paths', async () => {
    const targets = await resolveTargets(cache(), { organization: true });
    expect(targets.map((t) => t.id).sort()).toEqual([CALLER, OPEN, LOCKED, NO_ROLE].sort());
    expect(targets.find((t) => t.id === OPEN)).toEqual({ id: OPEN, name: 'open <b>', ouPath: 'Root/Prod' });
    expect(targets.some((t) => t.id === SUSPENDED)).toBe(false);
  });

  it('narrows to an OU recursively, and refuses an OU or account that is not in the organization', async () => {
    expect((await resolveTargets(cache(), { organization: true, ou: 'ou-abcd-11111111' })).map((t) => t.id)).toEqual([OPEN]);
    await expect(resolveTargets(cache(), { organization: true, ou: 'ou-zzzz-99999999' })).rejects.toThrow(/not an OU/);
    await expect(resolveTargets(cache(), { organization: true, accounts: [SUSPENDED] })).rejects.toThrow(/SUSPENDED, not ACTIVE/);
    await expect(resolveTargets(cache(), { organization: false, accounts: ['12345'] })).rejects.toThrow(/12-digit/);
  });

  it('takes an explicit --accounts list without reading the organization', async () => {
    const calls: AwsCall[] = [];
    const c = new LoaderCache(new AwsSession({ homeRegion: 'us-east-1', responder: organizationWorld(calls) }), '', 'aws');
    expect(await resolveTargets(c, { organization: false, accounts: [OPEN, OPEN, LOCKED] })).toEqual([
      { id: OPEN, name: '' },
      { id: LOCKED, name: '' },
    ]);
    expect(calls).toEqual([]);
  });
});

describe('an organization scan', () => {
  it('reads each account through its own role and session; same-named resources of two accounts never mix', async () => {
    const calls: AwsCall[] = [];
    const { report, exitCode } = await scanOrganization(request({}, calls));
    assertValidReport(report);
    const web = [...report.findings].filter((f) => f.resource.name === 'web' || f.resource.id === 'sg-0123456789abcdef0');
    expect(web.map((f) => [f.accountId, f.status])).toEqual([
      [OPEN, 'FAIL'],
      [LOCKED, 'PASS'],
    ]);
    // Same check, same group id, same region: still two findings with two ids.
    expect(new Set(web.map((f) => f.id)).size).toBe(2);
    // Every account call went out under that account, after assuming its role with the external id.
    const assumed = calls.filter((c) => c.operation === 'AssumeRole').map((c) => c.input as { RoleArn: string; ExternalId: string });
    expect(assumed.map((a) => a.RoleArn).sort()).toEqual(
      [CALLER, OPEN, LOCKED, NO_ROLE].map((id) => `arn:aws:iam::${id}:role/SrmAuditReadOnly`).sort(),
    );
    expect(assumed.every((a) => a.ExternalId === 'ext-1')).toBe(true);
    expect(
      calls
        .filter((c) => c.operation === 'DescribeSecurityGroups')
        .map((c) => c.accountId)
        .sort(),
    ).toEqual([CALLER, OPEN, LOCKED].sort());
    expect(calls.filter((c) => c.service === 'organizations' || c.operation === 'AssumeRole').every((c) => c.accountId === undefined)).toBe(
      true,
    );
    expect(exitCode).toBe(3);
  });

  it("closes each member account's session when the account is done, whether it was scanned or not", async () => {
    const closed: Array<string | undefined> = [];
    const close = vi.spyOn(AwsSession.prototype, 'close').mockImplementation(function (this: AwsSession) {
      closed.push(this.options.accountId);
    });
    try {
      await scanOrganization(request());
    } finally {
      close.mockRestore();
    }
    expect(closed.sort()).toEqual([CALLER, OPEN, LOCKED, NO_ROLE].sort());
  });

  it('makes an account whose role cannot be assumed an account-level ERROR naming the role and the error; the others go on', async () => {
    const { report } = await scanOrganization(request());
    const missing = report.accounts!.find((a) => a.id === NO_ROLE)!;
    expect(missing).toMatchObject({ status: 'error', partial: true, regions: [] });
    expect(missing.errors).toEqual([
      {
        action: 'sts:AssumeRole',
        code: 'AccessDenied',
        message: expect.stringContaining(`cannot assume arn:aws:iam::${NO_ROLE}:role/SrmAuditReadOnly`),
      },
    ]);
    expect(report.run.partial).toBe(true);
    expect(report.accounts!.filter((a) => a.id !== NO_ROLE).every((a) => a.status === 'scanned' && !a.partial)).toBe(true);
    // No account can be said to pass a control while one could not be read.
    const cis = report.views.compliance.find((v) => v.framework === 'cis-aws-3.0')!;
    expect(cis.controls.find((c) => c.id === '5.2')).toMatchObject({ status: 'fail', failingAccounts: [OPEN] });
  });

  it('passes a control only where it passes in every account: not while an account could not be read', async () => {
    // No "web" group opens CIFS: the check passes wherever it ran.
    const cifs = (report: Report) =>
      report.views.compliance.find((v) => v.framework === 'cis-aws-5.0')!.controls.find((c) => c.id === '5.1.2')!;
    const all = (await scanOrganization({ ...request(), selection: { checks: ['ec2-sg-cifs-open'] } })).report;
    expect(cifs(all).status).toBe('error');
    const readable = (
      await scanOrganization({ ...request({ organization: false, accounts: [OPEN, LOCKED] }), selection: { checks: ['ec2-sg-cifs-open'] } })
    ).report;
    expect(cifs(readable).status).toBe('pass');
  });

  it('gives each account its own clients, call counter and rate limits', () => {
    const caller = new AwsSession({ homeRegion: 'us-east-1', responder: organizationWorld() });
    const creds = async () => ({ accessKeyId: 'a', secretAccessKey: 'b' });
    const a = caller.forAccount(OPEN, creds);
    const b = caller.forAccount(LOCKED, creds);
    expect(a.calls).not.toBe(b.calls);
    expect(a.client('ec2', 'eu-west-1')).not.toBe(b.client('ec2', 'eu-west-1'));
    expect((a as unknown as { admission: unknown }).admission).not.toBe((b as unknown as { admission: unknown }).admission);
    expect(a.options).toMatchObject({ accountId: OPEN, homeRegion: 'us-east-1' });
  });

  it('sends each finished account’s findings to the spool, marked with the waivers and the baseline, and reads them back in account order', async () => {
    const first = await scanOrganization(request());
    const baseline = join(first.files.find((f) => f.endsWith('.json'))!);
    const waivers = join(tempDir(), 'waivers.yaml');
    writeFileSync(
      waivers,
      `waivers:\n  - check: ec2-sg-admin-ports-open\n    resources: ["arn:aws:ec2:eu-west-1:${OPEN}:security-group/*"]\n    reason: bastion\n    owner: sec\n    expires: 2999-01-01\n`,
    );
    // What each add was given, as it was given (the scan must mark the findings before they go).
    const calls: ReportFinding[][] = [];
    const original = FindingSpool.prototype.add;
    const spied = vi.spyOn(FindingSpool.prototype, 'add').mockImplementation(function (this: FindingSpool, findings) {
      calls.push(JSON.parse(JSON.stringify(findings)) as ReportFinding[]);
      return original.call(this, findings);
    });
    const { report } = await scanOrganization({ ...request(), baseline, waivers });
    spied.mockRestore();
    // One add per scanned account (the role-less one is never scanned), each of that account's findings alone, already marked.
    expect(calls).toHaveLength(3);
    expect(calls.map((fs) => [...new Set(fs.map((f) => f.accountId))].join()).sort()).toEqual(['', OPEN, LOCKED].sort());
    for (const fs of calls) for (const f of fs) if (f.status === 'FAIL') expect(f.baseline).toBe('persisting');
    expect(Array.isArray(report.findings)).toBe(false);
    const findings = [...report.findings];
    expect(findings.map((f) => f.accountId)).toEqual([...findings.map((f) => f.accountId)].sort());
    const open = findings.find((f) => f.accountId === OPEN && f.status === 'FAIL')!;
    expect(open.waiver?.reason).toBe('bastion');
    expect(report.waivers?.applied).toEqual([expect.objectContaining({ checkId: 'ec2-sg-admin-ports-open', matched: 1 })]);
    expect(report.baseline?.counts).toMatchObject({ new: 0, resolved: 0 });
    assertValidReport(report);
  });

  it('keeps the findings in memory, with a warning, where the temporary folder cannot be written; the report is the same', async () => {
    const inSpool = await scanOrganization(request());
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const before = process.env.TMPDIR;
    const req = { ...request(), log };
    process.env.TMPDIR = join(tempDir(), 'no', 'such', 'folder');
    let inMemory: Awaited<ReturnType<typeof scanOrganization>>;
    try {
      inMemory = await scanOrganization(req);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      expect.stringMatching(/^cannot hold findings in .*no\/such\/folder: ENOENT; the findings are kept in memory$/),
    ]);
    const comparable = (r: Report) =>
      JSON.stringify({ findings: [...r.findings], summary: r.summary, views: r.views, accounts: r.accounts });
    expect(comparable(inMemory.report)).toBe(comparable(inSpool.report));
  });

  it('scans one slice with --shard, and says so in the report', async () => {
    const { report } = await scanOrganization(request({ shard: { index: 2, count: 2, source: '--shard' } }));
    // Sorted ids 111…, 222…, 333…, 444… dealt to two shards: the second holds the 2nd and 4th.
    expect(report.accounts!.map((a) => a.id)).toEqual([OPEN, NO_ROLE]);
    expect(report.run.organization).toEqual({ roleName: 'SrmAuditReadOnly', shard: { index: 2, count: 2 } });
  });

  it('refuses a cassette or the demo: a recording holds one account', async () => {
    await expect(scanOrganization({ ...request(), demo: true })).rejects.toThrow(/cannot be combined with --organization/);
  });
});

describe('merge', () => {
  async function shards(): Promise<string[]> {
    const files: string[] = [];
    for (const index of [1, 2]) {
      const dir = tempDir();
      await scanOrganization(request({ shard: { index, count: 2, source: '--shard' } }, [], dir));
      files.push(join(dir, 'latest.json'));
    }
    return files;
  }

  it('folds shard reports into the report one process writes, partial state kept', async () => {
    const whole = (await scanOrganization(request())).report;
    const out = tempDir();
    const run = await runCli(['merge', ...(await shards()), '--output-dir', out, '--fail-on', 'none']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`account ${NO_ROLE}: ERROR sts:AssumeRole AccessDenied`);
    const merged = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ReportDocument;
    assertValidReport(merged);
    expect(merged.findings.map((f) => [f.id, f.accountId, f.status])).toEqual(
      [...whole.findings].map((f) => [f.id, f.accountId, f.status]),
    );
    expect(merged.accounts!.map((a) => [a.id, a.status, a.partial, a.errors])).toEqual(
      whole.accounts!.map((a) => [a.id, a.status, a.partial, a.errors]),
    );
    expect(merged.run.organization).toEqual({ roleName: 'SrmAuditReadOnly', mergedReports: 2 });
    expect(readFileSync(join(out, 'latest.html'), 'utf8')).toContain('id="org-h"');
  });

  it('refuses overlapping account sets and other schema versions in one line, exit 2', async () => {
    const [a, b] = await shards();
    const overlap = await runCli(['merge', a!, b!, a!, '--output-dir', tempDir()]);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toMatch(/^srm-audit: account \d{12} is in both .* and .*; merge reports of disjoint account sets/);
    expect(overlap.stderr.trim().split('\n')).toHaveLength(1);
    const old = join(tempDir(), 'old.json');
    writeFileSync(old, JSON.stringify({ ...JSON.parse(readFileSync(a!, 'utf8')), schemaVersion: '1.2.0' }));
    const version = await runCli(['merge', old, b!, '--output-dir', tempDir()]);
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(/^srm-audit: .*old\.json is a report of schema 1\.2\.0, not 1\.3\.0/);
    expect(version.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a merge that lacks one shard of the split, naming it', async () => {
    const [a] = await shards();
    const run = await runCli(['merge', a!, '--output-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("srm-audit: shard(s) 2/2 missing: their accounts would be left out; merge every shard's report\n");
  });

  it('re-applies waivers and the baseline across the organization, not the shards’ own', async () => {
    const [a, b] = await shards();
    const waivers = join(tempDir(), 'waivers.yaml');
    writeFileSync(
      waivers,
      `waivers:\n  - check: ec2-sg-admin-ports-open\n    resources: ["arn:aws:ec2:eu-west-1:${OPEN}:security-group/*"]\n    reason: bastion\n    owner: sec\n    expires: 2999-01-01\n`,
    );
    const out = tempDir();
    const run = await runCli(['merge', a!, b!, '--output-dir', out, '--waivers', waivers, '--baseline', a!, '--fail-on', 'low']);
    const merged = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as ReportDocument;
    const open = merged.findings.find((f) => f.accountId === OPEN && f.checkId === 'ec2-sg-admin-ports-open')!;
    expect(open.waiver?.reason).toBe('bastion');
    expect(merged.waivers?.applied).toHaveLength(1);
    // The baseline was shard 1: findings of shard 2's accounts are new to it.
    expect(merged.baseline).toBeDefined();
    const shard1 = new Set((JSON.parse(readFileSync(a!, 'utf8')) as ReportDocument).accounts!.map((x) => x.id));
    for (const f of merged.findings.filter((x) => x.status === 'FAIL' || x.status === 'ERROR')) {
      expect(f.baseline).toBe(shard1.has(f.accountId) ? 'persisting' : 'new');
    }
    expect(run.code).toBe(3);
  });
});

describe('policy --organization', () => {
  it('prints the caller policy and the member role, whose trust requires the external id', async () => {
    const run = await runCli(['policy', '--organization', '--external-id', 'ext-1', '--caller-account', CALLER]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      callerPolicy: { Statement: Array<{ Action: string[]; Resource: string }> };
      memberRole: {
        roleName: string;
        policy: { Statement: Array<{ Action: string[] }> };
        trustPolicy: { Statement: Array<Record<string, unknown>> };
      };
    };
    const [list, assume] = out.callerPolicy.Statement;
    expect(list!.Action.every((a) => /^(organizations:(List|Describe)[A-Za-z]+|sts:GetCallerIdentity)$/.test(a))).toBe(true);
    expect(list!.Action).toContain('organizations:ListAccounts');
    expect(assume).toMatchObject({ Action: ['sts:AssumeRole'], Resource: 'arn:aws:iam::*:role/SrmAuditReadOnly' });
    expect(out.memberRole.roleName).toBe('SrmAuditReadOnly');
    expect(out.memberRole.policy.Statement[0]!.Action).toContain('ec2:DescribeSecurityGroups');
    expect(out.memberRole.policy.Statement[0]!.Action).not.toContain('sts:AssumeRole');
    expect(out.memberRole.trustPolicy.Statement[0]).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${CALLER}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } },
    });
  });

  it('never defaults to OrganizationAccountAccessRole', async () => {
    const help = await runCli(['scan', '--help']);
    expect(help.stdout).toContain('SrmAuditReadOnly');
    expect(help.stdout).not.toContain('OrganizationAccountAccessRole');
    expect(CATALOG.length).toBeGreaterThan(0);
  });
});

describe("the members' sessions", () => {
  it('keep the deadline, answer size and calls in flight the scan was given (--request-timeout, --max-answer-size, --max-calls)', () => {
    const caller = callerSession(
      {
        requestTimeoutSeconds: 7,
        maxAnswerBytes: 1024 * 1024,
        maxCalls: 12,
        concurrency: 32,
        rateLimits: { default: { rate: 5, burst: 5 } },
      },
      'us-east-1',
    );
    const member = caller.forAccount('111111111111', async () => ({ accessKeyId: 'A', secretAccessKey: 'S' }));
    expect(member.options).toMatchObject({
      accountId: '111111111111',
      requestTimeoutSeconds: 7,
      maxAnswerBytes: 1024 * 1024,
      callSlots: 12,
      concurrency: 32,
      rateLimits: { default: { rate: 5, burst: 5 } },
    });
    expect(member.options.profile).toBeUndefined();
  });
});
