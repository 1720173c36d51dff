/**
 * The deploy/ recipes and the Dockerfile, validated without a network: each template against a
 * vendored subset of its official schema (tests/fixtures/deploy-schemas/, each says what it
 * covers; the CloudFormation resource specification, the Kubernetes OpenAPI document and
 * SchemaStore cannot be downloaded at test time), plus what each recipe must do for srm-audit:
 * shard by the engine's index, run the project's image, and end with merge.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/engine/catalog.js';
import { memberRoleYaml } from '../../src/org/role-template.js';
import { buildOrganizationPolicies } from '../../src/org/policy.js';
import { requiredActions } from '../../src/policy.js';

const root = new URL('../../', import.meta.url);
const text = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const yaml = (path: string): Record<string, any> => parse(text(path)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function validator(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(text(`tests/fixtures/deploy-schemas/${name}.schema.json`)) as object);
  return (doc: unknown): string => (validate(doc) ? '' : ajv.errorsText(validate.errors, { separator: '\n' }));
}

describe('the vendored schemas', () => {
  it('catch a misspelled property, a missing required one and a wrong enum', () => {
    const cfn = validator('cloudformation');
    expect(
      cfn({
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocment: {} } } },
      }),
    ).toMatch(/AssumeRolePolicyDocument|additional properties/);
    expect(
      cfn({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Q: { Type: 'AWS::Batch::JobQueue', Properties: { Priority: 1 } } } }),
    ).toMatch(/ComputeEnvironmentOrder/);
    const cron = yaml('deploy/kubernetes/cronjob.yaml');
    cron.spec.jobTemplate.spec.completionMode = 'indexed';
    expect(validator('kubernetes-cronjob')(cron)).toMatch(/allowed values/);
  });
});

describe('the member role StackSet template', () => {
  const template = yaml('deploy/member-role-stackset.yaml');

  it('is a valid template, generated from the code (run `npm run deploy:role` after changing loaders)', () => {
    expect(validator('cloudformation')(template)).toBe('');
    expect(text('deploy/member-role-stackset.yaml')).toBe(memberRoleYaml());
  });

  it('grants exactly the read-only actions the checks declare, and trusts only the caller with the external id', () => {
    const role = template.Resources.AuditRole.Properties;
    const granted = role.Policies.flatMap((p: { PolicyDocument: { Statement: Array<{ Action: string[] }> } }) =>
      p.PolicyDocument.Statement.flatMap((s) => s.Action),
    );
    expect(granted).toEqual(requiredActions(CATALOG));
    expect(granted).not.toContain('sts:AssumeRole');
    // IAM's cap on one inline policy document.
    for (const p of role.Policies) expect(JSON.stringify(p.PolicyDocument).length).toBeLessThan(10_240);
    const trust = role.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } });
    expect(trust[0].Principal).toEqual({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${CallerAccountId}:root' } });
    expect(template.Parameters.RoleName.Default).toBe('SrmAuditReadOnly');
  });
});

describe('the AWS Batch recipe', () => {
  const template = yaml('deploy/aws-batch/org-scan.yaml');

  it('is a valid template', () => {
    expect(validator('cloudformation')(template)).toBe('');
  });

  it('runs the scan as a Fargate array job on a schedule, then merge, with only the caller policy', () => {
    const r = template.Resources;
    expect(r.ScanSchedule.Properties.Target.Arn).toEqual({ Ref: 'StateMachine' });
    // The state machine, with CloudFormation's ${…} substitutions filled in, is Amazon States Language JSON.
    const definition = JSON.parse(
      (r.StateMachine.Properties.DefinitionString['Fn::Sub'] as string).replace(/\$\{Shards\}/g, '4').replace(/\$\{[A-Za-z:]+\}/g, 'x'),
    ) as { StartAt: string; States: Record<string, { Parameters: Record<string, any>; Next?: string; End?: boolean }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(definition.StartAt).toBe('Scan');
    expect(definition.States.Scan!.Parameters.ArrayProperties).toEqual({ Size: 4 });
    expect(definition.States.Scan!.Parameters.ContainerOverrides['Command.$']).toContain('scan --organization');
    expect(definition.States.Scan!.Next).toBe('Merge');
    expect(definition.States.Merge!.Parameters.ContainerOverrides['Command.$']).toContain('merge /reports/');
    expect(definition.States.Merge!.End).toBe(true);
    expect(r.JobDefinition.Properties.PlatformCapabilities).toEqual(['FARGATE']);
    expect(r.JobDefinition.Properties.ContainerProperties.Image).toEqual({ Ref: 'Image' });
    const caller = buildOrganizationPolicies(CATALOG, { roleName: 'SrmAuditReadOnly' }).callerPolicy.Statement;
    const statements = r.ScanRole.Properties.Policies[0].PolicyDocument.Statement;
    expect([...statements[0].Action].sort()).toEqual(caller[0]!.Action);
    expect(statements[1]).toMatchObject({ Action: 'sts:AssumeRole' });
  });
});

describe('the Kubernetes recipe', () => {
  const cron = yaml('deploy/kubernetes/cronjob.yaml');

  it('is a valid batch/v1 CronJob', () => {
    expect(validator('kubernetes-cronjob')(cron)).toBe('');
  });

  it('runs Indexed, passes the completions count as SRM_AUDIT_SHARD_COUNT, runs non-root, and merges', () => {
    const job = cron.spec.jobTemplate.spec;
    expect(job.completionMode).toBe('Indexed');
    const pod = job.template.spec;
    const container = pod.containers[0];
    const env = Object.fromEntries(container.env.map((v: { name: string; value?: string }) => [v.name, v.value]));
    expect(Number(env.SRM_AUDIT_SHARD_COUNT)).toBe(job.completions);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.args[0]).toContain('scan --organization');
    expect(container.args[0]).toContain('srm-audit.js merge');
  });
});

describe('the GitHub Actions recipe', () => {
  const workflow = yaml('deploy/github-actions/org-scan.yml');

  it('is a valid workflow', () => {
    expect(validator('github-workflow')(workflow)).toBe('');
  });

  it('plans, scans a matrix of shards with OIDC credentials, and merges', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow.jobs.plan.steps[1].run).toContain('org plan --organization --shards');
    expect(workflow.jobs.scan.strategy.matrix.include).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    const credentials = workflow.jobs.scan.steps[0];
    expect(credentials.uses).toMatch(/^aws-actions\/configure-aws-credentials@/);
    expect(credentials.with['role-to-assume']).toBeDefined();
    expect(workflow.jobs.scan.steps[1].run).toContain('scan --organization --shard "$SHARD"');
    expect(workflow.jobs.merge.needs).toBe('scan');
    expect(workflow.jobs.merge.steps[1].run).toContain('merge $(');
  });
});

describe('the Dockerfile', () => {
  const lines = text('Dockerfile')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds in one stage and ships a small node:20-alpine image that runs as a non-root user', () => {
    const froms = lines.filter((l) => l.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    expect(froms.at(-1)).toBe('FROM node:20-alpine');
    const final = lines.slice(lines.lastIndexOf(froms.at(-1)!));
    const users = final.filter((l) => l.startsWith('USER '));
    expect(users).toEqual(['USER node']);
    expect(final.indexOf('USER node')).toBeLessThan(final.findIndex((l) => l.startsWith('ENTRYPOINT')));
    expect(final.find((l) => l.startsWith('ENTRYPOINT'))).toBe('ENTRYPOINT ["node", "/app/bin/srm-audit.js"]');
    // Only production dependencies reach the final stage.
    expect(lines.some((l) => l.includes('npm prune --omit=dev'))).toBe(true);
  });

  it('copies what `npm run build` runs before running it', () => {
    const pkg = JSON.parse(text('package.json')) as { scripts: Record<string, string> };
    const script = /\bnode (\S+)/.exec(pkg.scripts.build!)![1]!; // scripts/build-if-stale.mjs
    const copied = lines.findIndex((l) => l === `COPY ${script.split('/')[0]} ./${script.split('/')[0]}`);
    expect(copied).toBeGreaterThan(-1);
    expect(copied).toBeLessThan(lines.findIndex((l) => l.startsWith('RUN npm run build')));
  });
});
