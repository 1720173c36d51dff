/**
 * End to end against an emulated organization: a moto server on loopback with an organization of
 * four member accounts (CreateAccount), each seeded through its own assumed role with its own
 * misconfiguration, resources of the same name in two of them. The real binary then scans it
 * (1) as one process, (2) as three shard processes set up the way AWS Batch and Kubernetes set
 * them up, folded by `merge`, and (3) with one member whose audit role is missing.
 *
 * moto's AssumeRole accepts any role, existing or not, so the missing role is played by a
 * loopback proxy in front of moto that answers that one account's AssumeRole as AWS does when the
 * role does not exist or does not trust the caller (403 AccessDenied); every other request goes
 * to moto unchanged.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import {
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoginProfileCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument, ReportFinding } from '../../src/report/model.js';
import { runBin, tempDir } from '../helpers/cli.js';
import { MOTO_AVAILABLE, MOTO_CREDENTIALS, startMoto, type MotoServer } from '../helpers/moto.js';
import { assertValidReport } from '../helpers/schema.js';

const ROLE = 'SrmAuditReadOnly';
const BIN = new URL('../../bin/srm-audit.js', import.meta.url).pathname;

/** A proxy to moto that refuses AssumeRole into `deniedAccount` as AWS would. */
function denyingProxy(target: string, deniedAccount: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      if (text.includes('Action=AssumeRole') && text.includes(`iam%3A%3A${deniedAccount()}%3Arole`)) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/testing is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${deniedAccount()}:role/${ROLE}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        );
        return;
      }
      const url = new URL(req.url ?? '/', target);
      const forward = httpRequest(url, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })),
  );
}

const ENV = {
  AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
};

/** The binary as a child process that runs beside the others (shards run at the same time). */
function runAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        TMPDIR: process.env.TMPDIR,
        HOME: tempDir('srm-home-'),
        AWS_EC2_METADATA_DISABLED: 'true',
        ...ENV,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const latest = (dir: string): ReportDocument => JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as ReportDocument;
/** What a finding says, without the run's own bookkeeping. */
const essence = (f: ReportFinding): string => `${f.accountId}|${f.id}|${f.checkId}|${f.resource.id}|${f.region}|${f.status}`;

describe.skipIf(!MOTO_AVAILABLE)('an organization on a moto server, scanned whole, in shards, and with a role missing', () => {
  let moto: MotoServer | undefined;
  let proxy: Server | undefined;
  let endpoint = '';
  const ids: Record<'open' | 'locked' | 'encrypted' | 'norole', string> = { open: '', locked: '', encrypted: '', norole: '' };
  let management = '';
  let prodOu = '';
  let whole: ReportDocument;
  let wholeCode = -1;
  let wholeStdout = '';
  let merged: ReportDocument;
  let mergedCode = -1;
  let withoutMissing: ReportDocument;

  beforeAll(async () => {
    moto = await startMoto();
    const p = await denyingProxy(moto.endpoint, () => ids.norole);
    proxy = p.server;
    endpoint = p.url;
    // Seeding writes through plain SDK clients of the test's own: srm-audit itself only reads.
    const org = new OrganizationsClient(moto.config);
    const created = await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    management = created.Organization!.MasterAccountId!;
    for (const name of Object.keys(ids) as Array<keyof typeof ids>) {
      const out = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.test` }));
      ids[name] = out.CreateAccountStatus!.AccountId!;
    }
    const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    prodOu = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Prod' }))).OrganizationalUnit!.Id!;
    await org.send(new MoveAccountCommand({ AccountId: ids.open, SourceParentId: root, DestinationParentId: prodOu }));
    org.destroy();

    const sts = new STSClient(moto.config);
    const member = async (account: string) => {
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${ROLE}`, RoleSessionName: 'seed' })))
        .Credentials!;
      const config = {
        ...moto!.config,
        credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
      };
      return { ec2: new EC2Client(config), iam: new IAMClient(config) };
    };
    // "open" and "locked" hold a group and a user of the same names; only "open"'s are misconfigured.
    for (const [account, cidr] of [
      [ids.open, '0.0.0.0/0'],
      [ids.locked, '10.0.0.0/8'],
    ] as const) {
      const { ec2, iam } = await member(account);
      const web = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'same name in two accounts' }));
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: web.GroupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }] }],
        }),
      );
      await iam.send(new CreateUserCommand({ UserName: 'alice' }));
      if (account === ids.open) await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-1' }));
      ec2.destroy();
      iam.destroy();
    }
    // "encrypted" is the one account that encrypts new EBS volumes by default.
    const { ec2, iam } = await member(ids.encrypted);
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    ec2.destroy();
    iam.destroy();
    sts.destroy();

    const common = ['--endpoint-url', endpoint, '--regions', 'us-east-1', '--fail-on', 'none'];
    const wholeDir = tempDir();
    const shardDirs = [tempDir(), tempDir(), tempDir()];
    const otherDir = tempDir();
    // The engines' index variables, as AWS Batch (0-based index, array size) and a Kubernetes
    // Indexed Job (0-based completion index; the count comes from the recipe) set them.
    const shardEnv: Array<Record<string, string>> = [
      { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '3' },
      { AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '3' },
      { JOB_COMPLETION_INDEX: '2', SRM_AUDIT_SHARD_COUNT: '3' },
    ];
    const everyButMissing = [management, ids.open, ids.locked, ids.encrypted].join(',');
    const [wholeRun, ...rest] = await Promise.all([
      runAsync(['scan', '--organization', '--output-dir', wholeDir, ...common]),
      ...shardEnv.map((env, i) => runAsync(['scan', '--organization', '--output-dir', shardDirs[i]!, ...common], env)),
      runAsync(['scan', '--accounts', everyButMissing, '--output-dir', otherDir, ...common]),
    ]);
    for (const run of [wholeRun!, ...rest]) if (run.code !== 0 && run.code !== 3) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
    wholeCode = wholeRun!.code;
    wholeStdout = wholeRun!.stdout;
    whole = latest(wholeDir);
    withoutMissing = latest(otherDir);
    const mergedDir = tempDir();
    const merge = runBin(['merge', ...shardDirs.map((d) => join(d, 'latest.json')), '--output-dir', mergedDir, '--fail-on', 'none']);
    if (merge.code !== 0 && merge.code !== 3) throw new Error(`merge exited ${merge.code}: ${merge.stderr}`);
    mergedCode = merge.code;
    merged = latest(mergedDir);
  }, 240_000);

  afterAll(() => {
    proxy?.close();
    moto?.stop();
  });

  const verdict = (report: ReportDocument, account: string, checkId: string, name: string) =>
    report.findings
      .filter((f) => f.accountId === account && f.checkId === checkId && (f.resource.name === name || f.resource.id === name))
      .map((f) => f.status);

  it('(1) finds every ACTIVE account of the organization, with its name and OU path', () => {
    assertValidReport(whole);
    const accounts = whole.accounts!;
    expect(accounts.map((a) => a.id).sort()).toEqual([management, ...Object.values(ids)].sort());
    expect(accounts.find((a) => a.id === ids.open)).toMatchObject({ name: 'open', ouPath: 'Root/Prod', status: 'scanned' });
    expect(accounts.find((a) => a.id === ids.locked)).toMatchObject({ name: 'locked', ouPath: 'Root', status: 'scanned' });
    expect(whole.run.organization?.roleName).toBe(ROLE);
  });

  it('org plan lists the same accounts, dealt into the shards a CI matrix runs (async: the denying proxy lives in this process)', async () => {
    const run = await runAsync(['org', 'plan', '--organization', '--shards', '3', '--endpoint-url', endpoint]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning/);
    const plan = JSON.parse(run.stdout) as { accounts: Array<{ id: string }>; shards: Array<{ shard: string; accounts: string }> };
    expect(plan.accounts.map((a) => a.id).sort()).toEqual(whole.accounts!.map((a) => a.id).sort());
    expect(plan.shards.map((s) => s.shard)).toEqual(['1/3', '2/3', '3/3']);
    expect(plan.shards.flatMap((s) => s.accounts.split(',')).sort()).toEqual(plan.accounts.map((a) => a.id).sort());
  }, 60_000);

  it('(1) attributes every finding to the account it was read in; same-named resources never mix', () => {
    expect(verdict(whole, ids.open, 'ec2-sg-admin-ports-open', 'web')).toEqual(['FAIL']);
    expect(verdict(whole, ids.locked, 'ec2-sg-admin-ports-open', 'web')).toEqual(['PASS']);
    expect(verdict(whole, ids.encrypted, 'ec2-sg-admin-ports-open', 'web')).toEqual([]);
    expect(verdict(whole, ids.open, 'iam-console-users-mfa', 'alice')).toEqual(['FAIL']);
    expect(verdict(whole, ids.locked, 'iam-console-users-mfa', 'alice')).not.toContain('FAIL');
    const ebs = (account: string) =>
      whole.findings.find((f) => f.accountId === account && f.checkId === 'ec2-ebs-encryption-by-default')?.status;
    expect(ebs(ids.encrypted)).toBe('PASS');
    expect(ebs(ids.open)).toBe('FAIL');
    expect(ebs(ids.locked)).toBe('FAIL');
    // Every finding names an account of the run, and ids stay unique across accounts.
    const known = new Set(whole.accounts!.map((a) => a.id));
    expect(whole.findings.every((f) => known.has(f.accountId))).toBe(true);
    expect(new Set(whole.findings.map((f) => f.id)).size).toBe(whole.findings.length);
  });

  it('(2) three shard processes from the engines’ index variables, merged, equal the single-process run', () => {
    assertValidReport(merged);
    expect(merged.run.organization?.mergedReports).toBe(3);
    expect(merged.findings.map(essence)).toEqual(whole.findings.map(essence));
    const strip = (r: ReportDocument) => r.accounts!.map(({ apiCalls: _a, ...rest }) => rest);
    expect(strip(merged)).toEqual(strip(whole));
    expect(merged.views.compliance.map((v) => v.counts)).toEqual(whole.views.compliance.map((v) => v.counts));
    expect(mergedCode).toBe(wholeCode);
  });

  it('(3) a member whose role is missing is an account-level ERROR naming the role; the run is partial', () => {
    const missing = whole.accounts!.find((a) => a.id === ids.norole)!;
    expect(missing.status).toBe('error');
    expect(missing.partial).toBe(true);
    expect(missing.errors[0]).toMatchObject({ action: 'sts:AssumeRole', code: 'AccessDenied' });
    expect(missing.errors[0]!.message).toContain(`arn:aws:iam::${ids.norole}:role/${ROLE}`);
    expect(whole.findings.some((f) => f.accountId === ids.norole)).toBe(false);
    expect(whole.run.partial).toBe(true);
    expect(wholeCode).toBe(3);
    expect(wholeStdout).toContain(`account ${ids.norole}: ERROR sts:AssumeRole AccessDenied`);
  });

  it('(3) nothing else is lost: the other accounts’ findings are those of a run without the missing one', () => {
    const others = whole.findings.filter((f) => f.accountId !== ids.norole);
    expect(others.map(essence)).toEqual(withoutMissing.findings.map(essence));
    expect(whole.accounts!.filter((a) => a.id !== ids.norole).every((a) => a.status === 'scanned')).toBe(true);
  });
});
