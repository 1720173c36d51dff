import { table, tableNames } from '../../../../src/aws/loaders/dynamodb.js';
import { kmsKeys } from '../../../../src/aws/loaders/kms.js';
import { defineCheck, scopeResource } from '../../../../src/engine/check.js';
import { fail, judgeEach, pass, tableResource } from '../common.js';

export default defineCheck({
  id: 'dynamodb-table-cmk-encryption',
  title: 'DynamoDB tables are encrypted with a customer-managed KMS key (where the dynamodbRequireCmk option asks for it)',
  risk: 'With the AWS owned or AWS managed key, the account cannot restrict, audit or revoke use of the key that protects the table.',
  category: 'abstracted',
  responsibility: 'encryption-at-rest',
  service: 'dynamodb',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    'Switch the table’s encryption to a customer-managed KMS key (UpdateTable --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=…).',
  loaders: { tableNames, table, kmsKeys },
  async run({ region, accountId, partition, load, result, options }) {
    if (!options.dynamodbRequireCmk) {
      result.notApplicable(
        scopeResource(region, accountId, partition),
        'Customer-managed keys are not required (set the dynamodbRequireCmk option to require them); every table is encrypted at rest by default.',
      );
      return;
    }
    const names = await load.tableNames(region);
    await judgeEach(
      result,
      names,
      (name) => tableResource(name, { region, accountId, partition }),
      async (name) => {
        const sse = (await load.table(region, name)).SSEDescription;
        // No SSEDescription (or one not using KMS) means the AWS owned key.
        if (!sse || sse.SSEType !== 'KMS' || !sse.KMSMasterKeyArn)
          return fail('The table is encrypted with the AWS owned key, not a customer-managed key.');
        if (sse.Status && sse.Status !== 'ENABLED' && sse.Status !== 'UPDATING')
          return fail(`The table's KMS encryption is ${sse.Status} (key ${sse.KMSMasterKeyArn}).`);
        const key = (await load.kmsKeys(region)).find((k) => k.Arn === sse.KMSMasterKeyArn);
        // AWS managed keys live in the table's own account; a key this region does not list is another account's, so customer managed.
        if (key?.KeyManager === 'AWS')
          return fail(`The table uses the AWS managed key ${sse.KMSMasterKeyArn} (aws/dynamodb), not a customer-managed key.`);
        return pass(`The table is encrypted with the customer-managed key ${sse.KMSMasterKeyArn}.`);
      },
    );
  },
});
