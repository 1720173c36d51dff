import { functions, functionUrls } from '../../../../src/aws/loaders/lambda.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, judgeEach, lambdaResource, pass } from '../common.js';

export default defineCheck({
  id: 'lambda-function-url-public',
  title: 'Lambda function URLs require IAM authentication',
  risk: 'A function URL with AuthType NONE is a public HTTPS endpoint: anyone on the internet can invoke the function, and pay-per-call costs and its permissions go with it.',
  category: 'abstracted',
  responsibility: 'public-access',
  service: 'lambda',
  scope: 'regional',
  severity: 'high',
  compliance: {},
  remediation:
    'Set the function URL AuthType to AWS_IAM (callers sign their requests), or put the function behind API Gateway or CloudFront with authentication; delete URLs that are not needed.',
  loaders: { functions, functionUrls },
  async run({ region, accountId, partition, load, result }) {
    await judgeEach(
      result,
      await load.functions(region),
      (f) => lambdaResource(f, { region, accountId, partition }),
      async (f) => {
        const urls = await load.functionUrls(region, f.FunctionArn ?? f.FunctionName!);
        const open = urls.filter((u) => u.AuthType === 'NONE');
        if (open.length)
          return fail(
            `Public endpoint: ${open.map((u) => `${u.FunctionUrl ?? u.FunctionArn} (AuthType NONE)`).join(', ')} can be invoked by anyone.`,
          );
        if (!urls.length) return pass('The function has no function URL.');
        return pass(`Every function URL requires IAM authentication (${urls.map((u) => u.AuthType).join(', ')}).`);
      },
    );
  },
});
