/** Small text pieces several formats share, so that they say the same thing the same way. */
import type { Finding } from '../engine/types.js';
import { displayStatus, type Report, type ReportFinding } from './model.js';

/** "cis-aws-3.0 5.2, 5.3 · aws-fsbp EC2.53" */
export function complianceText(f: Pick<Finding, 'compliance'>, separator = ' · '): string {
  return Object.entries(f.compliance)
    .filter(([, ids]) => ids?.length)
    .map(([framework, ids]) => `${framework} ${(ids ?? []).join(', ')}`)
    .join(separator);
}

/** The resource as a reader names it: its ARN when it has one, else its id. */
export const resourceName = (f: Pick<Finding, 'resource'>): string => f.resource.arn ?? f.resource.id;

/** "FAIL (new)", "WAIVED", "PASS (resolved)" */
export function stateText(f: ReportFinding): string {
  return `${displayStatus(f)}${f.baseline ? ` (${f.baseline})` : ''}`;
}

/** Unwaived failures first by severity, the order a reader acts in. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'informational'];

export function openFailures(report: Report): ReportFinding[] {
  return report.findings
    .filter((f) => f.status === 'FAIL' && !f.waiver)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** What a resolved failure whose resource no longer exists says in every format. */
export const goneMessage = (previous: { message: string }): string =>
  `Resolved: the resource is no longer present. It failed before: ${previous.message}`;
