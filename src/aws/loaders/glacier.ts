import type { DescribeVaultOutput } from '@aws-sdk/client-glacier';
import { isErrorNamed, MalformedResponse } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { GlacierClient, GetVaultAccessPolicyCommand, GetVaultLockCommand, paginateListVaults } =
  sdk<typeof import('@aws-sdk/client-glacier')>('@aws-sdk/client-glacier');

registerClient('glacier', GlacierClient);

// "-" is Glacier's documented stand-in for the account of the credentials.
const ACCOUNT = '-';

/** Every vault of the region (ListVaults pages at most 1000). */
export const vaults = defineLoader({
  id: 'glacier.vaults',
  actions: ['glacier:ListVaults'],
  async fetch({ aws }, region: string): Promise<DescribeVaultOutput[]> {
    return listAll(
      'glacier:ListVaults',
      'VaultList',
      'Marker',
      paginateListVaults({ client: aws.client('glacier', region), pageSize: 1000 }, { accountId: ACCOUNT }),
      (p) => p.VaultList,
    );
  },
});

/** The vault access policy; null when the vault has none (Glacier answers ResourceNotFoundException). */
export const vaultAccessPolicy = defineLoader({
  id: 'glacier.vaultAccessPolicy',
  actions: ['glacier:GetVaultAccessPolicy'],
  async fetch({ aws }, region: string, vault: string): Promise<string | null> {
    try {
      const out = await aws.client('glacier', region).send(new GetVaultAccessPolicyCommand({ accountId: ACCOUNT, vaultName: vault }));
      const text = out?.policy?.Policy;
      if (typeof text !== 'string' || !text.trim())
        throw new MalformedResponse(
          'it held no policy (a vault without one answers ResourceNotFoundException)',
          'glacier:GetVaultAccessPolicy',
        );
      return text;
    } catch (error) {
      if (isErrorNamed(error, 'ResourceNotFoundException')) return null;
      throw error;
    }
  },
});

export interface VaultLock {
  state?: string;
  policy?: string;
}

/** The vault lock; null when the vault has none (ResourceNotFoundException, as for the access policy). */
export const vaultLock = defineLoader({
  id: 'glacier.vaultLock',
  actions: ['glacier:GetVaultLock'],
  async fetch({ aws }, region: string, vault: string): Promise<VaultLock | null> {
    try {
      const out = await aws.client('glacier', region).send(new GetVaultLockCommand({ accountId: ACCOUNT, vaultName: vault }));
      if (!out?.State) throw new MalformedResponse('it held no State', 'glacier:GetVaultLock');
      return { state: out.State, policy: out.Policy };
    } catch (error) {
      if (isErrorNamed(error, 'ResourceNotFoundException')) return null;
      throw error;
    }
  },
});
