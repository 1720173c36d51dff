import { flowLogs, vpcs } from '../../src/aws/loaders/ec2.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { defineCheck } from '../../src/engine/check.js';
import { ec2Resource } from './support/resources.js';

/** Traffic types that record rejected packets, which CIS 3.7 asks flow logs to capture. */
const RECORDS_REJECTS = new Set(['REJECT', 'ALL']);

export default defineCheck({
  id: 'ec2-vpc-flow-logs-enabled',
  title: 'Every VPC has flow logging enabled',
  risk: 'Without flow logs there is no record of who connected to what, or of the traffic that was turned away, when an incident must be investigated.',
  category: 'infrastructure',
  responsibility: 'logging',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['3.7'], 'cis-aws-5.0': ['3.7'], 'aws-fsbp': ['EC2.6'] },
  remediation: 'Create a flow log for the VPC (traffic type REJECT or ALL) delivering to CloudWatch Logs, S3 or Firehose.',
  loaders: { vpcs, flowLogs },
  async run({ region, accountId, partition, load, result }) {
    const [allVpcs, logs] = await Promise.all([load.vpcs(region), load.flowLogs(region)]);
    for (const vpc of allVpcs) {
      const resource = ec2Resource('vpc', { id: vpc.VpcId, tags: vpc.Tags, ownerId: vpc.OwnerId }, { region, accountId, partition });
      // Subnet- and interface-level flow logs do not cover the whole VPC.
      const ofVpc = logs.filter((l) => l.ResourceId === vpc.VpcId);
      // ACTIVE is the only status AWS documents; delivery that FAILED records nothing.
      const working = ofVpc.filter((l) => l.FlowLogStatus === 'ACTIVE' && l.DeliverLogsStatus !== 'FAILED');
      const good = working.filter((l) => RECORDS_REJECTS.has(l.TrafficType ?? ''));
      // AWS always reports both (ACTIVE is the only status it documents): a flow log listed
      // without one may be the working log, so the VPC's verdict is unknown rather than FAIL.
      const unclear = ofVpc.filter((l) => l.FlowLogStatus === undefined || (l.FlowLogStatus === 'ACTIVE' && !l.TrafficType));
      if (good.length) {
        result.pass(
          resource,
          `Flow log ${good.map((l) => `${l.FlowLogId} (${l.TrafficType} to ${l.LogDestinationType ?? 'cloud-watch-logs'})`).join(', ')} is active.`,
        );
      } else if (unclear.length) {
        result.error(
          resource,
          new MalformedResponse(
            `it listed flow log ${unclear.map((l) => l.FlowLogId ?? 'unknown').join(', ')} of this VPC without FlowLogStatus or TrafficType`,
            'ec2:DescribeFlowLogs',
          ),
        );
      } else if (working.length) {
        result.fail(
          resource,
          `Flow log ${working.map((l) => l.FlowLogId).join(', ')} records only accepted traffic: rejected traffic is not logged.`,
        );
      } else if (ofVpc.length) {
        const why = ofVpc.map(
          (l) =>
            `${l.FlowLogId} is ${l.FlowLogStatus ?? 'of unknown status'}${l.DeliverLogsStatus === 'FAILED' ? `, delivery failing${l.DeliverLogsErrorMessage ? ` (${l.DeliverLogsErrorMessage})` : ''}` : ''}`,
        );
        result.fail(resource, `No working flow log: ${why.join('; ')}.`);
      } else {
        result.fail(resource, 'No flow log is configured for this VPC.');
      }
    }
  },
});
