import { MalformedResponse } from '../../../../src/aws/errors.js';
import { subnets } from '../../../../src/aws/loaders/ec2.js';
import { functions } from '../../../../src/aws/loaders/lambda.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { error, fail, judgeEach, lambdaResource, notApplicable, pass } from '../common.js';

export default defineCheck({
  id: 'lambda-function-multi-az',
  title: 'Lambda functions in a VPC use subnets in at least two Availability Zones',
  risk: 'A VPC function whose subnets are all in one Availability Zone stops when that zone fails.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 'lambda',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['Lambda.5'] },
  remediation: 'Add subnets in other Availability Zones of the same VPC to the function’s VPC configuration.',
  loaders: { functions, subnets },
  async run({ region, accountId, partition, load, result }) {
    const list = await load.functions(region);
    const inVpc = list.some((f) => (f.VpcConfig?.SubnetIds?.length ?? 0) > 0);
    // The subnets are read only when some function uses them.
    const zones = new Map((inVpc ? await load.subnets(region) : []).map((s) => [s.SubnetId, s.AvailabilityZone]));
    await judgeEach(
      result,
      list,
      (f) => lambdaResource(f, { region, accountId, partition }),
      (f) => {
        const ids = f.VpcConfig?.SubnetIds ?? [];
        if (!ids.length) return notApplicable('The function is not in a VPC: Lambda runs it across the region’s Availability Zones.');
        const unknown = ids.filter((id) => !zones.get(id));
        if (unknown.length)
          return error(
            new MalformedResponse(
              `it did not list subnet ${unknown.join(', ')} of this function, so its zone is unknown`,
              'ec2:DescribeSubnets',
            ),
          );
        const azs = [...new Set(ids.map((id) => zones.get(id)!))].sort();
        return azs.length >= 2
          ? pass(`The function’s subnets span ${azs.length} Availability Zones (${azs.join(', ')}).`)
          : fail(`Every subnet of the function is in ${azs[0]}: one zone’s outage stops it.`);
      },
    );
  },
});
