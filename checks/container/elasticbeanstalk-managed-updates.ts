import { defineCheck } from '../../src/engine/check.js';
import { forEachEnvironmentSettings, settingsLoaders } from './elasticbeanstalk-common.js';

export default defineCheck({
  id: 'elasticbeanstalk-managed-updates',
  title: 'Elastic Beanstalk environments have managed platform updates on',
  risk: 'Without managed updates the platform (operating system, runtime, web server) is patched only when someone remembers to.',
  category: 'container',
  responsibility: 'patching',
  service: 'elasticbeanstalk',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['ElasticBeanstalk.2'] },
  remediation:
    'Turn on managed platform updates with a weekly maintenance window (aws:elasticbeanstalk:managedactions ManagedActionsEnabled=true, PreferredStartTime, and an UpdateLevel).',
  loaders: settingsLoaders,
  async run(ctx) {
    await forEachEnvironmentSettings(ctx, (value) => {
      const enabled = value('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled');
      const level = value('aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel');
      const window = value('aws:elasticbeanstalk:managedactions', 'PreferredStartTime');
      if (enabled === 'true') {
        const detail = [level && `${level} updates`, window && `window ${window}`].filter(Boolean).join(', ');
        return { pass: true, message: `Managed platform updates are on${detail ? ` (${detail})` : ''}.` };
      }
      return { pass: false, message: `Managed platform updates are off (ManagedActionsEnabled is ${enabled ?? 'not set'}).` };
    });
  },
});
