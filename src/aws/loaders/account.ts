import type { AlternateContact, ContactInformation } from '@aws-sdk/client-account';
import { isErrorNamed, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } =
  sdk<typeof import('@aws-sdk/client-account')>('@aws-sdk/client-account');

registerClient('account', AccountClient);

/** One alternate contact of the account; null when none of that type is registered (AWS answers ResourceNotFoundException). */
export const alternateContact = defineLoader({
  id: 'account.alternateContact',
  actions: ['account:GetAlternateContact'],
  async fetch({ aws }, type: 'SECURITY' | 'BILLING' | 'OPERATIONS'): Promise<AlternateContact | null> {
    try {
      const out = await aws.client('account').send(new GetAlternateContactCommand({ AlternateContactType: type }));
      return requireField(out.AlternateContact, 'AlternateContact', 'account:GetAlternateContact');
    } catch (error) {
      if (isErrorNamed(error, 'ResourceNotFoundException')) return null;
      throw error;
    }
  },
});

/** The account's primary contact; every account has one, so its absence is an unusable answer. */
export const contactInformation = defineLoader({
  id: 'account.contactInformation',
  actions: ['account:GetContactInformation'],
  async fetch({ aws }): Promise<ContactInformation> {
    const out = await aws.client('account').send(new GetContactInformationCommand({}));
    return requireField(out.ContactInformation, 'ContactInformation', 'account:GetContactInformation');
  },
});
