import type { IdentityDkimAttributes, IdentityVerificationAttributes } from '@aws-sdk/client-ses';
import { requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  SESClient,
  GetIdentityDkimAttributesCommand,
  GetIdentityPoliciesCommand,
  GetIdentityVerificationAttributesCommand,
  ListIdentityPoliciesCommand,
  paginateListIdentities,
} = sdk<typeof import('@aws-sdk/client-ses')>('@aws-sdk/client-ses');

registerClient('ses', SESClient);

/** Every identity (domain or address) of the region; 1000 is ListIdentities' largest MaxItems. */
export const identities = defineLoader({
  id: 'ses.identities',
  actions: ['ses:ListIdentities'],
  async fetch({ aws }, region: string): Promise<string[]> {
    return listAll(
      'ses:ListIdentities',
      'Identities',
      'NextToken',
      paginateListIdentities({ client: aws.client('ses', region), pageSize: 1000 }, {}),
      (p) => p.Identities,
    );
  },
});

// Both attribute calls take at most 100 identities per request.
const BATCH = 100;
async function inBatches<T>(names: string[], read: (batch: string[]) => Promise<Record<string, T>>): Promise<Record<string, T>> {
  const out: Record<string, T> = {};
  for (let i = 0; i < names.length; i += BATCH) Object.assign(out, await read(names.slice(i, i + BATCH)));
  return out;
}

export interface IdentityFacts {
  verification: Record<string, IdentityVerificationAttributes>;
  dkim: Record<string, IdentityDkimAttributes>;
}

/** Verification status and DKIM settings of every identity, read 100 identities per call. */
export const identityAttributes = defineLoader({
  id: 'ses.identityAttributes',
  actions: ['ses:GetIdentityVerificationAttributes', 'ses:GetIdentityDkimAttributes'],
  uses: [identities],
  async fetch({ aws, load }, region: string): Promise<IdentityFacts> {
    const names = await load(identities, region);
    const client = aws.client('ses', region);
    const [verification, dkim] = await Promise.all([
      inBatches(names, async (Identities) =>
        requireField(
          (await client.send(new GetIdentityVerificationAttributesCommand({ Identities })))?.VerificationAttributes,
          'VerificationAttributes',
          'ses:GetIdentityVerificationAttributes',
        ),
      ),
      inBatches(names, async (Identities) =>
        requireField(
          (await client.send(new GetIdentityDkimAttributesCommand({ Identities })))?.DkimAttributes,
          'DkimAttributes',
          'ses:GetIdentityDkimAttributes',
        ),
      ),
    ]);
    return { verification, dkim };
  },
});

/**
 * The sending-authorization policies of one identity, by name (empty when it has none).
 * ListIdentityPolicies names them; GetIdentityPolicies reads at most 20 per call.
 */
export const identityPolicies = defineLoader({
  id: 'ses.identityPolicies',
  actions: ['ses:ListIdentityPolicies', 'ses:GetIdentityPolicies'],
  async fetch({ aws }, region: string, identity: string): Promise<Record<string, string>> {
    const client = aws.client('ses', region);
    const listed = await client.send(new ListIdentityPoliciesCommand({ Identity: identity }));
    const names = requireField(listed?.PolicyNames, 'PolicyNames', 'ses:ListIdentityPolicies');
    const policies: Record<string, string> = {};
    for (let i = 0; i < names.length; i += 20) {
      const out = await client.send(new GetIdentityPoliciesCommand({ Identity: identity, PolicyNames: names.slice(i, i + 20) }));
      Object.assign(policies, requireField(out?.Policies, 'Policies', 'ses:GetIdentityPolicies'));
    }
    return policies;
  },
});
