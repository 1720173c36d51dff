import { LAMBDA_RUNTIMES_CHECKED_ON, runtimeStatus } from '../../../../src/analysis/lambda-runtimes.js';
import { MalformedResponse } from '../../../../src/aws/errors.js';
import { functions } from '../../../../src/aws/loaders/lambda.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { error, fail, judgeEach, lambdaResource, notApplicable, pass } from '../common.js';

export default defineCheck({
  id: 'lambda-function-supported-runtime',
  title: 'Lambda functions use a runtime that still receives security updates',
  risk: 'A deprecated runtime gets no more security patches: known vulnerabilities in the language runtime and its OS stay in the function.',
  category: 'abstracted',
  responsibility: 'patching',
  service: 'lambda',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['Lambda.2'] },
  remediation: 'Move the function to a supported runtime of its language (update the code where the new version needs it) and redeploy.',
  loaders: { functions },
  async run({ region, accountId, partition, load, result, now }) {
    await judgeEach(
      result,
      await load.functions(region),
      (f) => lambdaResource(f, { region, accountId, partition }),
      (f) => {
        // A container image brings its own runtime: patching it is the image's build, not a Lambda setting.
        if (f.PackageType === 'Image')
          return notApplicable('This function is a container image: its runtime is patched by rebuilding the image.');
        if (!f.Runtime) return error(new MalformedResponse('it did not report the Runtime of this .zip function', 'lambda:ListFunctions'));
        const status = runtimeStatus(f.Runtime, now);
        if (status.kind === 'deprecated')
          return fail(`Runtime ${f.Runtime} was deprecated on ${status.since}: it no longer receives security updates.`);
        if (status.kind === 'supported') return pass(`Runtime ${f.Runtime} is supported (deprecation planned for ${status.deprecates}).`);
        return error(
          new MalformedResponse(
            `runtime ${f.Runtime} is not in srm-audit's table of Lambda runtimes (checked on ${LAMBDA_RUNTIMES_CHECKED_ON}), so whether it is supported is unknown`,
            'lambda:ListFunctions',
          ),
        );
      },
    );
  },
});
