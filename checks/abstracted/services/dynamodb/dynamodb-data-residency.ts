import { tableNames } from '../../../../src/aws/loaders/dynamodb.js';
import { tableResource } from '../common.js';
import { residencyCheck } from '../residency.js';

export default residencyCheck({
  id: 'dynamodb-data-residency',
  service: 'dynamodb',
  what: 'table',
  plural: 'DynamoDB tables',
  remediation:
    'Export the table to S3 (or add a global-table replica) in an allowed region, move readers and writers there, then delete this table.',
  loaders: { tableNames },
  list: async ({ region, accountId, partition, load }) =>
    (await load.tableNames(region)).map((n) => tableResource(n, { region, accountId, partition })),
});
