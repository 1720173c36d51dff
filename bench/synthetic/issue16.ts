/**
 * The synthetic account's Systems Manager, Auto Scaling, EMR, Elastic Beanstalk, Account,
 * Macie and Support (issue 16). SSM's managed-node and compliance listings scale with the
 * instances (50 to a page, the APIs' maximum); the rest is one read per region or account.
 */
import { awsError } from '../../demo/world/types.js';
import { page, pages, type Account, type SyntheticService } from './model.js';

/** The instance ids the ec2 service generates, region by region (kept in step with services.ts). */
export type InstanceIds = Record<string, string[]>;

export function ssm(account: Account, instanceIds: InstanceIds): SyntheticService {
  const managed: Record<string, string[]> = {};
  for (const region of account.regions) managed[region] = (instanceIds[region] ?? []).filter(() => account.random() < 0.8);
  const summaries = (region: string, type: string) =>
    managed[region]!.filter((_, i) => type === 'Patch' || i % 2 === 0).map((id, i) => ({
      ComplianceType: type,
      ResourceType: 'ManagedInstance',
      ResourceId: id,
      Status: i % 5 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT',
      ExecutionSummary: { ExecutionTime: new Date(Date.now() - (i % 10) * 86_400_000) },
      NonCompliantSummary: { NonCompliantCount: i % 5 === 0 ? 3 : 0, SeveritySummary: { CriticalCount: i % 5 === 0 ? 1 : 0 } },
    }));
  const typeOf = (input: Record<string, unknown>) =>
    String((input.Filters as Array<{ Values?: string[] }> | undefined)?.[0]?.Values?.[0] ?? 'Patch');
  const listed = (items: unknown[], input: Record<string, unknown>, key: string) => {
    const { items: slice, next } = page(items, input, { limitKey: 'MaxResults', tokenKey: 'NextToken', max: 50 });
    return { [key]: slice, ...next };
  };
  const sum = (f: (region: string) => number) => account.regions.reduce((n, r) => n + f(r), 0);
  return {
    service: 'ssm',
    handlers: {
      DescribeInstanceInformation: (region, input) =>
        listed(
          managed[region]!.map((InstanceId) => ({ InstanceId, PingStatus: 'Online', IsLatestVersion: true, PlatformType: 'Linux' })),
          input,
          'InstanceInformationList',
        ),
      ListResourceComplianceSummaries: (region, input) => listed(summaries(region, typeOf(input)), input, 'ResourceComplianceSummaryItems'),
      ListDocuments: () => ({ DocumentIdentifiers: [] }),
      GetServiceSetting: (_region, input) => ({ ServiceSetting: { SettingId: input.SettingId, SettingValue: 'Disable' } }),
    },
    minimalCalls: {
      'ssm:DescribeInstanceInformation': sum((r) => pages(managed[r]!.length, 50)),
      'ssm:ListResourceComplianceSummaries': sum(
        (r) => pages(summaries(r, 'Patch').length, 50) + pages(summaries(r, 'Association').length, 50),
      ),
      'ssm:ListDocuments': account.regions.length,
      'ssm:GetServiceSetting': account.regions.length,
    },
    criticalPath: Math.max(...account.regions.map((r) => pages(managed[r]!.length, 50))),
  };
}

/** One read per region (or account) each, of services the synthetic account barely uses. */
function perRegion(
  service: string,
  prefix: string,
  handlers: Record<string, unknown>,
  account: Account,
  global: string[] = [],
): SyntheticService {
  const minimalCalls: Record<string, number> = {};
  for (const op of Object.keys(handlers)) minimalCalls[`${prefix}:${op}`] = global.includes(op) ? 1 : account.regions.length;
  return {
    service,
    handlers: Object.fromEntries(
      Object.entries(handlers).map(([op, answer]) => [op, typeof answer === 'function' ? answer : () => answer]),
    ) as SyntheticService['handlers'],
    minimalCalls,
    criticalPath: 1,
  };
}

export function issue16Services(account: Account): SyntheticService[] {
  return [
    perRegion(
      'autoscaling',
      'autoscaling',
      { DescribeAutoScalingGroups: { AutoScalingGroups: [] }, DescribeLaunchConfigurations: { LaunchConfigurations: [] } },
      account,
    ),
    perRegion(
      'emr',
      'elasticmapreduce',
      {
        ListClusters: { Clusters: [] },
        GetBlockPublicAccessConfiguration: { BlockPublicAccessConfiguration: { BlockPublicSecurityGroupRules: true } },
        ListSecurityConfigurations: { SecurityConfigurations: [] },
      },
      account,
    ),
    perRegion('elasticbeanstalk', 'elasticbeanstalk', { DescribeEnvironments: { Environments: [] } }, account),
    perRegion('macie2', 'macie2', { GetMacieSession: { status: 'ENABLED' } }, account),
    perRegion(
      'account',
      'account',
      {
        GetAlternateContact: { AlternateContact: { AlternateContactType: 'SECURITY', Name: 'SecOps', EmailAddress: 'sec@example.com' } },
        GetContactInformation: {
          ContactInformation: { FullName: 'Ops', AddressLine1: '1 St', City: 'X', PostalCode: '1', CountryCode: 'US', PhoneNumber: '+1' },
        },
      },
      account,
      ['GetAlternateContact', 'GetContactInformation'],
    ),
    // The usual account has no Business support: the Support API answers that, once.
    perRegion(
      'support',
      'support',
      {
        DescribeTrustedAdvisorChecks: () => {
          throw awsError('SubscriptionRequiredException', 'AWS Premium Support Subscription is required to use this service.');
        },
      },
      account,
      ['DescribeTrustedAdvisorChecks'],
    ),
  ];
}
