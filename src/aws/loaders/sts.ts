import { requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { AssumeRoleCommand, STSClient, GetCallerIdentityCommand } = sdk<typeof import('@aws-sdk/client-sts')>('@aws-sdk/client-sts');

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

/** Temporary credentials of a member account's audit role. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/**
 * The caller's way into a member account (organization scans). AssumeRole changes nothing in
 * either account; the seam allows it by name (operations.ts). Not memoised through the loader
 * cache: credentials expire, and the per-account provider (src/org/credentials.ts) refreshes them.
 */
export const assumeRole = defineLoader({
  id: 'sts.assumeRole',
  actions: ['sts:AssumeRole'],
  async fetch({ aws }, roleArn: string, externalId?: string): Promise<RoleCredentials> {
    const out = await aws.sts().send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'srm-audit',
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
    );
    const c = out.Credentials;
    const action = 'sts:AssumeRole';
    return {
      accessKeyId: requireField(c?.AccessKeyId, 'Credentials.AccessKeyId', action),
      secretAccessKey: requireField(c?.SecretAccessKey, 'Credentials.SecretAccessKey', action),
      sessionToken: requireField(c?.SessionToken, 'Credentials.SessionToken', action),
      expiration: requireField(c?.Expiration, 'Credentials.Expiration', action),
    };
  },
});
