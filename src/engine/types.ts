/**
 * The finding model: the JSON contract other tools rely on. Names here are part of the
 * report schema (schema/report.schema.json); change them only with a schemaVersion bump.
 */
export const STATUSES = ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ['identity', 'infrastructure', 'container', 'abstracted'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The customer duties a check can verify (DESIGN.md, "The shared responsibility model"). */
export const RESPONSIBILITIES = [
  'identity-and-access',
  'mfa',
  'credential-rotation',
  'network-firewall',
  'network-acl',
  'encryption-at-rest',
  'encryption-in-transit',
  'backup',
  'resource-policy',
  'public-access',
  'patching',
  'external-access',
  'logging',
  'monitoring',
  'threat-detection',
  'key-management',
  'data-residency',
] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

export const FRAMEWORKS = ['cis-aws-3.0', 'cis-aws-5.0', 'aws-fsbp'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export type ComplianceMap = Partial<Record<Framework, string[]>>;

export type Scope = 'regional' | 'global';

export interface Resource {
  /** The ARN where the resource has one. */
  arn?: string;
  /** The resource's own id (sg-…, bucket name, user name, account id). */
  id: string;
  /** CloudFormation-style type, e.g. AWS::EC2::SecurityGroup. */
  type: string;
  /** A human name (Name tag, user name) where it differs from the id. */
  name?: string;
}

export interface Finding {
  id: string;
  checkId: string;
  title: string;
  status: Status;
  severity: Severity;
  category: Category;
  responsibility: Responsibility;
  service: string;
  region: string;
  accountId: string;
  resource: Resource;
  message: string;
  remediation: string;
  compliance: ComplianceMap;
  /** What the verdict was judged on (see ResultOptions.evidence); absent where a check gives none. */
  evidence?: Record<string, unknown>;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
