/**
 * What the abstracted-service checks (Lambda, DynamoDB, SQS, SNS, SES, Glacier, KMS, Secrets
 * Manager, EFS) share: each resource's identity in a finding, and one loop that judges every
 * resource of a list on its own, so a read that fails for one resource is an ERROR for that
 * resource alone (a list that cannot be read throws, and the engine reports the region).
 */
import type { AccessPointDescription, FileSystemDescription } from '@aws-sdk/client-efs';
import type { Cluster } from '@aws-sdk/client-dax';
import type { DescribeVaultOutput } from '@aws-sdk/client-glacier';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { MalformedResponse } from '../../../src/aws/errors.js';
import { arn, type ResultOptions, type ResultSink } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';
import { forEachInTurn, JUDGED_IN_FLIGHT } from '../../../src/engine/parallel.js';
import { reportVerdict, type Verdict } from '../../verdict.js';

export { fail, pass, type Verdict } from '../../verdict.js';

export const notApplicable = (message: string): Verdict => ({ status: 'notApplicable', message });
export const error = (err: unknown): Verdict => ({ status: 'error', error: err });
/** A field AWS always sends that the answer left out: an ERROR naming the call, never a verdict. */
export const missing = (field: string, action: string, what: string): Verdict =>
  error(new MalformedResponse(`it did not report ${field} for this ${what}`, action));

/** A yes/no setting: true passes, false fails, absent is an ERROR. */
export function flag(value: boolean | undefined, field: string, action: string, what: string, pass: string, fail: string): Verdict {
  if (value === true) return { status: 'pass', message: pass };
  if (value === false) return { status: 'fail', message: fail };
  return missing(field, action, what);
}

/** One verdict per item; a judge that throws (a per-resource read failed) is that item's ERROR. */
export async function judgeEach<T>(
  result: ResultSink,
  items: readonly T[],
  resourceOf: (item: T) => Resource,
  judge: (item: T) => Verdict | Promise<Verdict>,
  options?: (item: T) => ResultOptions | undefined,
): Promise<void> {
  await forEachInTurn(items, JUDGED_IN_FLIGHT, async (item) => {
    let verdict: Verdict;
    try {
      verdict = await judge(item);
    } catch (err) {
      verdict = error(err);
    }
    reportVerdict(result, resourceOf(item), verdict, options?.(item));
  });
}

export interface Where {
  region: string;
  accountId: string;
  partition: string;
}

export const lambdaResource = (f: FunctionConfiguration, w: Where): Resource => ({
  id: f.FunctionName ?? '(unnamed function)',
  type: 'AWS::Lambda::Function',
  arn: f.FunctionArn ?? arn(w.partition, 'lambda', w.region, w.accountId, `function:${f.FunctionName}`),
});

export const tableResource = (name: string, w: Where, tableArn?: string): Resource => ({
  id: name,
  type: 'AWS::DynamoDB::Table',
  arn: tableArn ?? arn(w.partition, 'dynamodb', w.region, w.accountId, `table/${name}`),
});

export const daxResource = (c: Cluster): Resource => ({
  id: c.ClusterName ?? '(unnamed cluster)',
  type: 'AWS::DAX::Cluster',
  arn: c.ClusterArn,
});

/** A queue URL is https://sqs.<region>.amazonaws.com/<account>/<name>: the name and owner are its last two parts. */
export function queueResource(url: string, w: Where): Resource {
  const [owner, name] = url.split('/').slice(-2);
  return { id: name ?? url, type: 'AWS::SQS::Queue', arn: arn(w.partition, 'sqs', w.region, owner ?? w.accountId, name ?? url) };
}

export const topicResource = (topicArn: string): Resource => ({
  id: topicArn.split(':').pop() ?? topicArn,
  type: 'AWS::SNS::Topic',
  arn: topicArn,
});

export const identityResource = (identity: string, w: Where): Resource => ({
  id: identity,
  type: 'AWS::SES::EmailIdentity',
  arn: arn(w.partition, 'ses', w.region, w.accountId, `identity/${identity}`),
});

export const vaultResource = (v: DescribeVaultOutput): Resource => ({
  id: v.VaultName ?? '(unnamed vault)',
  type: 'AWS::Glacier::Vault',
  arn: v.VaultARN,
});

export const keyResource = (k: KeyMetadata): Resource => ({
  id: k.KeyId ?? '(key without id)',
  type: 'AWS::KMS::Key',
  arn: k.Arn,
  ...(k.Description ? { name: k.Description } : {}),
});

export const secretResource = (s: SecretListEntry): Resource => ({
  id: s.Name ?? s.ARN ?? '(unnamed secret)',
  type: 'AWS::SecretsManager::Secret',
  arn: s.ARN,
});

export const fileSystemResource = (fs: FileSystemDescription): Resource => ({
  id: fs.FileSystemId ?? '(file system without id)',
  type: 'AWS::EFS::FileSystem',
  arn: fs.FileSystemArn,
  ...(fs.Name ? { name: fs.Name } : {}),
});

export const accessPointResource = (ap: AccessPointDescription): Resource => ({
  id: ap.AccessPointId ?? '(access point without id)',
  type: 'AWS::EFS::AccessPoint',
  arn: ap.AccessPointArn,
  ...(ap.Name ? { name: ap.Name } : {}),
});

/** Days between two moments, rounded down. */
export const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / 86_400_000);

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
