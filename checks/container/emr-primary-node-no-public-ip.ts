import { MalformedResponse } from '../../src/aws/errors.js';
import { activeClusters, cluster, primaryNodes } from '../../src/aws/loaders/emr.js';
import { defineCheck } from '../../src/engine/check.js';
import { clusterResource } from './emr-common.js';

export default defineCheck({
  id: 'emr-primary-node-no-public-ip',
  title: 'EMR cluster primary nodes have no public IP address',
  risk: "The primary node runs the cluster's web interfaces and Hadoop services; with a public address they are one security-group rule from the internet.",
  category: 'container',
  responsibility: 'public-access',
  service: 'emr',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['EMR.1'] },
  remediation:
    'Launch clusters in a private subnet (the public address cannot be removed from a running cluster) and reach them through a bastion, VPN or Session Manager.',
  loaders: { activeClusters, cluster, primaryNodes },
  async run({ region, load, result }) {
    for (const summary of await load.activeClusters(region)) {
      const resource = clusterResource(summary);
      try {
        const detail = await load.cluster(region, summary.Id ?? '');
        const collection = detail.InstanceCollectionType === 'INSTANCE_FLEET' ? 'INSTANCE_FLEET' : 'INSTANCE_GROUP';
        const nodes = await load.primaryNodes(region, summary.Id ?? '', collection);
        const publicIps = nodes.map((n) => n.PublicIpAddress).filter((ip): ip is string => !!ip);
        if (publicIps.length) result.fail(resource, `Primary node has public IP address ${publicIps.join(', ')}.`);
        else if (nodes.length) result.pass(resource, `Primary node${nodes.length > 1 ? 's have' : ' has'} no public IP address.`);
        // A cluster still starting may have no primary node yet; a running or waiting one always has one, so an empty
        // listing there is an unusable answer, not a cluster without public addresses.
        else if (summary.Status?.State === 'STARTING')
          result.notApplicable(resource, 'The cluster is starting and has no primary node yet.');
        else
          throw new MalformedResponse(
            `it listed no primary node for cluster ${summary.Id ?? '?'} (${summary.Status?.State ?? 'state unknown'})`,
            'elasticmapreduce:ListInstances',
          );
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});
