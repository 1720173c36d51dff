import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { pagesOf } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { SQSClient, GetQueueAttributesCommand, paginateListQueues } = sdk<typeof import('@aws-sdk/client-sqs')>('@aws-sdk/client-sqs');

registerClient('sqs', SQSClient);

/**
 * Queue URLs of the region; 1000 is the largest MaxResults. SQS leaves QueueUrls out of the answer
 * when the region has no queue (its JSON protocol omits empty lists), so a page without it is "no
 * queues" when it is an SQS answer (it carries SQS's request id); a bare 200 without one (an
 * emulator's stub, a proxy's blank page) is an unusable answer, not an empty region.
 */
export const queueUrls = defineLoader({
  id: 'sqs.queueUrls',
  actions: ['sqs:ListQueues'],
  async fetch({ aws }, region: string): Promise<string[]> {
    const urls: string[] = [];
    for await (const page of pagesOf(
      'sqs:ListQueues',
      'NextToken',
      paginateListQueues({ client: aws.client('sqs', region), pageSize: 1000 }, {}),
    )) {
      if (!page || typeof page !== 'object') throw new MalformedResponse('it was not a ListQueues answer', 'sqs:ListQueues');
      if (!page.QueueUrls && !page.$metadata?.requestId)
        throw new MalformedResponse('it held neither QueueUrls nor an SQS request id', 'sqs:ListQueues');
      urls.push(...(page.QueueUrls ?? []));
    }
    return urls;
  },
});

/** Every attribute of one queue (QueueArn, Policy, KmsMasterKeyId, SqsManagedSseEnabled); no bulk form exists. */
export const queueAttributes = defineLoader({
  id: 'sqs.queueAttributes',
  actions: ['sqs:GetQueueAttributes'],
  async fetch({ aws }, region: string, queueUrl: string): Promise<Record<string, string>> {
    const out = await aws.client('sqs', region).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
    const attributes = requireField(out?.Attributes, 'Attributes', 'sqs:GetQueueAttributes');
    // QueueArn is always among "All": without it the answer is not this queue's attributes.
    requireField(attributes.QueueArn, 'QueueArn attribute', 'sqs:GetQueueAttributes');
    return attributes;
  },
});
