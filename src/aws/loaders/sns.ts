import { SNSClient, paginateListSubscriptionsByTopic, type Subscription } from '@aws-sdk/client-sns';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';

registerClient('sns', SNSClient);

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
