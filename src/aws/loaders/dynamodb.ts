import type { ContinuousBackupsDescription, TableDescription } from '@aws-sdk/client-dynamodb';
import type { Cluster } from '@aws-sdk/client-dax';
import { isErrorNamed, MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll, pagesOf } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { DynamoDBClient, DescribeContinuousBackupsCommand, DescribeTableCommand, GetResourcePolicyCommand, paginateListTables } =
  sdk<typeof import('@aws-sdk/client-dynamodb')>('@aws-sdk/client-dynamodb');
const { DAXClient, DescribeClustersCommand } = sdk<typeof import('@aws-sdk/client-dax')>('@aws-sdk/client-dax');

registerClient('dynamodb', DynamoDBClient);
registerClient('dax', DAXClient);

/** Table names of the region (ListTables gives names only; 100 is its largest Limit). */
export const tableNames = defineLoader({
  id: 'dynamodb.tableNames',
  actions: ['dynamodb:ListTables'],
  async fetch({ aws }, region: string): Promise<string[]> {
    return listAll(
      'dynamodb:ListTables',
      'TableNames',
      'LastEvaluatedTableName',
      paginateListTables({ client: aws.client('dynamodb', region), pageSize: 100 }, {}),
      (p) => p.TableNames,
    );
  },
});

/** One table's description: deletion protection, SSE description, ARN. No bulk form exists. */
export const table = defineLoader({
  id: 'dynamodb.table',
  actions: ['dynamodb:DescribeTable'],
  async fetch({ aws }, region: string, name: string): Promise<TableDescription> {
    const out = await aws.client('dynamodb', region).send(new DescribeTableCommand({ TableName: name }));
    return requireField(out?.Table, 'Table', 'dynamodb:DescribeTable');
  },
});

/** Point-in-time recovery lives in DescribeContinuousBackups, not DescribeTable. */
export const continuousBackups = defineLoader({
  id: 'dynamodb.continuousBackups',
  actions: ['dynamodb:DescribeContinuousBackups'],
  async fetch({ aws }, region: string, name: string): Promise<ContinuousBackupsDescription> {
    const out = await aws.client('dynamodb', region).send(new DescribeContinuousBackupsCommand({ TableName: name }));
    return requireField(out?.ContinuousBackupsDescription, 'ContinuousBackupsDescription', 'dynamodb:DescribeContinuousBackups');
  },
});

/**
 * The table's resource-based policy; null when none is attached: GetResourcePolicy answers that
 * with PolicyNotFoundException (a missing table is ResourceNotFoundException, an ERROR).
 */
export const tablePolicy = defineLoader({
  id: 'dynamodb.tablePolicy',
  actions: ['dynamodb:GetResourcePolicy'],
  async fetch({ aws }, region: string, tableArn: string): Promise<string | null> {
    try {
      const { Policy } = await aws.client('dynamodb', region).send(new GetResourcePolicyCommand({ ResourceArn: tableArn }));
      if (typeof Policy !== 'string' || !Policy.trim())
        throw new MalformedResponse(
          'it held no Policy (a table without one answers PolicyNotFoundException)',
          'dynamodb:GetResourcePolicy',
        );
      return Policy;
    } catch (error) {
      if (isErrorNamed(error, 'PolicyNotFoundException')) return null;
      throw error;
    }
  },
});

/** DAX clusters of the region, with their SSE and endpoint-encryption settings (100 per page). */
export const daxClusters = defineLoader({
  id: 'dax.clusters',
  actions: ['dax:DescribeClusters'],
  async fetch({ aws }, region: string): Promise<Cluster[]> {
    const client = aws.client('dax', region);
    // The SDK has no paginator for DAX: follow NextToken ourselves, through the same loop guard.
    async function* pages() {
      let NextToken: string | undefined;
      do {
        const page = await client.send(new DescribeClustersCommand({ MaxResults: 100, NextToken }));
        yield page;
        NextToken = page?.NextToken;
      } while (NextToken);
    }
    const clusters: Cluster[] = [];
    for await (const page of pagesOf('dax:DescribeClusters', 'NextToken', pages())) {
      if (!Array.isArray(page?.Clusters)) throw new MalformedResponse('it held no Clusters list', 'dax:DescribeClusters');
      clusters.push(...page.Clusters);
    }
    return clusters;
  },
});
