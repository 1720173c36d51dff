import { MalformedResponse } from '../../src/aws/errors.js';
import { environments, platformVersion } from '../../src/aws/loaders/elasticbeanstalk.js';
import { defineCheck } from '../../src/engine/check.js';
import { environmentResource } from './elasticbeanstalk-common.js';

export default defineCheck({
  id: 'elasticbeanstalk-platform-supported',
  title: 'Elastic Beanstalk environments run a platform branch that is not retired or deprecated',
  risk: 'A retired platform branch gets no more security updates: its operating system and runtime stay as they are, managed updates or not.',
  category: 'container',
  responsibility: 'patching',
  service: 'elasticbeanstalk',
  scope: 'regional',
  severity: 'high',
  compliance: {},
  remediation:
    'Migrate the environment to a supported platform branch (a blue/green deployment to a new environment, then swap the CNAMEs).',
  loaders: { environments, platformVersion },
  async run({ region, load, result }) {
    for (const env of await load.environments(region)) {
      const resource = environmentResource(env);
      if (!env.PlatformArn) {
        result.error(
          resource,
          new MalformedResponse('it did not report PlatformArn for this environment', 'elasticbeanstalk:DescribeEnvironments'),
        );
        continue;
      }
      try {
        const platform = await load.platformVersion(region, env.PlatformArn);
        const branch = platform.PlatformBranchName ?? env.SolutionStackName ?? env.PlatformArn;
        const state = platform.PlatformBranchLifecycleState;
        if (state === 'Retired') result.fail(resource, `Platform branch ${branch} is Retired: it gets no more updates.`);
        else if (state === 'Deprecated')
          result.fail(resource, `Platform branch ${branch} is Deprecated: retirement is scheduled.`, { severity: 'medium' });
        else if (state === 'Supported' || state === 'Beta') result.pass(resource, `Platform branch ${branch} is ${state}.`);
        // Custom platforms (owned by the account) have no branch lifecycle; AWS platforms always report one.
        else if (platform.PlatformOwner && platform.PlatformOwner !== 'AWSElasticBeanstalk')
          result.notApplicable(resource, `Custom platform ${branch}: it has no AWS branch lifecycle.`);
        else
          result.error(
            resource,
            new MalformedResponse(
              `it did not report PlatformBranchLifecycleState for ${env.PlatformArn}`,
              'elasticbeanstalk:DescribePlatformVersion',
            ),
          );
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});
