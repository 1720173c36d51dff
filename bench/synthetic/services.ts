/** The synthetic account, service by service. Extend it when a check reads a new API. */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { awsError } from '../../demo/world/types.js';
import { ABSTRACTED_SERVICES, regionsWithVpcFunctions } from './abstracted.js';
import { accessanalyzer, iam } from './iam.js';
import { issue16Services, ssm } from './issue16.js';
import { loggingService } from './logging.js';
import { rds } from './rds.js';
import { s3, s3control } from './s3.js';
import { ACCOUNT_ID, pages, page, type Account, type SyntheticService } from './model.js';

export function sts(): SyntheticService {
  return {
    service: 'sts',
    handlers: { GetCallerIdentity: () => ({ Account: ACCOUNT_ID, Arn: `arn:aws:iam::${ACCOUNT_ID}:user/bench`, UserId: 'AIDABENCH' }) },
    minimalCalls: { 'sts:GetCallerIdentity': 1 },
    criticalPath: 1,
  };
}

export function ec2(account: Account): SyntheticService {
  const perRegion = account.spread(account.spec.securityGroups);
  const groups: Record<string, SecurityGroup[]> = {};
  const rule = (): IpPermission => {
    const port = account.pick([22, 80, 443, 3389, 5432, 8080]);
    const cidr = account.pick(['0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24', '::/0']);
    return cidr.includes(':')
      ? { IpProtocol: 'tcp', FromPort: port, ToPort: port, Ipv6Ranges: [{ CidrIpv6: cidr }] }
      : { IpProtocol: account.random() < 0.05 ? '-1' : 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] };
  };
  for (const region of account.regions) {
    groups[region] = Array.from({ length: perRegion[region]! }, (_, i) => ({
      GroupId: `sg-${region.replace(/-/g, '')}${String(i).padStart(6, '0')}`,
      GroupName: `group-${i}`,
      OwnerId: ACCOUNT_ID,
      VpcId: `vpc-${region}-${i % 5}`,
      IpPermissions: Array.from({ length: 1 + Math.floor(account.random() * 4) }, rule),
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      Tags: [{ Key: 'Name', Value: `synthetic ${i}` }],
    }));
  }
  const volumesPer = account.spread(account.spec.volumes);
  const instancesPer = account.spread(account.spec.instances);
  const perRegion2 = <T>(make: (region: string) => T[]): Record<string, T[]> =>
    Object.fromEntries(account.regions.map((region) => [region, make(region)]));
  const vpcs = perRegion2((region) =>
    Array.from({ length: 5 }, (_, i) => ({ VpcId: `vpc-${region}-${i}`, IsDefault: i === 0, OwnerId: ACCOUNT_ID })),
  );
  const nacls = perRegion2((region) =>
    vpcs[region]!.flatMap((vpc, i) => [
      {
        NetworkAclId: `acl-${region}-${i}`,
        VpcId: vpc.VpcId,
        IsDefault: true,
        Associations: [{ SubnetId: `subnet-${region}-${i}` }],
        Entries: [
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
        ],
      },
    ]),
  );
  const flowLogs = perRegion2((region) =>
    vpcs[region]!.filter((_, i) => i % 2 === 0).map((vpc, i) => ({
      FlowLogId: `fl-${region}-${i}`,
      ResourceId: vpc.VpcId,
      FlowLogStatus: 'ACTIVE',
      TrafficType: 'ALL',
      DeliverLogsStatus: 'SUCCESS',
    })),
  );
  const volumes = perRegion2((region) =>
    Array.from({ length: volumesPer[region]! }, (_, i) => ({
      VolumeId: `vol-${region}-${i}`,
      Encrypted: account.random() < 0.7,
      State: 'in-use',
      Attachments: [{ InstanceId: `i-${region}-${i}`, State: 'attached' }],
      AvailabilityZone: `${region}a`,
    })),
  );
  const instances = perRegion2((region) =>
    Array.from({ length: instancesPer[region]! }, (_, i) => ({
      InstanceId: `i-${region}-${i}`,
      State: { Name: 'running' },
      ImageId: `ami-${region}-${i % 3}`,
      IamInstanceProfile: i % 4 === 0 ? undefined : { Arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/app` },
      MetadataOptions: { HttpTokens: account.random() < 0.5 ? 'required' : 'optional', HttpEndpoint: 'enabled' },
      PublicIpAddress: account.random() < 0.2 ? `54.${i % 250}.0.${i % 200}` : undefined,
      SubnetId: `subnet-${region}-${i % 5}`,
      VpcId: `vpc-${region}-${i % 5}`,
      SecurityGroups: groups[region]!.length ? [{ GroupId: groups[region]![i % groups[region]!.length]!.GroupId }] : [],
      NetworkInterfaces: [],
    })),
  );
  // Reachability (issue 7): each VPC's main route table (every other one routes to its internet
  // gateway) and one internet gateway per VPC.
  const routeTables = perRegion2((region) =>
    vpcs[region]!.map((vpc, i) => ({
      RouteTableId: `rtb-${region}-${i}`,
      VpcId: vpc.VpcId,
      Associations: [{ Main: true, RouteTableId: `rtb-${region}-${i}` }],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
        ...(i % 2 === 0 ? [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: `igw-${region}-${i}`, State: 'active' }] : []),
      ],
    })),
  );
  const gateways = perRegion2((region) =>
    vpcs[region]!.map((vpc, i) => ({ InternetGatewayId: `igw-${region}-${i}`, Attachments: [{ VpcId: vpc.VpcId, State: 'available' }] })),
  );
  // A snapshot per ten volumes and two images per region: each costs one attribute read (no bulk form).
  const snapshots = perRegion2((region) =>
    Array.from({ length: Math.ceil(volumesPer[region]! / 10) }, (_, i) => ({ SnapshotId: `snap-${region}-${i}`, OwnerId: ACCOUNT_ID })),
  );
  const images = perRegion2((region) => Array.from({ length: 2 }, (_, i) => ({ ImageId: `ami-${region}-${i}`, OwnerId: ACCOUNT_ID })));
  const count = (data: Record<string, unknown[]>) => Object.values(data).reduce((n, items) => n + items.length, 0);
  const listed =
    <T>(data: Record<string, T[]>, key: string, max: number) =>
    (region: string, input: Record<string, unknown>) => {
      const { items, next } = page(data[region] ?? [], input, { limitKey: 'MaxResults', tokenKey: 'NextToken', max });
      return { [key]: items, ...next };
    };
  const sum = (data: Record<string, unknown[]>, max: number) => Object.values(data).reduce((n, items) => n + pages(items.length, max), 0);
  const longest = (data: Record<string, unknown[]>, max: number) =>
    Math.max(...Object.values(data).map((items) => pages(items.length, max)));
  const sgPages = Object.values(groups).map((g) => pages(g.length, 1000));
  const regions = account.regions.length;
  return {
    service: 'ec2',
    handlers: {
      DescribeNetworkAcls: listed(nacls, 'NetworkAcls', 1000),
      GetEbsEncryptionByDefault: (region) => ({ EbsEncryptionByDefault: region.endsWith('1') }),
      DescribeVolumes: listed(volumes, 'Volumes', 500),
      // No snapshot or image is public; every one the account owns is read once for whom it is shared with.
      DescribeSnapshots: (region, input) =>
        (input.RestorableByUserIds as string[] | undefined)?.includes('all')
          ? { Snapshots: [] }
          : listed(snapshots, 'Snapshots', 1000)(region, input),
      DescribeSnapshotAttribute: (_region, input) => ({
        SnapshotId: input.SnapshotId,
        CreateVolumePermissions: String(input.SnapshotId).endsWith('7') ? [{ UserId: '210987654321' }] : [],
      }),
      // Public images: none; owned images: listed; the images behind running instances (issue 16),
      // looked up by id: three per region, one of them old.
      DescribeImages: (region, input) => {
        const filters = input.Filters as Array<{ Name?: string; Values?: string[] }> | undefined;
        const ids = filters?.find((f) => f.Name === 'image-id')?.Values;
        if (ids) {
          return {
            Images: ids.map((ImageId, i) => ({
              ImageId,
              CreationDate: new Date(Date.now() - (i === 0 ? 400 : 30) * 86_400_000).toISOString(),
            })),
          };
        }
        return filters ? { Images: [] } : listed(images, 'Images', 1000)(region, input);
      },
      DescribeImageAttribute: (_region, input) => ({ ImageId: input.ImageId, LaunchPermissions: [] }),
      DescribeLaunchTemplateVersions: () => ({ LaunchTemplateVersions: [] }),
      DescribeInstances: (region, input) => {
        const { items, next } = page(instances[region] ?? [], input, { limitKey: 'MaxResults', tokenKey: 'NextToken', max: 1000 });
        return {
          Reservations: items.map((instance) => ({
            ReservationId: `r-${instance.InstanceId}`,
            OwnerId: ACCOUNT_ID,
            Instances: [instance],
          })),
          ...next,
        };
      },
      DescribeVpcs: listed(vpcs, 'Vpcs', 1000),
      DescribeFlowLogs: listed(flowLogs, 'FlowLogs', 1000),
      DescribeRouteTables: listed(routeTables, 'RouteTables', 100),
      DescribeInternetGateways: listed(gateways, 'InternetGateways', 1000),
      DescribeRegions: () => ({ Regions: account.regions.map((RegionName) => ({ RegionName, OptInStatus: 'opt-in-not-required' })) }),
      DescribeSecurityGroups: (region, input) => {
        const { items, next } = page(groups[region] ?? [], input, { limitKey: 'MaxResults', tokenKey: 'NextToken', max: 1000 });
        return { SecurityGroups: items, ...next };
      },
      // Lambda.5 reads a region's subnets once, where some function is in a VPC.
      DescribeSubnets: (region) => ({
        Subnets: [0, 1].map((i) => ({
          SubnetId: `subnet-${region}-${i}`,
          VpcId: `vpc-${region}-0`,
          AvailabilityZone: `${region}${'ab'[i]}`,
        })),
      }),
      GetManagedPrefixListEntries: (_r, input) => {
        throw awsError('InvalidPrefixListID.NotFound', `no prefix list ${String(input.PrefixListId)}`);
      },
    },
    minimalCalls: {
      'ec2:DescribeRegions': 1,
      'ec2:DescribeSecurityGroups': sgPages.reduce((a, b) => a + b, 0),
      'ec2:DescribeNetworkAcls': sum(nacls, 1000),
      'ec2:GetEbsEncryptionByDefault': regions,
      'ec2:DescribeVolumes': sum(volumes, 500),
      // Per region: the account's public snapshots and AMIs (one filtered read each), then every
      // one it owns (data residency, external access) and one attribute read each (who it is shared
      // with); and the running instances' images once per region that has instances (issue 16).
      'ec2:DescribeSnapshots': regions + sum(snapshots, 1000),
      'ec2:DescribeSnapshotAttribute': count(snapshots),
      'ec2:DescribeImages': regions + sum(images, 1000) + account.regions.filter((r) => instances[r]!.length > 0).length,
      'ec2:DescribeImageAttribute': count(images),
      'ec2:DescribeLaunchTemplateVersions': regions,
      'ec2:DescribeInstances': sum(instances, 1000),
      'ec2:DescribeVpcs': sum(vpcs, 1000),
      'ec2:DescribeFlowLogs': sum(flowLogs, 1000),
      'ec2:DescribeRouteTables': sum(routeTables, 100),
      'ec2:DescribeInternetGateways': sum(gateways, 1000),
      'ec2:DescribeSubnets': regionsWithVpcFunctions(account),
    },
    // The snapshot list, then each snapshot's attribute.
    criticalPath: Math.max(...sgPages, longest(volumes, 500), longest(instances, 1000), longest(snapshots, 1000) + 1),
  };
}

/** The organization, read once per run for the zone of trust. */
export function organizations(): SyntheticService {
  return {
    service: 'organizations',
    handlers: {
      DescribeOrganization: () => ({
        Organization: { Id: 'o-bench12345', Arn: 'arn:aws:organizations::111111111111:organization/o-bench12345' },
      }),
    },
    minimalCalls: { 'organizations:DescribeOrganization': 1 },
    criticalPath: 1,
  };
}

/**
 * Services two models both answer (issue 14's SNS subscriptions and KMS rotation, issue 15's topics
 * and key policies) become one: handlers joined, minimal calls added per action.
 */
function joined(services: SyntheticService[]): SyntheticService[] {
  const byName = new Map<string, SyntheticService>();
  for (const s of services) {
    const seen = byName.get(s.service);
    if (!seen) byName.set(s.service, s);
    else
      byName.set(s.service, {
        service: s.service,
        handlers: { ...seen.handlers, ...s.handlers },
        minimalCalls: Object.fromEntries(
          [...new Set([...Object.keys(seen.minimalCalls), ...Object.keys(s.minimalCalls)])].map((a) => [
            a,
            (seen.minimalCalls[a] ?? 0) + (s.minimalCalls[a] ?? 0),
          ]),
        ),
        criticalPath: Math.max(seen.criticalPath, s.criticalPath),
      });
  }
  return [...byName.values()];
}

/** The services of one synthetic account; SSM reads the instance ids the ec2 service made. */
export function servicesOf(account: Account): SyntheticService[] {
  const ec2Service = ec2(account);
  const ids = Object.fromEntries(
    account.regions.map((region) => {
      const found: string[] = [];
      let token: string | undefined;
      do {
        const out = ec2Service.handlers.DescribeInstances!(region, { NextToken: token }) as {
          Reservations: Array<{ Instances: Array<{ InstanceId: string }> }>;
          NextToken?: string;
        };
        found.push(...out.Reservations.flatMap((r) => r.Instances.map((i) => i.InstanceId)));
        token = out.NextToken;
      } while (token);
      return [region, found];
    }),
  );
  return joined([
    sts(),
    ec2Service,
    iam(account),
    accessanalyzer(account),
    rds(account),
    s3(account),
    s3control(),
    organizations(),
    ssm(account, ids),
    ...issue16Services(account),
    ...['cloudtrail', 'logs', 'cloudwatch', 'sns', 'config', 'kms', 'securityhub', 'guardduty'].map((name) =>
      loggingService(name)(account),
    ),
    ...ABSTRACTED_SERVICES.map((make) => make(account)),
  ]);
}
