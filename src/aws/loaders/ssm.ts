import type { DocumentIdentifier, InstanceInformation, ResourceComplianceSummaryItem } from '@aws-sdk/client-ssm';
import { isErrorNamed, MalformedResponse } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  SSMClient,
  DescribeDocumentPermissionCommand,
  GetServiceSettingCommand,
  paginateDescribeInstanceInformation,
  paginateListDocuments,
  paginateListResourceComplianceSummaries,
} = sdk<typeof import('@aws-sdk/client-ssm')>('@aws-sdk/client-ssm');

registerClient('ssm', SSMClient);

/** Every managed node Systems Manager knows in the region (EC2 instances and hybrid nodes), with ping status and agent version. */
export const instanceInformation = defineLoader({
  id: 'ssm.instanceInformation',
  actions: ['ssm:DescribeInstanceInformation'],
  async fetch({ aws }, region: string): Promise<InstanceInformation[]> {
    // MaxResults is capped at 50 for this API.
    return listAll(
      'ssm:DescribeInstanceInformation',
      'InstanceInformationList',
      'NextToken',
      paginateDescribeInstanceInformation({ client: aws.client('ssm', region), pageSize: 50 }, {}),
      (p) => p.InstanceInformationList,
    );
  },
});

/**
 * The compliance summary of every resource of one compliance type (`Patch` or `Association`)
 * in the region, in bulk: one paginated ListResourceComplianceSummaries, not a call per
 * instance. Each item carries its status, the severity counts of what is non-compliant, and
 * when the last scan or association run happened (ExecutionSummary.ExecutionTime).
 */
export const complianceSummaries = defineLoader({
  id: 'ssm.complianceSummaries',
  actions: ['ssm:ListResourceComplianceSummaries'],
  async fetch({ aws }, region: string, complianceType: 'Patch' | 'Association'): Promise<ResourceComplianceSummaryItem[]> {
    const items = await listAll(
      'ssm:ListResourceComplianceSummaries',
      'ResourceComplianceSummaryItems',
      'NextToken',
      paginateListResourceComplianceSummaries(
        { client: aws.client('ssm', region), pageSize: 50 },
        { Filters: [{ Key: 'ComplianceType', Values: [complianceType], Type: 'EQUAL' }] },
      ),
      (p) => p.ResourceComplianceSummaryItems,
    );
    // An endpoint that ignores the filter must not lend one type's verdict to the other.
    return items.filter((i) => i.ComplianceType === undefined || i.ComplianceType === complianceType);
  },
});

/** The SSM documents this account owns (Owner=Self): only these can be shared by it. */
export const ownedDocuments = defineLoader({
  id: 'ssm.ownedDocuments',
  actions: ['ssm:ListDocuments'],
  async fetch({ aws }, region: string): Promise<DocumentIdentifier[]> {
    return listAll(
      'ssm:ListDocuments',
      'DocumentIdentifiers',
      'NextToken',
      paginateListDocuments({ client: aws.client('ssm', region), pageSize: 50 }, { Filters: [{ Key: 'Owner', Values: ['Self'] }] }),
      (p) => p.DocumentIdentifiers,
    );
  },
});

/** The accounts a document is shared with; "all" means public. */
export const documentShares = defineLoader({
  id: 'ssm.documentShares',
  actions: ['ssm:DescribeDocumentPermission'],
  async fetch({ aws }, region: string, name: string): Promise<string[]> {
    const out = await aws.client('ssm', region).send(new DescribeDocumentPermissionCommand({ Name: name, PermissionType: 'Share' }));
    // AWS sends the list (empty for a private document); without it who may run the document is unknown.
    if (!Array.isArray(out.AccountIds)) throw new MalformedResponse('it held no AccountIds list', 'ssm:DescribeDocumentPermission');
    return out.AccountIds;
  },
});

export const PUBLIC_SHARING_SETTING = '/ssm/documents/console/public-sharing-permission';

/**
 * The account's "block public sharing" setting for SSM documents in the region: the service
 * setting's value, `Enable` (documents may be shared publicly) or `Disable` (blocked).
 */
export const publicSharingPermission = defineLoader({
  id: 'ssm.publicSharingPermission',
  actions: ['ssm:GetServiceSetting'],
  async fetch({ aws }, region: string): Promise<string> {
    const out = await aws.client('ssm', region).send(new GetServiceSettingCommand({ SettingId: PUBLIC_SHARING_SETTING }));
    const value = out.ServiceSetting?.SettingValue;
    if (typeof value !== 'string' || !value) throw new MalformedResponse('it held no ServiceSetting.SettingValue', 'ssm:GetServiceSetting');
    return value;
  },
});

/** AWS's way of saying a document vanished between the listing and the permission read. */
export function isMissingDocument(error: unknown): boolean {
  return isErrorNamed(error, 'InvalidDocument');
}
