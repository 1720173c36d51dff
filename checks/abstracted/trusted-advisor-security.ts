import { describeError } from '../../src/aws/errors.js';
import { trustedAdvisorChecks, trustedAdvisorResult, trustedAdvisorSummaries } from '../../src/aws/loaders/support.js';
import { defineCheck } from '../../src/engine/check.js';
import type { Resource } from '../../src/engine/types.js';

/** Trusted Advisor's own severity words, mapped to ours. */
const SEVERITY = { error: 'high', warning: 'medium' } as const;

export default defineCheck({
  id: 'trusted-advisor-security',
  title: "Trusted Advisor's security checks flag nothing",
  // Trusted Advisor reads the whole account the way a managed service would: its findings sit beside ours, AWS's view of the same duties.
  risk: "AWS's own advisor sees the account from the provider's side (exposed keys on public repositories, open buckets, root MFA); a flag it raises is one AWS already knows about.",
  category: 'abstracted',
  responsibility: 'monitoring',
  service: 'support',
  scope: 'global',
  severity: 'medium',
  compliance: {},
  remediation: 'Open Trusted Advisor > Security, act on each flagged resource (or exclude it there with a reason), and refresh the check.',
  loaders: { trustedAdvisorChecks, trustedAdvisorSummaries, trustedAdvisorResult },
  async run({ accountId, load, result }) {
    const checkResource = (name: string, id: string): Resource => ({
      id: `trusted-advisor/${id}`,
      type: 'AWS::TrustedAdvisor::Check',
      name,
    });
    let checks;
    try {
      checks = await load.trustedAdvisorChecks('security');
    } catch (error) {
      // Without Business, Enterprise On-Ramp or Enterprise Support the API is closed: a fact about the plan, not a failure to read.
      if (describeError(error).code === 'SubscriptionRequiredException') {
        result.notApplicable(
          { id: accountId, type: 'AWS::::Account', name: `Trusted Advisor of account ${accountId}` },
          'The AWS Support API (Trusted Advisor) needs a Business, Enterprise On-Ramp or Enterprise support plan (SubscriptionRequiredException).',
        );
        return;
      }
      throw error;
    }
    const summaries = new Map((await load.trustedAdvisorSummaries(checks.map((c) => c.id!).filter(Boolean))).map((s) => [s.checkId, s]));
    for (const check of checks) {
      const resource = checkResource(check.name ?? check.id ?? '?', check.id ?? '?');
      const summary = summaries.get(check.id);
      const status = summary?.status;
      if (status === 'ok') {
        result.pass(resource, 'Nothing flagged.');
      } else if (status === 'not_available') {
        result.notApplicable(resource, 'Trusted Advisor has no result for this check in this account.');
      } else if (status === 'warning' || status === 'error') {
        try {
          const flagged = (await load.trustedAdvisorResult(check.id!)).flaggedResources!.filter(
            (r) => !r.isSuppressed && r.status !== 'ok',
          );
          if (!flagged.length)
            result.fail(resource, `Trusted Advisor reports ${status}, with no resource listed.`, { severity: SEVERITY[status] });
          for (const r of flagged) {
            const sev = r.status === 'error' ? 'high' : r.status === 'warning' ? 'medium' : SEVERITY[status];
            result.fail(
              {
                id: `trusted-advisor/${check.id}/${r.resourceId ?? '?'}`,
                type: 'AWS::TrustedAdvisor::FlaggedResource',
                name: `${check.name}: ${(r.metadata ?? []).filter(Boolean).slice(0, 3).join(' / ') || r.resourceId}`,
              },
              `Trusted Advisor flags this (${r.status ?? status}${r.region ? `, ${r.region}` : ''}) under "${check.name}".`,
              { severity: sev, evidence: { check: check.name, metadataColumns: check.metadata, metadata: r.metadata } },
            );
          }
        } catch (error) {
          result.error(resource, error);
        }
      } else {
        result.error(resource, new Error(`Trusted Advisor gave no usable status for this check (${String(status)})`));
      }
    }
  },
});
