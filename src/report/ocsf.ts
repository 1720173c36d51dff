/**
 * OCSF Detection Finding (class_uid 2004, category Findings) events, one per finding, in a
 * JSON array: the shape Security Lake and SIEMs ingest. activity_id and status_id carry the
 * baseline and waiver state (Create/Update/Close; New/Suppressed/Resolved).
 */
import type { Severity } from '../engine/types.js';
import { knownSeverity, type BaselineEntry, type Report, type ReportFinding } from './model.js';
import { complianceText, goneMessage, jsonChunks, wellFormedStrings } from './text.js';

export const OCSF_VERSION = '1.1.0';
const CLASS_UID = 2004;
const CATEGORY_UID = 2;

const SEVERITY_ID: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };
const ACTIVITY = { create: [1, 'Create'], update: [2, 'Update'], close: [3, 'Close'] } as const;
const FINDING_STATUS = {
  new: [1, 'New'],
  inProgress: [2, 'In Progress'],
  suppressed: [3, 'Suppressed'],
  resolved: [4, 'Resolved'],
} as const;

function lifecycle(f: Pick<ReportFinding, 'status' | 'baseline' | 'waiver'>): {
  activity: readonly [number, string];
  status: readonly [number, string];
} {
  if (f.status === 'PASS' || f.status === 'NOT_APPLICABLE') {
    return { activity: f.baseline === 'resolved' ? ACTIVITY.close : ACTIVITY.create, status: FINDING_STATUS.resolved };
  }
  const activity = f.baseline === 'persisting' ? ACTIVITY.update : ACTIVITY.create;
  if (f.waiver) return { activity, status: FINDING_STATUS.suppressed };
  return { activity, status: f.baseline === 'persisting' ? FINDING_STATUS.inProgress : FINDING_STATUS.new };
}

function event(report: Report, f: ReportFinding | (BaselineEntry & { status: 'GONE' }), gone = false): object {
  const { activity, status } = gone ? { activity: ACTIVITY.close, status: FINDING_STATUS.resolved } : lifecycle(f as ReportFinding);
  const full = f as ReportFinding;
  const severityId = SEVERITY_ID[knownSeverity(f.severity)];
  const time = Date.parse(report.run.startedAt);
  return {
    class_uid: CLASS_UID,
    class_name: 'Detection Finding',
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    activity_id: activity[0],
    activity_name: activity[1],
    type_uid: CLASS_UID * 100 + activity[0],
    type_name: `Detection Finding: ${activity[1]}`,
    severity_id: severityId,
    severity: SEVERITY_NAME[severityId],
    status_id: status[0],
    status: status[1],
    time,
    message: gone ? goneMessage(f) : f.message,
    metadata: {
      version: OCSF_VERSION,
      product: { name: report.tool.name, vendor_name: report.tool.name, version: report.tool.version },
      uid: f.id,
      log_name: 'srm-audit',
    },
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: gone ? 'The failing resource of the baseline is gone.' : full.remediation,
      analytic: { uid: f.checkId, name: f.checkId, type_id: 1, type: 'Rule' },
      // A baseline entry may lack them: types must be strings.
      types: [f.category, f.responsibility].filter((type) => typeof type === 'string'),
      created_time: time,
    },
    cloud: { provider: 'AWS', account: { uid: f.accountId, type_id: 10, type: 'AWS Account' }, region: f.region },
    resources: [
      {
        uid: f.resource.arn ?? f.resource.id,
        name: f.resource.name ?? f.resource.id,
        type: f.resource.type,
        region: f.region,
        cloud_partition: (f.resource.arn ?? '').split(':')[1] || undefined,
      },
    ],
    unmapped: {
      srm_status: gone ? 'GONE' : f.status,
      srm_check_id: f.checkId,
      srm_baseline: gone ? 'resolved' : full.baseline,
      srm_previous_status: gone ? 'FAIL' : full.previousStatus,
      srm_compliance: gone ? undefined : complianceText(full, '; ') || undefined,
      srm_waiver: gone ? undefined : full.waiver,
    },
  };
}

/** The events one at a time, made as they are written. */
function* ocsfEvents(report: Report): Generator<object> {
  for (const f of report.findings) yield event(report, f);
  for (const g of report.baseline?.gone ?? []) yield event(report, { ...g, status: 'GONE' as const }, true);
}

export function buildOcsf(report: Report): object[] {
  return [...ocsfEvents(report)];
}

export function renderOcsfChunks(report: Report): Generator<string> {
  return jsonChunks((marker) => marker, ocsfEvents(report), wellFormedStrings);
}

export const renderOcsf = (report: Report): string => [...renderOcsfChunks(report)].join('');
