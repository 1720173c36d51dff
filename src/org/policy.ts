/**
 * `srm-audit policy --organization`: the two documents an organization run needs, derived from
 * the loaders like the single-account policy.
 * - The caller's policy (management account or delegated administrator): list the organization
 *   and assume the audit role in the members, nothing else.
 * - The member role: the read-only policy the checks need, and a trust policy that lets only the
 *   caller's account assume it, and only with the external id.
 */
import { actionsOf } from '../aws/loader.js';
import { organizationAccounts, organizationTree } from '../aws/loaders/organizations.js';
import { assumeRole, callerIdentity } from '../aws/loaders/sts.js';
import type { AnyCheck } from '../engine/check.js';
import { buildPolicy, type IamPolicy } from '../policy.js';

export interface OrganizationPolicyRequest {
  roleName: string;
  /** The account the scan runs from; a placeholder when not given. */
  callerAccountId?: string;
  /** The external id the trust policy requires; a placeholder when not given. */
  externalId?: string;
  partition?: string;
}

export const CALLER_PLACEHOLDER = 'CALLER_ACCOUNT_ID';
export const EXTERNAL_ID_PLACEHOLDER = 'EXTERNAL_ID';

export interface OrganizationPolicies {
  callerPolicy: {
    Version: '2012-10-17';
    Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }>;
  };
  memberRole: {
    roleName: string;
    policy: IamPolicy;
    trustPolicy: {
      Version: '2012-10-17';
      Statement: Array<{
        Sid: string;
        Effect: 'Allow';
        Principal: { AWS: string };
        Action: 'sts:AssumeRole';
        Condition: { StringEquals: { 'sts:ExternalId': string } };
      }>;
    };
  };
}

export function buildOrganizationPolicies(checks: readonly AnyCheck[], req: OrganizationPolicyRequest): OrganizationPolicies {
  const partition = req.partition ?? 'aws';
  const caller = req.callerAccountId ?? CALLER_PLACEHOLDER;
  const listing = [...actionsOf([organizationAccounts, organizationTree, callerIdentity])].sort();
  return {
    callerPolicy: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'SrmAuditListOrganization', Effect: 'Allow', Action: listing, Resource: '*' },
        {
          Sid: 'SrmAuditAssumeMemberRole',
          Effect: 'Allow',
          Action: [...assumeRole.actions],
          Resource: `arn:${partition}:iam::*:role/${req.roleName.replace(/^\/+/, '')}`,
        },
      ],
    },
    memberRole: {
      roleName: req.roleName,
      policy: buildPolicy(checks),
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'SrmAuditCallerWithExternalId',
            Effect: 'Allow',
            Principal: { AWS: `arn:${partition}:iam::${caller}:root` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': req.externalId ?? EXTERNAL_ID_PLACEHOLDER } },
          },
        ],
      },
    },
  };
}
