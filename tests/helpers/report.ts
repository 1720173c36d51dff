/** Findings and reports built by hand, for the tests of the writers. */
import { findingId } from '../../src/engine/runner.js';
import type { Finding } from '../../src/engine/types.js';
import { SCHEMA_VERSION, summarize, type Report, type ReportFinding } from '../../src/report/model.js';

/** Finding number `n`: a high FAIL of `check-n` on security group `res-n` in us-east-1, with `over` applied. */
export function sampleFinding(n: number, over: Partial<ReportFinding> = {}): ReportFinding {
  const f: Omit<ReportFinding, 'id'> = {
    checkId: `check-${n}`,
    title: `Check ${n}`,
    status: 'FAIL',
    severity: 'high',
    category: 'infrastructure',
    responsibility: 'network-firewall',
    service: 'ec2',
    region: 'us-east-1',
    accountId: '123456789012',
    resource: { id: `res-${n}`, type: 'AWS::EC2::SecurityGroup' },
    message: `message ${n}`,
    remediation: `remediation ${n}`,
    compliance: {},
    ...over,
  };
  return { id: over.id ?? findingId(f.checkId, f.resource, f.region), ...f };
}

/** A report around `findings` (its regions and checks read from them), with `run` fields overridden. */
export function reportOf(findings: Finding[], run: Partial<Report['run']> = {}): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'srm-audit', version: '0.0.0-test' },
    run: {
      startedAt: '2026-11-20T12:00:00.000Z',
      finishedAt: '2026-11-20T12:00:05.000Z',
      durationMs: 5000,
      accountId: '123456789012',
      callerArn: 'arn:aws:sts::123456789012:assumed-role/auditor/x',
      regions: [...new Set(findings.map((f) => f.region))].sort(),
      source: 'replay',
      checks: [...new Set(findings.map((f) => f.checkId))],
      partial: false,
      apiCalls: { total: 0, byOperation: {} },
      errors: [],
      ...run,
    },
    summary: summarize(findings),
    findings,
    // The grid and compliance views are built from check metadata; tests that need them add them.
    views: { grid: [], compliance: [] },
  };
}
