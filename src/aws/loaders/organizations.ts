import type { Account } from '@aws-sdk/client-organizations';
import { isErrorNamed, requireField, tagErrorAction } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { listAll } from './paginate.js';
import { sdk } from '../sdk.js';
const {
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} = sdk<typeof import('@aws-sdk/client-organizations')>('@aws-sdk/client-organizations');

registerClient('organizations', OrganizationsClient);

/** A member account as the organization lists it. */
export interface OrgAccount {
  id: string;
  name: string;
  /**
   * The account's lifecycle state. `State` replaced `Status` (retired 9 September 2026); an
   * answer with only `Status` (older endpoints, emulators) is read from it.
   */
  state: string;
}

function toOrgAccount(a: Account, action: string): OrgAccount {
  return {
    id: requireField(a.Id, 'Account.Id', action),
    name: a.Name ?? '',
    state: requireField(a.State ?? a.Status, 'Account.State', action),
  };
}

/** Every account of the organization, whatever its state (the caller filters ACTIVE). */
export const organizationAccounts = defineLoader({
  id: 'organizations.accounts',
  actions: ['organizations:ListAccounts'],
  async fetch({ aws }): Promise<OrgAccount[]> {
    const action = 'organizations:ListAccounts';
    const list = await listAll(
      action,
      'Accounts',
      'NextToken',
      paginateListAccounts({ client: aws.client('organizations') }, {}),
      (p) => p.Accounts,
    );
    return list.map((a) => toOrgAccount(a, action));
  },
});

/** A node of the organization tree: the root or an OU, with its path from the root ("Root/Prod/Web"). */
export interface OrgUnit {
  id: string;
  path: string;
}

/** The organization's tree: each OU's path, and each account's direct parent. */
export interface OrgTree {
  units: OrgUnit[];
  /** OU (or root) id → the ids of its child OUs. */
  children: Record<string, string[]>;
  /** OU (or root) id → the ids of the accounts directly in it. */
  accounts: Record<string, string[]>;
}

/**
 * The tree walked from the roots down: one ListOrganizationalUnitsForParent and one
 * ListAccountsForParent per OU, which costs the number of OUs rather than one ListParents per
 * account (organizations have far fewer OUs than accounts).
 */
export const organizationTree = defineLoader({
  id: 'organizations.tree',
  actions: ['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'],
  async fetch({ aws }): Promise<OrgTree> {
    const client = aws.client('organizations');
    const roots = await listAll('organizations:ListRoots', 'Roots', 'NextToken', paginateListRoots({ client }, {}), (p) => p.Roots);
    const tree: OrgTree = { units: [], children: {}, accounts: {} };
    const visit = async (id: string, path: string): Promise<void> => {
      tree.units.push({ id, path });
      const [ous, accounts] = await Promise.all([
        listAll(
          'organizations:ListOrganizationalUnitsForParent',
          'OrganizationalUnits',
          'NextToken',
          paginateListOrganizationalUnitsForParent({ client }, { ParentId: id }),
          (p) => p.OrganizationalUnits,
        ),
        listAll(
          'organizations:ListAccountsForParent',
          'Accounts',
          'NextToken',
          paginateListAccountsForParent({ client }, { ParentId: id }),
          (p) => p.Accounts,
        ),
      ]);
      tree.accounts[id] = accounts.map((a) => requireField(a.Id, 'Account.Id', 'organizations:ListAccountsForParent'));
      const childIds = ous.map((ou) => requireField(ou.Id, 'OrganizationalUnit.Id', 'organizations:ListOrganizationalUnitsForParent'));
      tree.children[id] = childIds;
      await Promise.all(ous.map((ou, i) => visit(childIds[i]!, `${path}/${ou.Name ?? childIds[i]}`)));
    };
    for (const root of roots) {
      const id = requireField(root.Id, 'Root.Id', 'organizations:ListRoots');
      await visit(id, root.Name ?? 'Root');
    }
    tree.units.sort((a, b) => a.path.localeCompare(b.path));
    return tree;
  },
});

/** The organization this account belongs to, or `inOrganization: false` when it is in none. */
export type OrganizationMembership =
  { inOrganization: true; id: string; arn?: string; managementAccountId?: string } | { inOrganization: false };

/**
 * DescribeOrganization, callable from any member account. AWSOrganizationsNotInUseException is
 * AWS's answer for an account in no organization: a fact, not a failure. Any other error
 * (AccessDenied) is thrown, tagged with the call, for the caller to say what it could not read.
 */
export const organization = defineLoader({
  id: 'organizations.organization',
  actions: ['organizations:DescribeOrganization'],
  async fetch({ aws }): Promise<OrganizationMembership> {
    try {
      const out = await aws.client('organizations').send(new DescribeOrganizationCommand({}));
      const org = requireField(out.Organization, 'Organization', 'organizations:DescribeOrganization');
      return {
        inOrganization: true,
        id: requireField(org.Id, 'Organization.Id', 'organizations:DescribeOrganization'),
        arn: org.Arn,
        managementAccountId: org.MasterAccountId,
      };
    } catch (error) {
      if (isErrorNamed(error, 'AWSOrganizationsNotInUseException')) return { inOrganization: false };
      tagErrorAction(error, 'organizations:DescribeOrganization');
      throw error;
    }
  },
});
