import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { isErrorNamed, requireField, tagErrorAction } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';

registerClient('organizations', OrganizationsClient);

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
