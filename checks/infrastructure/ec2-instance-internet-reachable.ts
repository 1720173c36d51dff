import type { Instance, InstanceNetworkInterface } from '@aws-sdk/client-ec2';
import { containsPublicAddresses } from '../../src/analysis/address-set.js';
import { ReachabilityUnknown, type Endpoint } from '../../src/analysis/reachability.js';
import { defineCheck } from '../../src/engine/check.js';
import { instanceLoaders, liveInstances } from './support/instances.js';
import { assess, exposureText, loadRegionNetwork, portClasses, reachabilityLoaders, unreachableText } from './support/reachability.js';

const globalIpv6 = (ips: Array<string | undefined>): string[] => [
  ...new Set(ips.filter((ip): ip is string => !!ip && containsPublicAddresses(`${ip}/128`))),
];

/**
 * Each network interface of the instance as the internet sees it: its public IPv4 addresses
 * (the primary's auto-assigned or Elastic IP and any Elastic IP on a secondary private address),
 * its global IPv6 addresses, its subnet and its own security groups. An instance listed without
 * interfaces (some emulators) is read from its primary-interface fields.
 */
export function instanceEndpoints(instance: Instance): Endpoint[] {
  const enis = instance.NetworkInterfaces ?? [];
  if (enis.length === 0) {
    return [
      {
        subnetId: instance.SubnetId,
        vpcId: instance.VpcId,
        groupIds: instance.SecurityGroups?.map((g) => g.GroupId ?? 'unknown'),
        addresses: { 4: instance.PublicIpAddress ? [instance.PublicIpAddress] : [], 6: globalIpv6([instance.Ipv6Address]) },
      },
    ];
  }
  const publicIpsOf = (eni: InstanceNetworkInterface): string[] =>
    [eni.Association?.PublicIp, ...(eni.PrivateIpAddresses ?? []).map((ip) => ip.Association?.PublicIp)].filter((ip): ip is string => !!ip);
  // The instance's PublicIpAddress is its primary interface's: the one at device index 0, else
  // the one holding the instance's private address, else the only one. An endpoint that lists
  // the address without saying which interface holds it leaves the path unknown, not absent.
  const primary =
    enis.find((eni) => eni.Attachment?.DeviceIndex === 0) ??
    enis.find((eni) => !!instance.PrivateIpAddress && eni.PrivateIpAddress === instance.PrivateIpAddress) ??
    (enis.length === 1 ? enis[0] : undefined);
  const instanceIp = instance.PublicIpAddress;
  if (instanceIp && !primary && !enis.some((eni) => publicIpsOf(eni).includes(instanceIp))) {
    throw new ReachabilityUnknown(`no network interface is shown holding the public address ${instanceIp}`, 'ec2:DescribeInstances');
  }
  return enis.map((eni) => {
    const v4 = new Set<string>(publicIpsOf(eni));
    if (eni === primary && instanceIp) v4.add(instanceIp);
    const groups = eni.Groups ?? (enis.length === 1 ? instance.SecurityGroups : undefined);
    return {
      subnetId: eni.SubnetId ?? (enis.length === 1 ? instance.SubnetId : undefined),
      vpcId: eni.VpcId ?? instance.VpcId,
      groupIds: groups?.map((g) => g.GroupId ?? 'unknown'),
      addresses: { 4: [...v4], 6: globalIpv6((eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address)) },
    };
  });
}

export default defineCheck({
  id: 'ec2-instance-internet-reachable',
  title: 'EC2 instances are not reachable from the internet on sensitive ports',
  risk: 'A port the internet can actually reach — public address, route to an internet gateway, network ACL and security group all letting it through — is found and attacked within minutes; remote administration and database ports most of all.',
  category: 'infrastructure',
  responsibility: 'network-firewall',
  service: 'ec2',
  scope: 'regional',
  severity: 'critical',
  // No framework control asks this end-to-end question: CIS 5.x and FSBP EC2.18/19/53/54 judge
  // one security group or NACL at a time, FSBP EC2.9 the address alone.
  compliance: {},
  remediation:
    'Close the path at the cheapest hop: remove the public address (publish through a load balancer), move the instance to a private subnet, or narrow the security-group rule and NACL entry to known sources; use Session Manager instead of SSH/RDP. List web ports meant to be public in intendedPublicPorts.',
  loaders: { ...reachabilityLoaders, ...instanceLoaders },
  async run(ctx) {
    const loaded = await loadRegionNetwork(ctx);
    const classes = portClasses(ctx.options);
    for (const { instance, resource } of await liveInstances(ctx)) {
      try {
        const assessment = assess(instanceEndpoints(instance), loaded);
        if (assessment.exposures.length === 0) {
          ctx.result.pass(resource, unreachableText(assessment, 'it has no public IPv4 address and no IPv6 address on any interface'));
          continue;
        }
        const { message, severity, failing } = exposureText(assessment, classes);
        if (failing) ctx.result.fail(resource, message, { severity });
        else ctx.result.pass(resource, message, { severity });
      } catch (error) {
        ctx.result.error(resource, error);
      }
    }
  },
});
