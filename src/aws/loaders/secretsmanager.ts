import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { SecretsManagerClient, GetResourcePolicyCommand, paginateListSecrets } =
  sdk<typeof import('@aws-sdk/client-secrets-manager')>('@aws-sdk/client-secrets-manager');

registerClient('secretsmanager', SecretsManagerClient);

/**
 * Every secret of the region (not those scheduled for deletion). ListSecrets carries rotation,
 * last-rotated and last-accessed dates, so the four rotation/usage checks cost one paginated
 * read; 100 is its largest MaxResults. Secret values are never read.
 */
export const secrets = defineLoader({
  id: 'secretsmanager.secrets',
  actions: ['secretsmanager:ListSecrets'],
  async fetch({ aws }, region: string): Promise<SecretListEntry[]> {
    return listAll(
      'secretsmanager:ListSecrets',
      'SecretList',
      'NextToken',
      paginateListSecrets({ client: aws.client('secretsmanager', region), pageSize: 100 }, {}),
      (p) => p.SecretList,
    );
  },
});

/**
 * The secret's resource policy; null when it has none. Secrets Manager answers a secret without a
 * policy with a 200 that names the secret and leaves ResourcePolicy out (GetResourcePolicy,
 * "Response Elements"); an answer without the secret's ARN is unusable.
 */
export const secretPolicy = defineLoader({
  id: 'secretsmanager.secretPolicy',
  actions: ['secretsmanager:GetResourcePolicy'],
  async fetch({ aws }, region: string, secretArn: string): Promise<string | null> {
    const out = await aws.client('secretsmanager', region).send(new GetResourcePolicyCommand({ SecretId: secretArn }));
    requireField(out?.ARN, 'ARN', 'secretsmanager:GetResourcePolicy');
    return typeof out.ResourcePolicy === 'string' && out.ResourcePolicy.trim() ? out.ResourcePolicy : null;
  },
});
