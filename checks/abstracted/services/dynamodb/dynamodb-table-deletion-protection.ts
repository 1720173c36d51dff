import { table, tableNames } from '../../../../src/aws/loaders/dynamodb.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { flag, judgeEach, tableResource } from '../common.js';

export default defineCheck({
  id: 'dynamodb-table-deletion-protection',
  title: 'DynamoDB tables have deletion protection on',
  risk: 'Without deletion protection, one DeleteTable call (a mistake, a script, a stolen credential) removes the table and its data.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 'dynamodb',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['DynamoDB.6'] },
  remediation: 'Turn on deletion protection for the table (UpdateTable --deletion-protection-enabled).',
  loaders: { tableNames, table },
  async run({ region, accountId, partition, load, result }) {
    await judgeEach(
      result,
      await load.tableNames(region),
      (name) => tableResource(name, { region, accountId, partition }),
      async (name) =>
        flag(
          (await load.table(region, name)).DeletionProtectionEnabled,
          'DeletionProtectionEnabled',
          'dynamodb:DescribeTable',
          'table',
          'Deletion protection is on.',
          'Deletion protection is off: a single DeleteTable call removes this table.',
        ),
    );
  },
});
