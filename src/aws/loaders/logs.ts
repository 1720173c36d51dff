import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { CloudWatchLogsClient, paginateDescribeMetricFilters } =
  sdk<typeof import('@aws-sdk/client-cloudwatch-logs')>('@aws-sdk/client-cloudwatch-logs');

registerClient('logs', CloudWatchLogsClient);

/** The metric filters of one log group (read only for the groups trails send to). 50 is the largest page. */
export const metricFilters = defineLoader({
  id: 'logs.metricFilters',
  actions: ['logs:DescribeMetricFilters'],
  async fetch({ aws }, region: string, logGroupName: string): Promise<MetricFilter[]> {
    return listAll(
      'logs:DescribeMetricFilters',
      'metricFilters',
      'nextToken',
      paginateDescribeMetricFilters({ client: aws.client('logs', region), pageSize: 50 }, { logGroupName }),
      (p) => p.metricFilters,
    );
  },
});
