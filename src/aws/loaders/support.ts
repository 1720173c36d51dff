import type { TrustedAdvisorCheckDescription, TrustedAdvisorCheckResult, TrustedAdvisorCheckSummary } from '@aws-sdk/client-support';
import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  SupportClient,
  DescribeTrustedAdvisorCheckResultCommand,
  DescribeTrustedAdvisorChecksCommand,
  DescribeTrustedAdvisorCheckSummariesCommand,
} = sdk<typeof import('@aws-sdk/client-support')>('@aws-sdk/client-support');

registerClient('support', SupportClient);

/** The AWS Support API has one endpoint per partition: us-east-1 for the commercial regions. */
export function supportRegion(partition: string): string {
  return partition === 'aws-us-gov' ? 'us-gov-west-1' : partition === 'aws-cn' ? 'cn-north-1' : 'us-east-1';
}

/**
 * Trusted Advisor's checks of one category (`security`), in English. Without a Business,
 * Enterprise On-Ramp or Enterprise support plan AWS answers SubscriptionRequiredException,
 * which the caller turns into "not applicable".
 */
export const trustedAdvisorChecks = defineLoader({
  id: 'support.trustedAdvisorChecks',
  actions: ['support:DescribeTrustedAdvisorChecks'],
  async fetch({ aws, partition }, category: string): Promise<TrustedAdvisorCheckDescription[]> {
    const out = await aws.client('support', supportRegion(partition)).send(new DescribeTrustedAdvisorChecksCommand({ language: 'en' }));
    const checks = requireField(out.checks, 'checks', 'support:DescribeTrustedAdvisorChecks');
    return checks.filter((c) => c.category === category);
  },
});

/** The latest status of many checks in one call (ok, warning, error, not_available). */
export const trustedAdvisorSummaries = defineLoader({
  id: 'support.trustedAdvisorSummaries',
  actions: ['support:DescribeTrustedAdvisorCheckSummaries'],
  async fetch({ aws, partition }, checkIds: string[]): Promise<TrustedAdvisorCheckSummary[]> {
    if (!checkIds.length) return [];
    const out = await aws.client('support', supportRegion(partition)).send(new DescribeTrustedAdvisorCheckSummariesCommand({ checkIds }));
    return requireField(out.summaries, 'summaries', 'support:DescribeTrustedAdvisorCheckSummaries');
  },
});

/** One check's result with its flagged resources: asked only for the checks whose summary flags something. */
export const trustedAdvisorResult = defineLoader({
  id: 'support.trustedAdvisorResult',
  actions: ['support:DescribeTrustedAdvisorCheckResult'],
  async fetch({ aws, partition }, checkId: string): Promise<TrustedAdvisorCheckResult> {
    const out = await aws
      .client('support', supportRegion(partition))
      .send(new DescribeTrustedAdvisorCheckResultCommand({ checkId, language: 'en' }));
    const result = requireField(out.result, 'result', 'support:DescribeTrustedAdvisorCheckResult');
    if (!Array.isArray(result.flaggedResources)) {
      throw new MalformedResponse(`it held no flaggedResources list for check ${checkId}`, 'support:DescribeTrustedAdvisorCheckResult');
    }
    return result;
  },
});
