/**
 * AWS Security Finding Format (SchemaVersion 2018-10-08) for BatchImportFindings: a JSON
 * array of findings for the account's private product ARN
 * (arn:<partition>:securityhub:<region>:<account>:product/<account>/default). Compliance,
 * Workflow and RecordState carry the verdict, the waiver and the baseline state.
 */
import type { Severity } from '../engine/types.js';
import { FRAMEWORK_DEFS } from '../compliance/index.js';
import { goneMessage } from './text.js';
import type { BaselineEntry, Report, ReportFinding } from './model.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

const LABEL: Record<Severity, string> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};
const COMPLIANCE_STATUS = { PASS: 'PASSED', FAIL: 'FAILED', ERROR: 'NOT_AVAILABLE', NOT_APPLICABLE: 'NOT_AVAILABLE' } as const;

/** Security Hub takes the region of the finding; global (IAM) results go to the home region of the run. */
function homeRegion(report: Report): string {
  return report.run.regions[0] ?? 'us-east-1';
}

function partitionOf(report: Report): string {
  return report.run.callerArn.split(':')[1] || 'aws';
}

function base(report: Report, f: ReportFinding | BaselineEntry): Record<string, unknown> {
  const partition = partitionOf(report);
  const region = f.region === 'global' ? homeRegion(report) : f.region;
  const types = ['Software and Configuration Checks/AWS Security Best Practices'];
  const compliance = 'compliance' in f ? f.compliance : {};
  if (compliance['cis-aws-3.0']?.length || compliance['cis-aws-5.0']?.length)
    types.push('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
  const related = Object.entries(compliance).flatMap(([fw, ids]) =>
    (ids ?? []).map((id) => `${FRAMEWORK_DEFS[fw as keyof typeof FRAMEWORK_DEFS]?.title ?? fw}/${id}`),
  );
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `${region}/${f.accountId}/${f.id}`,
    ProductArn: `arn:${partition}:securityhub:${region}:${f.accountId}:product/${f.accountId}/default`,
    ProductName: report.tool.name,
    CompanyName: report.tool.name,
    GeneratorId: `srm-audit/${f.checkId}`,
    AwsAccountId: f.accountId,
    Region: region,
    Types: types,
    CreatedAt: report.run.startedAt,
    UpdatedAt: report.run.startedAt,
    Severity: { Label: LABEL[f.severity], Original: f.severity },
    FindingProviderFields: { Severity: { Label: LABEL[f.severity], Original: f.severity }, Types: types },
    Title: f.title.slice(0, 256),
    Resources: [
      {
        Type: 'Other',
        Id: f.resource.arn ?? f.resource.id,
        Partition: partition,
        Region: f.region === 'global' ? region : f.region,
        Details: {
          Other: {
            srmResourceType: f.resource.type,
            srmResourceId: f.resource.id,
            ...(f.resource.name ? { srmResourceName: f.resource.name } : {}),
          },
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
  return {
    ...b,
    Description: (f.status === 'FAIL' ? `${f.message} Remediation: ${f.remediation}` : f.message).slice(0, 1024),
    Remediation: { Recommendation: { Text: f.remediation.slice(0, 512) } },
    Compliance: compliance,
    Workflow: { Status: workflow },
    RecordState: 'ACTIVE',
    ...(f.waiver
      ? {
          Note: {
            Text: `Waived until ${f.waiver.expires}: ${f.waiver.reason}`.slice(0, 512),
            UpdatedBy: f.waiver.owner.slice(0, 512),
            UpdatedAt: report.run.startedAt,
          },
        }
      : {}),
    ProductFields: {
      'srm-audit/CheckId': f.checkId,
      'srm-audit/Status': f.status,
      'srm-audit/Category': f.category,
      'srm-audit/Responsibility': f.responsibility,
      ...(f.baseline ? { 'srm-audit/Baseline': f.baseline } : {}),
      ...(f.previousStatus ? { 'srm-audit/PreviousStatus': f.previousStatus } : {}),
    },
  };
}

function goneFinding(report: Report, g: BaselineEntry): object {
  return {
    ...base(report, g),
    Description: goneMessage(g).slice(0, 1024),
    Workflow: { Status: 'RESOLVED' },
    RecordState: 'ARCHIVED',
    ProductFields: { 'srm-audit/CheckId': g.checkId, 'srm-audit/Baseline': 'resolved', 'srm-audit/PreviousStatus': 'FAIL' },
  };
}

export function buildAsff(report: Report): object[] {
  return [...report.findings.map((f) => finding(report, f)), ...(report.baseline?.gone ?? []).map((g) => goneFinding(report, g))];
}

export function renderAsff(report: Report): string {
  return `${JSON.stringify(buildAsff(report), null, 2)}\n`;
}
