import type { DBInstance } from '@aws-sdk/client-rds';
import { instanceResource, rdsInstances } from '../../src/analysis/rds-databases.js';
import type { Endpoint } from '../../src/analysis/reachability.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { dbInstances } from '../../src/aws/loaders/rds.js';
import { defineCheck } from '../../src/engine/check.js';
import {
  assess,
  exposureText,
  loadRegionNetwork,
  portClasses,
  reachabilityLoaders,
  unreachableText,
  type LoadedNetwork,
} from '../infrastructure/support/reachability.js';

/**
 * Where a publicly accessible DB instance can be reached: its endpoint resolves to a public IPv4
 * (and, in dual-stack or IPv6 mode, to an IPv6 address) in the subnet of its DB subnet group where
 * it runs. That subnet is the one in the instance's Availability Zone (and, for Multi-AZ, the
 * standby's, which becomes the primary on failover); when the listing names no AZ that matches a
 * subnet, every subnet of the group is judged, as the instance may be placed in any of them.
 *
 * The instance's network interfaces do appear in ec2:DescribeNetworkInterfaces ("RDSNetworkInterface",
 * requester amazon-rds), but nothing on them names the DB instance; matching them by subnet and
 * security group is ambiguous when instances share both, so they are not used.
 */
export function dbEndpoints(db: DBInstance, port: number): Endpoint[] {
  const group = db.DBSubnetGroup;
  const subnets = (group?.Subnets ?? []).filter((s) => s.SubnetIdentifier);
  const zones = new Set([db.AvailabilityZone, db.MultiAZ ? db.SecondaryAvailabilityZone : undefined].filter((z): z is string => !!z));
  const placed = subnets.filter((s) => s.SubnetAvailabilityZone?.Name && zones.has(s.SubnetAvailabilityZone.Name));
  const address = db.Endpoint?.Address ?? db.DBInstanceIdentifier ?? 'endpoint';
  const networkType = db.NetworkType ?? 'IPV4';
  return (placed.length ? placed : subnets).map((s) => ({
    subnetId: s.SubnetIdentifier,
    vpcId: group?.VpcId,
    groupIds: db.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId ?? 'unknown'),
    addresses: { 4: networkType === 'IPV6' ? [] : [address], 6: networkType === 'IPV4' ? [] : [address] },
    listener: { protocol: 'tcp', port },
  }));
}

export default defineCheck({
  id: 'rds-instance-internet-reachable',
  title: 'RDS DB instances are not reachable from the internet',
  risk: 'A database the internet can reach — publicly accessible, in a subnet routed to an internet gateway, its port let through by the network ACL and security group — is exposed to credential guessing and engine exploits.',
  category: 'container',
  responsibility: 'public-access',
  service: 'rds',
  scope: 'regional',
  severity: 'critical',
  // CIS 2.3.3 and FSBP RDS.2 judge PubliclyAccessible (CIS also the route); neither asks whether the
  // security group and NACL let the port through, so a verdict here is not theirs.
  compliance: {},
  remediation:
    'Turn off public accessibility (modify-db-instance --no-publicly-accessible), keep the DB subnet group on private subnets, and restrict the security group to application security groups; reach the database through a bastion, VPN or Session Manager port forwarding.',
  loaders: { ...reachabilityLoaders, dbInstances },
  async run(ctx) {
    const { region, accountId, partition, result } = ctx;
    const dbs = rdsInstances(await ctx.load.dbInstances(region));
    // The network is read only when some instance is publicly accessible; if it cannot be read, those
    // instances are ERRORs while the others are still judged.
    let network: Promise<LoadedNetwork> | undefined;
    const loadNetwork = (): Promise<LoadedNetwork> => (network ??= loadRegionNetwork(ctx));
    const classes = portClasses(ctx.options);
    const incomplete = (detail: string): Error => new MalformedResponse(detail, 'rds:DescribeDBInstances');
    for (const db of dbs) {
      const resource = instanceResource(db, region, accountId, partition);
      try {
        if (db.PubliclyAccessible === false) {
          result.pass(
            resource,
            'Not reachable from the internet: not publicly accessible, so its endpoint resolves to private addresses only.',
          );
          continue;
        }
        if (db.PubliclyAccessible !== true) throw incomplete('it did not report PubliclyAccessible for this instance');
        const port = db.Endpoint?.Port ?? db.DbInstancePort;
        if (!port) throw incomplete('it reported no endpoint port for this instance');
        const endpoints = dbEndpoints(db, port);
        if (endpoints.length === 0)
          throw incomplete(
            `it reported ${db.DBSubnetGroup ? 'no subnets in the DB subnet group of' : 'no DB subnet group for'} this instance`,
          );
        const assessment = assess(endpoints, await loadNetwork());
        if (assessment.exposures.length === 0) {
          result.pass(resource, unreachableText(assessment, 'no address', 'publicly accessible, but '));
          continue;
        }
        const { message } = exposureText(assessment, classes, () => `database ${port}`);
        result.fail(resource, message, { severity: 'critical' });
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});
