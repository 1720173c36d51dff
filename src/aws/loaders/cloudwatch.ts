import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { CloudWatchClient, paginateDescribeAlarms } = sdk<typeof import('@aws-sdk/client-cloudwatch')>('@aws-sdk/client-cloudwatch');

registerClient('cloudwatch', CloudWatchClient);

/** Every metric alarm of a region, in one paginated read (100 is the largest page). */
export const metricAlarms = defineLoader({
  id: 'cloudwatch.metricAlarms',
  actions: ['cloudwatch:DescribeAlarms'],
  async fetch({ aws }, region: string): Promise<MetricAlarm[]> {
    return listAll(
      'cloudwatch:DescribeAlarms',
      'MetricAlarms',
      'NextToken',
      paginateDescribeAlarms({ client: aws.client('cloudwatch', region), pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] }),
      (p) => p.MetricAlarms,
    );
  },
});
