import { functions } from '../../../../src/aws/loaders/lambda.js';
import { defineCheck, scopeResource } from '../../../../src/engine/check.js';
import { fail, judgeEach, lambdaResource, pass } from '../common.js';

export default defineCheck({
  id: 'lambda-function-in-vpc',
  title: 'Lambda functions run in a VPC (where the lambdaRequireVpc option asks for it)',
  risk: 'A function outside a VPC reaches the internet and AWS APIs directly: its traffic cannot be filtered by security groups, NACLs or egress controls. (Security Hub Lambda.3.)',
  category: 'abstracted',
  responsibility: 'network-firewall',
  service: 'lambda',
  scope: 'regional',
  severity: 'low',
  compliance: {},
  remediation:
    'Attach the function to private subnets of a VPC (with VPC endpoints or a NAT for the services it calls) and security groups that allow only what it needs.',
  loaders: { functions },
  async run({ region, accountId, partition, load, result, options }) {
    if (!options.lambdaRequireVpc) {
      result.notApplicable(
        scopeResource(region, accountId, partition),
        'Functions are not required to run in a VPC (set the lambdaRequireVpc option to require it).',
      );
      return;
    }
    await judgeEach(
      result,
      await load.functions(region),
      (f) => lambdaResource(f, { region, accountId, partition }),
      // ListFunctions reports VpcConfig with empty lists (or not at all) for a function outside any VPC.
      (f) =>
        f.VpcConfig?.VpcId && (f.VpcConfig.SubnetIds?.length ?? 0) > 0
          ? pass(`The function runs in ${f.VpcConfig.VpcId}.`)
          : fail('The function is not attached to a VPC.'),
    );
  },
});
