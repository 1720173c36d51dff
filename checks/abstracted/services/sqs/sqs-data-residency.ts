import { queueUrls } from '../../../../src/aws/loaders/sqs.js';
import { queueResource } from '../common.js';
import { residencyCheck } from '../residency.js';

export default residencyCheck({
  id: 'sqs-data-residency',
  service: 'sqs',
  what: 'queue',
  plural: 'SQS queues',
  remediation: 'Create the queue in an allowed region, move producers and consumers to it, drain this one and delete it.',
  loaders: { queueUrls },
  list: async ({ region, accountId, partition, load }) =>
    (await load.queueUrls(region)).map((u) => queueResource(u, { region, accountId, partition })),
});
