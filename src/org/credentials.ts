/**
 * A member account's credentials: its audit role, assumed through the caller's session (so the
 * seam guards, counts and records the AssumeRole call like any other), refreshed before expiry.
 */
import type { LoaderContext } from '../aws/loader.js';
import { assumeRole, type RoleCredentials } from '../aws/loaders/sts.js';
import type { AwsSession } from '../aws/session.js';

/** Refresh this long before the credentials expire (the SDK's own margin is five minutes). */
const REFRESH_MARGIN_MS = 10 * 60_000;

export function roleArnFor(partition: string, accountId: string, roleName: string): string {
  // A role name may carry a path (audit/srm-audit-reader): it is part of the ARN's resource.
  return `arn:${partition}:iam::${accountId}:role/${roleName.replace(/^\/+/, '')}`;
}

export type CredentialProvider = () => Promise<RoleCredentials>;

/** A provider the account's clients call on every request; it assumes the role once per lifetime. */
export function roleCredentials(caller: AwsSession, partition: string, roleArn: string, externalId?: string): CredentialProvider {
  let current: Promise<RoleCredentials> | undefined;
  const ctx: LoaderContext = {
    aws: caller.withScope({ loaderId: assumeRole.id, actions: new Set(assumeRole.actions) }),
    accountId: '',
    partition,
    load: () => Promise.reject(new Error('sts.assumeRole reads no other loader')),
  };
  return async () => {
    const held = current ? await current.catch(() => undefined) : undefined;
    if (!current || !held || held.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS) {
      current = assumeRole.fetch(ctx, roleArn, externalId);
    }
    return current;
  };
}
