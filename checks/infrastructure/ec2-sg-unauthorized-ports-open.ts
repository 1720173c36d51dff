import { describeRange, internetOpenPortRanges, portsOutside } from '../../src/analysis/security-group.js';
import { defineCheck } from '../../src/engine/check.js';
import { incompleteVerdict, loadResolvedGroups, sgLoaders, sgResource } from './support/security-groups.js';

export default defineCheck({
  id: 'ec2-sg-unauthorized-ports-open',
  title: 'Security groups allow unrestricted ingress only on authorised ports',
  risk: 'Every port open to the whole internet beyond the ones a service must publish is attack surface nobody intended.',
  category: 'infrastructure',
  responsibility: 'network-firewall',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['EC2.18'] },
  remediation:
    'Narrow internet-wide rules to the authorised ports (by default TCP 80 and 443), or restrict their sources to known CIDRs or security groups.',
  loaders: sgLoaders,
  async run(ctx) {
    const { region, accountId, partition, result, options } = ctx;
    const resolved = await loadResolvedGroups(ctx);
    for (const group of resolved.groups) {
      const resource = sgResource(group, region, accountId, partition);
      const { exposures, unresolvedPrefixLists } = internetOpenPortRanges(group, {
        prefixListCidrs: resolved.prefixListCidrs,
        internetPrefix: options.internetPrefix,
      });
      // As in the AWS Config rule behind EC2.18, only TCP and UDP ports are judged.
      const unauthorised = exposures.flatMap((e) =>
        portsOutside(e, options.authorizedIngressPorts[e.protocol]).map((r) => ({ ...e, ...r })),
      );
      const incomplete = incompleteVerdict(group, unresolvedPrefixLists, resolved);
      if (unauthorised.length) {
        const parts = unauthorised.map(
          (e) => `${e.protocol} ${describeRange(e)} (IPv${e.version}) from ${[...new Set(e.sources.map((s) => s.source))].join(', ')}`,
        );
        result.fail(resource, `Open to the internet on unauthorised ports: ${parts.join('; ')}.`);
      } else if (incomplete) {
        result.error(resource, incomplete);
      } else if (exposures.length) {
        const open = exposures.map((e) => `${e.protocol} ${describeRange(e)}`);
        result.pass(resource, `Open to the internet only on authorised ports (${[...new Set(open)].join(', ')}).`);
      } else {
        result.pass(resource, 'No rule admits the internet to any TCP or UDP port.');
      }
    }
  },
});
