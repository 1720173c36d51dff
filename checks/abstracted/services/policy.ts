/**
 * The resource-policy checks of the abstracted services: "not public" and "external access" for
 * each service, both answered by the one evaluator (src/analysis/resource-policy.ts) against the
 * zone of trust (checks/trust-zone.ts). A service contributes only how to list its resources and
 * read their policies (a PolicySource); the verdicts, messages and evidence are the same for all.
 */
import type { DescribeVaultOutput } from '@aws-sdk/client-glacier';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import {
  analyseResourcePolicy,
  describeAccess,
  type PolicyAccess,
  type PolicyAnalysis,
  type PolicyService,
} from '../../../src/analysis/resource-policy.js';
import { tableNames, tablePolicy } from '../../../src/aws/loaders/dynamodb.js';
import { fileSystemPolicy, fileSystems } from '../../../src/aws/loaders/efs.js';
import { vaultAccessPolicy, vaults } from '../../../src/aws/loaders/glacier.js';
import { keyPolicy, kmsKeys } from '../../../src/aws/loaders/kms.js';
import { functionPolicy, functions } from '../../../src/aws/loaders/lambda.js';
import { secretPolicy, secrets } from '../../../src/aws/loaders/secretsmanager.js';
import { identities, identityPolicies } from '../../../src/aws/loaders/ses.js';
import { topicAttributes, topics } from '../../../src/aws/loaders/sns.js';
import { queueAttributes, queueUrls } from '../../../src/aws/loaders/sqs.js';
import { defineCheck, type CheckContext, type CheckMeta, type LoaderMap } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';
import { externalAccessVerdict, grantsOfAnalysis, trustZoneLoaders, trustZoneOf, type ZoneOfTrust } from '../../trust-zone.js';
import {
  fail,
  fileSystemResource,
  identityResource,
  judgeEach,
  keyResource,
  lambdaResource,
  pass,
  queueResource,
  secretResource,
  tableResource,
  topicResource,
  vaultResource,
  type Verdict,
} from './common.js';

/** One policy document attached to a resource; SES identities may hold several, by name. */
export interface PolicyDoc {
  name?: string;
  text: string;
}

export interface PolicyTarget {
  resource: Resource;
  /** The ARN the policy's Resource elements are matched against. */
  arn: string;
  /** Its policies; empty when it has none. */
  policies(): Promise<PolicyDoc[]>;
}

export interface PolicySource<L extends LoaderMap> {
  service: PolicyService;
  /** "function", "queue", … for messages. */
  what: string;
  /** The kind of policy, for messages: "resource-based policy", "queue policy", … */
  policyKind: string;
  loaders: L;
  targets(ctx: CheckContext<L>): Promise<PolicyTarget[]>;
}

const one = (text: string | null): PolicyDoc[] => (text === null ? [] : [{ text }]);

export const lambdaPolicies: PolicySource<{ functions: typeof functions; functionPolicy: typeof functionPolicy }> = {
  service: 'lambda',
  what: 'function',
  policyKind: 'resource-based policy',
  loaders: { functions, functionPolicy },
  async targets({ region, accountId, partition, load }) {
    return (await load.functions(region)).map((f) => {
      const resource = lambdaResource(f, { region, accountId, partition });
      return { resource, arn: resource.arn!, policies: async () => one(await load.functionPolicy(region, f.FunctionName!)) };
    });
  },
};

export const dynamodbPolicies: PolicySource<{ tableNames: typeof tableNames; tablePolicy: typeof tablePolicy }> = {
  service: 'dynamodb',
  what: 'table',
  policyKind: 'resource-based policy',
  loaders: { tableNames, tablePolicy },
  async targets({ region, accountId, partition, load }) {
    // The table ARN is built from its name: no DescribeTable needed to ask for its policy.
    return (await load.tableNames(region)).map((name) => {
      const resource = tableResource(name, { region, accountId, partition });
      return { resource, arn: resource.arn!, policies: async () => one(await load.tablePolicy(region, resource.arn!)) };
    });
  },
};

export const sqsPolicies: PolicySource<{ queueUrls: typeof queueUrls; queueAttributes: typeof queueAttributes }> = {
  service: 'sqs',
  what: 'queue',
  policyKind: 'queue policy',
  loaders: { queueUrls, queueAttributes },
  async targets({ region, accountId, partition, load }) {
    return (await load.queueUrls(region)).map((url) => {
      const resource = queueResource(url, { region, accountId, partition });
      return {
        resource,
        arn: resource.arn!,
        // Policy is among "All" attributes only when the queue has one.
        policies: async () => one((await load.queueAttributes(region, url)).Policy ?? null),
      };
    });
  },
};

export const snsPolicies: PolicySource<{ topics: typeof topics; topicAttributes: typeof topicAttributes }> = {
  service: 'sns',
  what: 'topic',
  policyKind: 'topic policy',
  loaders: { topics, topicAttributes },
  async targets({ region, load }) {
    return (await load.topics(region)).map((topicArn) => ({
      resource: topicResource(topicArn),
      arn: topicArn,
      policies: async () => one((await load.topicAttributes(region, topicArn)).Policy ?? null),
    }));
  },
};

export const sesPolicies: PolicySource<{ identities: typeof identities; identityPolicies: typeof identityPolicies }> = {
  service: 'ses',
  what: 'identity',
  policyKind: 'sending-authorization policy',
  loaders: { identities, identityPolicies },
  async targets({ region, accountId, partition, load }) {
    return (await load.identities(region)).map((name) => {
      const resource = identityResource(name, { region, accountId, partition });
      return {
        resource,
        arn: resource.arn!,
        policies: async () =>
          Object.entries(await load.identityPolicies(region, name)).map(([policyName, text]) => ({ name: policyName, text })),
      };
    });
  },
};

export const glacierPolicies: PolicySource<{ vaults: typeof vaults; vaultAccessPolicy: typeof vaultAccessPolicy }> = {
  service: 'glacier',
  what: 'vault',
  policyKind: 'vault access policy',
  loaders: { vaults, vaultAccessPolicy },
  async targets({ region, accountId, partition, load }) {
    return (await load.vaults(region)).map((v: DescribeVaultOutput) => ({
      resource: vaultResource(v),
      arn: v.VaultARN ?? `arn:${partition}:glacier:${region}:${accountId}:vaults/${v.VaultName}`,
      policies: async () => one(await load.vaultAccessPolicy(region, v.VaultName!)),
    }));
  },
};

export const kmsPolicies: PolicySource<{ kmsKeys: typeof kmsKeys; keyPolicy: typeof keyPolicy }> = {
  service: 'kms',
  what: 'key',
  policyKind: 'key policy',
  loaders: { kmsKeys, keyPolicy },
  async targets({ region, accountId, partition, load }) {
    // Customer-managed keys only: AWS managed keys' policies are written by AWS and cannot be changed.
    return (await load.kmsKeys(region))
      .filter((k: KeyMetadata) => k.KeyManager === 'CUSTOMER')
      .map((k) => ({
        resource: keyResource(k),
        arn: k.Arn ?? `arn:${partition}:kms:${region}:${accountId}:key/${k.KeyId}`,
        policies: async () => one(await load.keyPolicy(region, k.KeyId!)),
      }));
  },
};

export const secretsPolicies: PolicySource<{ secrets: typeof secrets; secretPolicy: typeof secretPolicy }> = {
  service: 'secretsmanager',
  what: 'secret',
  policyKind: 'resource policy',
  loaders: { secrets, secretPolicy },
  async targets({ region, load }) {
    return (await load.secrets(region)).map((s) => ({
      resource: secretResource(s),
      arn: s.ARN!,
      policies: async () => one(await load.secretPolicy(region, s.ARN!)),
    }));
  },
};

export const efsPolicies: PolicySource<{ fileSystems: typeof fileSystems; fileSystemPolicy: typeof fileSystemPolicy }> = {
  service: 'efs',
  what: 'file system',
  policyKind: 'file system policy',
  loaders: { fileSystems, fileSystemPolicy },
  async targets({ region, accountId, partition, load }) {
    return (await load.fileSystems(region)).map((fs) => ({
      resource: fileSystemResource(fs),
      arn: fs.FileSystemArn ?? `arn:${partition}:elasticfilesystem:${region}:${accountId}:file-system/${fs.FileSystemId}`,
      policies: async () => one(await load.fileSystemPolicy(region, fs.FileSystemId!)),
    }));
  },
};

/** The statements an access names, as written in the document, for a finding's evidence. */
export function statementsOf(text: string, ids: Iterable<string>): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const wanted = new Set(ids);
  return list.filter((s, i) => wanted.has((s as { Sid?: unknown })?.Sid as string) || wanted.has(`#${i + 1}`));
}

interface Found {
  doc: PolicyDoc;
  accesses: PolicyAccess[];
}

interface Found {
  doc: PolicyDoc;
  analysis: PolicyAnalysis;
  /** The accesses the check reports from this document. */
  accesses: PolicyAccess[];
}

/**
 * The evaluator's answer for each of the target's policies; `pick` keeps the public accesses or
 * the external ones, plus (for a control whose documentation says so) external accesses it also
 * counts.
 */
async function analyse(
  target: PolicyTarget,
  service: PolicyService,
  zone: ZoneOfTrust,
  internetPrefix: { ipv4: number; ipv6: number },
  pick: 'public' | 'external',
  alsoCounts?: (a: PolicyAccess) => boolean,
): Promise<{ docs: PolicyDoc[]; found: Found[] }> {
  const docs = await target.policies();
  const found = docs
    .map((doc) => {
      const analysis = analyseResourcePolicy(doc.text, service, target.arn, zone, { internetPrefix });
      const extra = alsoCounts ? analysis.external.filter((a) => !analysis[pick].includes(a) && alsoCounts(a)) : [];
      return { doc, analysis, accesses: [...analysis[pick], ...extra] };
    })
    .filter((f) => f.accesses.length > 0);
  return { docs, found };
}

const named = (doc: PolicyDoc, text: string): string => (doc.name ? `policy "${doc.name}": ${text}` : text);

/** The statements behind the accesses, as written, and the accesses themselves. */
function evidenceOf(found: Found[]): Record<string, unknown> {
  return {
    statements: found.flatMap((f) =>
      statementsOf(
        f.doc.text,
        f.accesses.map((a) => a.statement),
      ).map((statement) => (f.doc.name ? { policy: f.doc.name, statement } : statement)),
    ),
    accesses: found.flatMap((f) => f.accesses.map((a) => ({ ...(f.doc.name ? { policy: f.doc.name } : {}), ...a }))),
  };
}

type CheckText = Pick<CheckMeta, 'id' | 'title' | 'risk' | 'severity' | 'compliance' | 'remediation'>;

/** One verdict per resource of the source, with the zone of trust read once per check and region. */
export function policyCheck<L extends LoaderMap>(
  source: PolicySource<L>,
  meta: CheckText & Pick<CheckMeta, 'responsibility'>,
  judge: (target: PolicyTarget, zone: ZoneOfTrust, ctx: CheckContext<L>) => Promise<Verdict>,
) {
  return defineCheck({
    category: 'abstracted',
    service: source.service,
    scope: 'regional',
    ...meta,
    loaders: { ...source.loaders, ...trustZoneLoaders },
    async run(ctx) {
      const zone = await trustZoneOf(ctx as unknown as CheckContext<typeof trustZoneLoaders>);
      await judgeEach(
        ctx.result,
        await source.targets(ctx),
        (t) => t.resource,
        (t) => judge(t, zone, ctx),
      );
    },
  });
}

/**
 * "The <what>'s policy does not make it public" (FSBP Lambda.1, SQS.3, SNS.4, KMS.5, …).
 * `alsoFails` adds external accesses a control's own documentation fails as well (Lambda.1: a
 * service principal such as s3.amazonaws.com not pinned by aws:SourceAccount), taken from the
 * evaluator's external answer, never judged here.
 */
export function notPublicCheck<L extends LoaderMap>(
  source: PolicySource<L>,
  meta: CheckText,
  alsoFails?: { why: string; matches(a: PolicyAccess): boolean },
) {
  return policyCheck(source, { ...meta, responsibility: 'public-access' }, async (target, zone, ctx) => {
    const { docs, found } = await analyse(target, source.service, zone, ctx.options.internetPrefix, 'public', alsoFails?.matches);
    if (!docs.length) return pass(`The ${source.what} has no ${source.policyKind}.`);
    if (!found.length) return pass(`No statement of its ${source.policyKind} gives the public access.`);
    const lines = found.flatMap((f) =>
      f.accesses.map((a) => named(f.doc, `${describeAccess(a)}${a.principal !== '*' && alsoFails ? ` (${alsoFails.why})` : ''}`)),
    );
    return { ...fail(`Public: ${lines.join('; ')}.`), options: { evidence: evidenceOf(found) } };
  });
}

/**
 * Every principal outside the zone of trust that the policy lets act on the resource, and what
 * it can do: the verdict shape every external-access check shares (checks/trust-zone.ts).
 */
export function externalAccessCheck<L extends LoaderMap>(source: PolicySource<L>, meta: Omit<CheckText, 'severity'>) {
  return policyCheck(source, { severity: 'high', ...meta, responsibility: 'external-access' }, async (target, zone, ctx) => {
    const { docs, found } = await analyse(target, source.service, zone, ctx.options.internetPrefix, 'external');
    const grants = found.flatMap((f) => grantsOfAnalysis(f.analysis).map((g) => ({ ...g, text: named(f.doc, g.text) })));
    return externalAccessVerdict(grants, zone, {
      none: docs.length
        ? `Its ${source.policyKind} grants nothing outside the zone of trust`
        : `The ${source.what} has no ${source.policyKind}: only this account's own IAM policies grant access`,
      evidence: evidenceOf(found),
    });
  });
}
