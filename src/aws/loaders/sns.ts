import type { Subscription } from '@aws-sdk/client-sns';
import { requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { SNSClient, GetTopicAttributesCommand, paginateListSubscriptionsByTopic, paginateListTopics } =
  sdk<typeof import('@aws-sdk/client-sns')>('@aws-sdk/client-sns');

registerClient('sns', SNSClient);

/** Topic ARNs of the region (ListTopics pages 100 at a time; it takes no page size). */
export const topics = defineLoader({
  id: 'sns.topics',
  actions: ['sns:ListTopics'],
  async fetch({ aws }, region: string): Promise<string[]> {
    const listed = await listAll(
      'sns:ListTopics',
      'Topics',
      'NextToken',
      paginateListTopics({ client: aws.client('sns', region) }, {}),
      (p) => p.Topics,
    );
    return listed.flatMap((t) => (t.TopicArn ? [t.TopicArn] : []));
  },
});

/** One topic's attributes (Policy, KmsMasterKeyId, Owner); no bulk form exists. */
export const topicAttributes = defineLoader({
  id: 'sns.topicAttributes',
  actions: ['sns:GetTopicAttributes'],
  async fetch({ aws }, region: string, topicArn: string): Promise<Record<string, string>> {
    const out = await aws.client('sns', region).send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    const attributes = requireField(out?.Attributes, 'Attributes', 'sns:GetTopicAttributes');
    requireField(attributes.TopicArn, 'TopicArn attribute', 'sns:GetTopicAttributes');
    return attributes;
  },
});

/** The subscriptions of one topic, asked in the topic's own region (read only for topics alarms name). */
export const subscriptions = defineLoader({
  id: 'sns.subscriptions',
  actions: ['sns:ListSubscriptionsByTopic'],
  async fetch({ aws }, region: string, topicArn: string): Promise<Subscription[]> {
    return listAll(
      'sns:ListSubscriptionsByTopic',
      'Subscriptions',
      'NextToken',
      paginateListSubscriptionsByTopic({ client: aws.client('sns', region) }, { TopicArn: topicArn }),
      (p) => p.Subscriptions,
    );
  },
});
