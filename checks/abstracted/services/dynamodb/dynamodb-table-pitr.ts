import { continuousBackups, tableNames } from '../../../../src/aws/loaders/dynamodb.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, judgeEach, missing, pass, tableResource } from '../common.js';

export default defineCheck({
  id: 'dynamodb-table-pitr',
  title: 'DynamoDB tables have point-in-time recovery on',
  risk: 'Without point-in-time recovery, an accidental delete or overwrite (or a malicious one) cannot be rolled back to the second before it.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 'dynamodb',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['DynamoDB.2'] },
  remediation: 'Turn on point-in-time recovery for the table (UpdateContinuousBackups).',
  loaders: { tableNames, continuousBackups },
  async run({ region, accountId, partition, load, result }) {
    await judgeEach(
      result,
      await load.tableNames(region),
      (name) => tableResource(name, { region, accountId, partition }),
      async (name) => {
        const status = (await load.continuousBackups(region, name)).PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
        if (status === 'ENABLED') return pass('Point-in-time recovery is on.');
        if (status === 'DISABLED')
          return fail('Point-in-time recovery is off: the table cannot be restored to a moment before a bad write.');
        return missing('PointInTimeRecoveryStatus', 'dynamodb:DescribeContinuousBackups', 'table');
      },
    );
  },
});
