import type { GetMacieSessionCommandOutput } from '@aws-sdk/client-macie2';
import { isErrorNamed, MalformedResponse } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { Macie2Client, GetMacieSessionCommand } = sdk<typeof import('@aws-sdk/client-macie2')>('@aws-sdk/client-macie2');

registerClient('macie2', Macie2Client);

export type MacieStatus = { enabled: false } | { enabled: true; status: string; session: GetMacieSessionCommandOutput };

/**
 * Whether Macie is on in the region. Macie answers GetMacieSession in a region where it was
 * never enabled with AccessDeniedException "Macie is not enabled" (documented by AWS Config's
 * team as the answer for a disabled session); only that message means "off". Any other
 * AccessDeniedException is a missing permission and stays an error.
 */
export const macieSession = defineLoader({
  id: 'macie2.session',
  actions: ['macie2:GetMacieSession'],
  async fetch({ aws }, region: string): Promise<MacieStatus> {
    try {
      const out = await aws.client('macie2', region).send(new GetMacieSessionCommand({}));
      if (typeof out.status !== 'string') throw new MalformedResponse('it held no status', 'macie2:GetMacieSession');
      return { enabled: true, status: out.status, session: out };
    } catch (error) {
      if (isErrorNamed(error, 'AccessDeniedException') && /macie is not enabled/i.test(String((error as Error).message))) {
        return { enabled: false };
      }
      throw error;
    }
  },
});
