/**
 * AWS Security Finding Format (SchemaVersion 2018-10-08) for BatchImportFindings: a JSON
 * array of findings for the account's private product ARN
 * (arn:<partition>:securityhub:<region>:<account>:product/<account>/default). Compliance,
 * Workflow and RecordState carry the verdict, the waiver and the baseline state.
 */
import type { Severity } from '../engine/types.js';
import { FRAMEWORK_DEFS } from '../compliance/index.js';
import { goneMessage, jsonChunks, truncate, wellFormedStrings } from './text.js';
import { knownSeverity, type BaselineEntry, type Report, type ReportFinding } from './model.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

const LABEL: Record<Severity, string> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};
const COMPLIANCE_STATUS = { PASS: 'PASSED', FAIL: 'FAILED', ERROR: 'NOT_AVAILABLE', NOT_APPLICABLE: 'NOT_AVAILABLE' } as const;

/**
 * Security Hub's limits (API reference, AwsSecurityFinding / Resource / Note / Recommendation):
 * one attribute over its limit fails the whole BatchImportFindings call, not just its finding.
 * Details.Other's limit is not in the reference: 1024 is a conservative guess.
 */
const MAX = { title: 256, description: 1024, id: 512, note: 512, recommendation: 512, productField: 2048, other: 1024 } as const;
/** Resource.Partition takes only these. */
const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;

/** Every required string must hold a non-space character (pattern .*\S.*); a blank one takes `fallback`. */
const nonBlank = (value: string | undefined, fallback: string): string => (value !== undefined && /\S/.test(value) ? value : fallback);

/** A string-to-string map (ProductFields, Details.Other): blank values left out, the others cut to `max`. */
function fieldMap(fields: Record<string, string | undefined>, max: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && /\S/.test(entry[1]))
      .map(([key, value]) => [key, truncate(value, max)]),
  );
}

/** Security Hub takes the region of the finding; global (IAM) results go to the home region of the run. */
function homeRegion(report: Report): string {
  return report.run.regions.find((r) => REGION.test(r)) ?? 'us-east-1';
}

function partitionOf(report: Report): string {
  const partition = report.run.callerArn.split(':')[1] ?? '';
  return PARTITIONS.includes(partition) ? partition : 'aws';
}

function base(report: Report, f: ReportFinding | BaselineEntry): Record<string, unknown> {
  const partition = partitionOf(report);
  // A tampered baseline entry's region and account are not trusted into ARNs and ids.
  const region = REGION.test(f.region) ? f.region : homeRegion(report);
  const account = ACCOUNT.test(f.accountId) ? f.accountId : report.run.accountId;
  const severity = { Label: LABEL[knownSeverity(f.severity)], Original: knownSeverity(f.severity) };
  const types = ['Software and Configuration Checks/AWS Security Best Practices'];
  const compliance = 'compliance' in f ? f.compliance : {};
  if (compliance['cis-aws-3.0']?.length || compliance['cis-aws-5.0']?.length)
    types.push('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
  const related = Object.entries(compliance).flatMap(([fw, ids]) =>
    (ids ?? []).map((id) => `${FRAMEWORK_DEFS[fw as keyof typeof FRAMEWORK_DEFS]?.title ?? fw}/${id}`),
  );
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: truncate(`${region}/${account}/${f.id}`, MAX.id),
    // The private product of the account that imports (the audited one).
    ProductArn: `arn:${partition}:securityhub:${region}:${report.run.accountId}:product/${report.run.accountId}/default`,
    ProductName: report.tool.name,
    CompanyName: report.tool.name,
    GeneratorId: truncate(`srm-audit/${f.checkId}`, MAX.id),
    AwsAccountId: account,
    Region: region,
    Types: types,
    CreatedAt: report.run.startedAt,
    UpdatedAt: report.run.startedAt,
    Severity: severity,
    FindingProviderFields: { Severity: severity, Types: types },
    Title: truncate(nonBlank(f.title, `srm-audit ${f.checkId}`), MAX.title),
    Resources: [
      {
        Type: 'Other',
        Id: nonBlank(f.resource.arn ?? f.resource.id, `${f.resource.type} (no id)`),
        Partition: partition,
        Region: region,
        Details: {
          Other: fieldMap({ srmResourceType: f.resource.type, srmResourceId: f.resource.id, srmResourceName: f.resource.name }, MAX.other),
        },
      },
    ],
    ...(related.length ? { Compliance: { RelatedRequirements: related.slice(0, 32) } } : {}),
  };
}

function finding(report: Report, f: ReportFinding): object {
  const b = base(report, f);
  const compliance = { ...(b.Compliance as object | undefined), Status: COMPLIANCE_STATUS[f.status] };
  const workflow = f.waiver ? 'SUPPRESSED' : f.status === 'FAIL' || f.status === 'ERROR' ? 'NEW' : 'RESOLVED';
  const description = f.status === 'FAIL' ? `${f.message} Remediation: ${f.remediation}` : f.message;
  return {
    ...b,
    Description: truncate(nonBlank(description, `${f.checkId}: ${f.status}`), MAX.description),
    ...(/\S/.test(f.remediation) ? { Remediation: { Recommendation: { Text: truncate(f.remediation, MAX.recommendation) } } } : {}),
    Compliance: compliance,
    Workflow: { Status: workflow },
    RecordState: 'ACTIVE',
    ...(f.waiver
      ? {
          Note: {
            Text: truncate(`Waived until ${f.waiver.expires}: ${f.waiver.reason}`, MAX.note),
            UpdatedBy: truncate(nonBlank(f.waiver.owner, 'srm-audit'), MAX.note),
            UpdatedAt: report.run.startedAt,
          },
        }
      : {}),
    ProductFields: fieldMap(
      {
        'srm-audit/CheckId': f.checkId,
        'srm-audit/Status': f.status,
        'srm-audit/Category': f.category,
        'srm-audit/Responsibility': f.responsibility,
        'srm-audit/Baseline': f.baseline,
        'srm-audit/PreviousStatus': f.previousStatus,
      },
      MAX.productField,
    ),
  };
}

function goneFinding(report: Report, g: BaselineEntry): object {
  return {
    ...base(report, g),
    Description: truncate(goneMessage(g), MAX.description),
    Workflow: { Status: 'RESOLVED' },
    RecordState: 'ARCHIVED',
    ProductFields: fieldMap(
      { 'srm-audit/CheckId': g.checkId, 'srm-audit/Baseline': 'resolved', 'srm-audit/PreviousStatus': 'FAIL' },
      MAX.productField,
    ),
  };
}

/** The findings one at a time, made as they are written. */
function* asffFindings(report: Report): Generator<object> {
  for (const f of report.findings) yield finding(report, f);
  for (const g of report.baseline?.gone ?? []) yield goneFinding(report, g);
}

export function buildAsff(report: Report): object[] {
  return [...asffFindings(report)];
}

export function renderAsffChunks(report: Report): Generator<string> {
  return jsonChunks((marker) => marker, asffFindings(report), wellFormedStrings);
}

export const renderAsff = (report: Report): string => [...renderAsffChunks(report)].join('');
