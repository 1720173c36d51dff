import { defineCheck } from '../../src/engine/check.js';
import { forEachEnvironmentSettings, settingsLoaders } from './elasticbeanstalk-common.js';

export default defineCheck({
  id: 'elasticbeanstalk-cloudwatch-logs',
  title: 'Elastic Beanstalk environments stream their logs to CloudWatch Logs',
  risk: 'Instance logs die with the instance: after a scale-in or replacement there is nothing left to investigate.',
  category: 'container',
  responsibility: 'logging',
  service: 'elasticbeanstalk',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['ElasticBeanstalk.3'] },
  remediation:
    'Set aws:elasticbeanstalk:cloudwatch:logs StreamLogs=true with a RetentionInDays (Configuration > Updates, monitoring, and logging).',
  loaders: settingsLoaders,
  async run(ctx) {
    await forEachEnvironmentSettings(ctx, (value) => {
      const stream = value('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs');
      const days = value('aws:elasticbeanstalk:cloudwatch:logs', 'RetentionInDays');
      return stream === 'true'
        ? { pass: true, message: `Logs are streamed to CloudWatch Logs${days ? ` (kept ${days} days)` : ''}.` }
        : { pass: false, message: `Logs are not streamed to CloudWatch Logs (StreamLogs is ${stream ?? 'not set'}).` };
    });
  },
});
