import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';

registerClient('sts', STSClient);

export interface CallerIdentity {
  accountId: string;
  arn: string;
  partition: string;
}

export const callerIdentity = defineLoader({
  id: 'sts.callerIdentity',
  actions: ['sts:GetCallerIdentity'],
  async fetch({ aws }): Promise<CallerIdentity> {
    const out = await aws.sts().send(new GetCallerIdentityCommand({}));
    if (!out.Account || !out.Arn) throw new Error('sts:GetCallerIdentity returned no account id');
    return { accountId: out.Account, arn: out.Arn, partition: out.Arn.split(':')[1] || 'aws' };
  },
});
