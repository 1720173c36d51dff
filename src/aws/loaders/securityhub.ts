import type { DescribeHubResponse } from '@aws-sdk/client-securityhub';
import { isErrorNamed, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { DescribeHubCommand, SecurityHubClient } = sdk<typeof import('@aws-sdk/client-securityhub')>('@aws-sdk/client-securityhub');

registerClient('securityhub', SecurityHubClient);

/**
 * The region's hub, or null when Security Hub is not enabled: DescribeHub answers an account
 * that is not subscribed with InvalidAccessException (the Security Hub API reference), which
 * is a fact about the region, not a failure. Any other error stays an error.
 */
export const hub = defineLoader({
  id: 'securityhub.hub',
  actions: ['securityhub:DescribeHub'],
  async fetch({ aws }, region: string): Promise<DescribeHubResponse | null> {
    try {
      const out = await aws.client('securityhub', region).send(new DescribeHubCommand({}));
      requireField(out?.HubArn, 'HubArn', 'securityhub:DescribeHub');
      return out;
    } catch (error) {
      if (isErrorNamed(error, 'InvalidAccessException')) return null;
      throw error;
    }
  },
});
