import { defineCheck } from '../../src/engine/check.js';
import { forEachEnvironmentSettings, settingsLoaders } from './elasticbeanstalk-common.js';

export default defineCheck({
  id: 'elasticbeanstalk-enhanced-health',
  title: 'Elastic Beanstalk environments use enhanced health reporting',
  risk: 'With basic health only, failing instances and deployments are noticed late, from load balancer checks alone.',
  category: 'container',
  responsibility: 'monitoring',
  service: 'elasticbeanstalk',
  scope: 'regional',
  severity: 'low',
  compliance: { 'aws-fsbp': ['ElasticBeanstalk.1'] },
  remediation: 'Set aws:elasticbeanstalk:healthreporting:system SystemType=enhanced (Configuration > Monitoring > Health reporting).',
  loaders: settingsLoaders,
  async run(ctx) {
    await forEachEnvironmentSettings(ctx, (value) => {
      const type = value('aws:elasticbeanstalk:healthreporting:system', 'SystemType');
      return type === 'enhanced'
        ? { pass: true, message: 'Enhanced health reporting is on.' }
        : { pass: false, message: `Health reporting is ${type ?? 'not set (basic)'}, not enhanced.` };
    });
  },
});
