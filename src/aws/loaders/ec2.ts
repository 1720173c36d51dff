import {
  DescribeRegionsCommand,
  paginateDescribeSecurityGroups,
  paginateGetManagedPrefixListEntries,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { defineLoader } from '../loader.js';
import { collect } from './paginate.js';

export interface RegionInfo {
  name: string;
  /** False for opt-in regions the account has not enabled. */
  enabled: boolean;
}

/** Every region of the partition, with whether the account can use it. */
export const regions = defineLoader({
  id: 'ec2.regions',
  actions: ['ec2:DescribeRegions'],
  async fetch({ aws }): Promise<RegionInfo[]> {
    const out = await aws.ec2(aws.homeRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
    return (out.Regions ?? [])
      .filter((r) => r.RegionName)
      .map((r) => ({
        name: r.RegionName!,
        // Emulators often leave OptInStatus out; a region they list is one they serve.
        enabled: r.OptInStatus === undefined || r.OptInStatus !== 'not-opted-in',
      }));
  },
});

export const securityGroups = defineLoader({
  id: 'ec2.securityGroups',
  actions: ['ec2:DescribeSecurityGroups'],
  async fetch({ aws }, region: string): Promise<SecurityGroup[]> {
    return collect(paginateDescribeSecurityGroups({ client: aws.ec2(region), pageSize: 1000 }, {}), (p) => p.SecurityGroups);
  },
});

/** The CIDRs of a managed prefix list (AWS-managed lists such as CloudFront's included). */
export const prefixListCidrs = defineLoader({
  id: 'ec2.prefixListCidrs',
  actions: ['ec2:GetManagedPrefixListEntries'],
  async fetch({ aws }, region: string, prefixListId: string): Promise<string[]> {
    const entries = await collect(
      paginateGetManagedPrefixListEntries({ client: aws.ec2(region), pageSize: 100 }, { PrefixListId: prefixListId }),
      (p) => p.Entries,
    );
    return entries.map((e) => e.Cidr).filter((c): c is string => !!c);
  },
});
