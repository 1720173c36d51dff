/**
 * Systems Manager in the demo account (issue 16): managed and unmanaged instances, patch
 * compliance that is current, missing patches, stale and absent, associations, documents
 * (one public) and the public-sharing block on in one region only.
 */
import type { InstanceInformation, ResourceComplianceSummaryItem } from '@aws-sdk/client-ssm';
import { awsError, byRegion, daysAgo, type Handlers } from './types.js';

const node = (id: string, ping: string, latest: boolean, platform: 'Linux' | 'Windows' = 'Linux', lastPing = 0): InstanceInformation => ({
  InstanceId: id,
  PingStatus: ping as InstanceInformation['PingStatus'],
  LastPingDateTime: daysAgo(lastPing),
  AgentVersion: latest ? '3.3.1142.0' : '3.1.1004.0',
  IsLatestVersion: latest,
  PlatformType: platform,
  PlatformName: platform === 'Linux' ? 'Amazon Linux' : 'Microsoft Windows Server 2019 Datacenter',
  ResourceType: 'EC2Instance',
});

// i-0a7reports000007 and i-0b8lab00000000008 (us-east-1), i-0e5euinternal0005 (eu-west-1) are not managed.
const nodes: Partial<Record<string, InstanceInformation[]>> = {
  'us-east-1': [
    node('i-0a1web0000000001', 'Online', true),
    node('i-0b2app0000000002', 'Online', false),
    node('i-0f6bastion000006', 'ConnectionLost', true, 'Linux', 12),
  ],
  'eu-west-1': [
    node('i-0c3eubatch000003', 'Online', true),
    // Windows: IsLatestVersion says nothing there (some servers run EC2Config), so an older agent is not judged.
    node('i-0d4eulegacy00004', 'Online', false, 'Windows'),
  ],
};

const summary = (
  type: 'Patch' | 'Association',
  id: string,
  status: 'COMPLIANT' | 'NON_COMPLIANT',
  ranDaysAgo: number,
  missing: Partial<Record<'CriticalCount' | 'HighCount' | 'MediumCount' | 'LowCount', number>> = {},
): ResourceComplianceSummaryItem => {
  const count = Object.values(missing).reduce((a, b) => a + b, 0);
  return {
    ComplianceType: type,
    ResourceType: 'ManagedInstance',
    ResourceId: id,
    Status: status,
    OverallSeverity: status === 'COMPLIANT' ? 'UNSPECIFIED' : missing.CriticalCount ? 'CRITICAL' : 'HIGH',
    ExecutionSummary: { ExecutionTime: daysAgo(ranDaysAgo), ExecutionType: 'Command' },
    CompliantSummary: { CompliantCount: 40, SeveritySummary: { CriticalCount: 0 } },
    NonCompliantSummary: { NonCompliantCount: count, SeveritySummary: { CriticalCount: 0, HighCount: 0, ...missing } },
  };
};

const compliance: Partial<Record<string, ResourceComplianceSummaryItem[]>> = {
  'us-east-1': [
    summary('Patch', 'i-0a1web0000000001', 'COMPLIANT', 1),
    summary('Patch', 'i-0b2app0000000002', 'NON_COMPLIANT', 1, { CriticalCount: 2, HighCount: 3, MediumCount: 1 }),
    // Compliant, but at a scan 40 days old: stale.
    summary('Patch', 'i-0f6bastion000006', 'COMPLIANT', 40),
    summary('Association', 'i-0a1web0000000001', 'COMPLIANT', 1),
    summary('Association', 'i-0b2app0000000002', 'NON_COMPLIANT', 2, { HighCount: 1 }),
  ],
  // i-0d4eulegacy00004 is managed but has never been scanned.
  'eu-west-1': [summary('Patch', 'i-0c3eubatch000003', 'COMPLIANT', 2), summary('Association', 'i-0c3eubatch000003', 'COMPLIANT', 2)],
};

const documents: Partial<Record<string, Array<{ name: string; shares: string[] }>>> = {
  'us-east-1': [
    { name: 'deploy-app', shares: ['all'] },
    { name: 'rotate-logs', shares: ['111122223333'] },
  ],
  'eu-west-1': [{ name: 'eu-hardening', shares: [] }],
};

/** The public-sharing permission: allowed ("Enable") in us-east-1, blocked in eu-west-1. */
const publicSharing: Record<string, string> = { 'us-east-1': 'Enable', 'eu-west-1': 'Disable' };

const filter = (input: Record<string, unknown>, key: string) =>
  (input.Filters as Array<{ Key?: string; Values?: string[] }> | undefined)?.find((f) => f.Key === key)?.Values;

export const ssmHandlers: Handlers = {
  DescribeInstanceInformation: (region) => ({ InstanceInformationList: byRegion(nodes, region) }),
  ListResourceComplianceSummaries: (region, input) => {
    const types = filter(input, 'ComplianceType');
    return { ResourceComplianceSummaryItems: byRegion(compliance, region).filter((i) => !types || types.includes(i.ComplianceType!)) };
  },
  ListDocuments: (region) => ({
    DocumentIdentifiers: byRegion(documents, region).map((d) => ({ Name: d.name, Owner: '123456789012', DocumentType: 'Command' })),
  }),
  DescribeDocumentPermission: (region, input) => {
    const doc = byRegion(documents, region).find((d) => d.name === input.Name);
    if (!doc) throw awsError('InvalidDocument', `Document ${String(input.Name)} does not exist.`);
    return { AccountIds: doc.shares, AccountSharingInfoList: doc.shares.map((AccountId) => ({ AccountId })) };
  },
  GetServiceSetting: (region, input) => ({
    ServiceSetting: { SettingId: input.SettingId, SettingValue: publicSharing[region] ?? 'Enable', Status: 'Default' },
  }),
};
