import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { defineLoader } from '../loader.js';

/** GetAccountSummary's SummaryMap: AccountMFAEnabled, AccountPasswordPresent, … */
export const accountSummary = defineLoader({
  id: 'iam.accountSummary',
  actions: ['iam:GetAccountSummary'],
  async fetch({ aws }): Promise<Record<string, number>> {
    const out = await aws.iam().send(new GetAccountSummaryCommand({}));
    return { ...(out.SummaryMap ?? {}) };
  },
});
