/**
 * The organization the benchmark's `org<N>` sizes scan: N member accounts, each the "small"
 * synthetic account (every member answers alike; the seam tells the answers apart by account,
 * and the stand-in throttles per account, operation and region, as AWS does).
 */
import type { Handlers } from '../../demo/world/types.js';
import { ACCOUNT_ID } from './model.js';

export const ORG_SIZE = /^org(\d+)$/;

export const memberIds = (count: number): string[] => Array.from({ length: count }, (_, i) => String(300000000000 + i));

export function organizationHandlers(count: number): Record<string, Handlers> {
  const members = memberIds(count);
  return {
    organizations: {
      ListAccounts: () => ({ Accounts: members.map((Id, i) => ({ Id, Name: `member-${i}`, State: 'ACTIVE' })) }),
      ListRoots: () => ({ Roots: [{ Id: 'r-bnch', Name: 'Root' }] }),
      ListOrganizationalUnitsForParent: () => ({ OrganizationalUnits: [] }),
      ListAccountsForParent: () => ({ Accounts: members.map((Id) => ({ Id })) }),
    },
    sts: {
      AssumeRole: (_region, input) => ({
        Credentials: {
          AccessKeyId: `ASIA${String(input.RoleArn).slice(13, 25)}`,
          SecretAccessKey: 'bench',
          SessionToken: 'bench',
          Expiration: new Date(Date.now() + 3600_000),
        },
        AssumedRoleUser: { Arn: `${String(input.RoleArn)}/srm-audit`, AssumedRoleId: `AROA${ACCOUNT_ID}` },
      }),
    },
  };
}

/** The calls an organization run needs besides its members' own: list it, then one AssumeRole each. */
export const organizationMinimalCalls = (count: number): Record<string, number> => ({
  'sts:GetCallerIdentity': 1,
  'organizations:ListAccounts': 1,
  'organizations:ListRoots': 1,
  'organizations:ListOrganizationalUnitsForParent': 1,
  'organizations:ListAccountsForParent': 1,
  'sts:AssumeRole': count,
});
/** ListRoots → the root's children, then AssumeRole, before a member's first call. */
export const ORGANIZATION_CHAIN = 3;
