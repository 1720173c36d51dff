/**
 * SARIF 2.1.0 for code-scanning style CI views: one rule per check, one result per finding.
 * Cloud resources have no file, so a result is located by a logical location (the ARN).
 * Baseline state maps to result.baselineState, a waiver to an accepted external suppression.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity, Status } from '../engine/types.js';
import { knownSeverity, type BaselineEntry, type Report, type ReportFinding } from './model.js';
import { complianceText, goneMessage, jsonChunks, wellFormedStrings } from './text.js';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', informational: 'note' };
const KIND: Record<Status, Result.kind> = { PASS: 'pass', FAIL: 'fail', ERROR: 'open', NOT_APPLICABLE: 'notApplicable' };
const BASELINE: Record<string, Result.baselineState> = { new: 'new', persisting: 'unchanged', resolved: 'updated' };
/** GitHub code scanning reads this property for ordering (0.0 to 10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', informational: '0.0' };

/**
 * A SARIF plain-text message string (§3.11.3) saying exactly `value`: "{" and "}" doubled, since a
 * single one starts a placeholder (§3.11.5: "{0}" in a policy would be replaced, or make the log
 * invalid), and "\\", "[" and "]" escaped, since "[text](https://…)" is an embedded link (§3.11.6)
 * a viewer shows as a link. Never empty: the property must be a non-empty string.
 */
export function sarifText(value: string): string {
  return value.replace(/[{}]/g, '$&$&').replace(/[\\[\]]/g, '\\$&') || '(no text)';
}

function location(f: ReportFinding | BaselineEntry): Result['locations'] {
  return [
    {
      logicalLocations: [
        { name: f.resource.id, fullyQualifiedName: f.resource.arn ?? `${f.region}/${f.resource.id}`, kind: f.resource.type },
      ],
      message: { text: sarifText(`${f.resource.type} ${f.resource.name ?? f.resource.id} in ${f.region}`) },
    },
  ];
}

/** One rule per check, in the order the checks first appear (the results refer to them by index). */
function sarifRules(report: Report): Map<string, { index: number; rule: ReportingDescriptor }> {
  const rules = new Map<string, { index: number; rule: ReportingDescriptor }>();
  // The findings, then the baseline's gone ones, read once (a spooled report's are not all in memory).
  const add = (f: ReportFinding | BaselineEntry): void => {
    if (rules.has(f.checkId)) return;
    const full = f as ReportFinding;
    const severity = knownSeverity(f.severity);
    rules.set(f.checkId, {
      index: rules.size,
      rule: {
        id: f.checkId,
        name: f.checkId,
        shortDescription: { text: sarifText(f.title) },
        ...(full.remediation ? { help: { text: sarifText(full.remediation) } } : {}),
        defaultConfiguration: { level: LEVEL[severity] },
        properties: {
          // A baseline entry may lack them: tags must be strings.
          tags: ['security', f.category, f.responsibility].filter((tag) => typeof tag === 'string'),
          'security-severity': SECURITY_SEVERITY[severity],
          ...(full.compliance ? { compliance: complianceText(full) } : {}),
        },
      },
    });
  };
  for (const f of report.findings) add(f);
  for (const g of report.baseline?.gone ?? []) add(g);
  return rules;
}

/** The results one at a time, made as they are written. */
function* sarifResults(report: Report, rules: ReturnType<typeof sarifRules>): Generator<Result> {
  const ruleIndex = (f: ReportFinding | BaselineEntry): number => rules.get(f.checkId)!.index;
  for (const f of report.findings) {
    yield {
      ruleId: f.checkId,
      ruleIndex: ruleIndex(f),
      kind: KIND[f.status],
      level: f.status === 'FAIL' ? LEVEL[f.severity] : 'none',
      message: { text: sarifText(f.message) },
      locations: location(f),
      partialFingerprints: { srmFindingId: f.id },
      ...(f.baseline ? { baselineState: BASELINE[f.baseline] } : {}),
      ...(f.waiver
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${f.waiver.reason} (owner ${f.waiver.owner}, until ${f.waiver.expires}, ${f.waiver.source})`,
              },
            ],
          }
        : {}),
      properties: {
        status: f.status,
        severity: f.severity,
        region: f.region,
        accountId: f.accountId,
        ...(f.previousStatus ? { previousStatus: f.previousStatus } : {}),
      },
    };
  }
  for (const g of report.baseline?.gone ?? []) {
    yield {
      ruleId: g.checkId,
      ruleIndex: ruleIndex(g),
      kind: 'pass',
      level: 'none',
      message: { text: sarifText(goneMessage(g)) },
      locations: location(g),
      partialFingerprints: { srmFindingId: g.id },
      baselineState: 'absent',
      properties: { status: 'GONE', severity: g.severity, region: g.region, accountId: g.accountId, previousStatus: 'FAIL' },
    };
  }
}

/** The log around its results (`results` stands for them: the list, or the streaming marker). */
function sarifLog(report: Report, rules: ReturnType<typeof sarifRules>, results: unknown): Log {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: [...rules.values()].map((r) => r.rule),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.run.partial,
            startTimeUtc: report.run.startedAt,
            endTimeUtc: report.run.finishedAt,
            toolExecutionNotifications: report.run.errors.map((e) => ({
              level: 'warning' as const,
              message: { text: sarifText(`${e.checkId} in ${e.region} (${e.resourceId}): ${e.code}: ${e.message}`) },
              descriptor: { id: e.code },
            })),
          },
        ],
        automationDetails: { id: `srm-audit/${report.run.accountId}/${report.run.startedAt}` },
        results: results as Result[],
        properties: { accountId: report.run.accountId, regions: report.run.regions, source: report.run.source },
      },
    ],
  };
}

export function buildSarif(report: Report): Log {
  const rules = sarifRules(report);
  return sarifLog(report, rules, [...sarifResults(report, rules)]);
}

export function renderSarifChunks(report: Report): Generator<string> {
  const rules = sarifRules(report);
  return jsonChunks((marker) => sarifLog(report, rules, marker), sarifResults(report, rules), wellFormedStrings);
}

export const renderSarif = (report: Report): string => [...renderSarifChunks(report)].join('');
