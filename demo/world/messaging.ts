/** SQS queues, SNS topics and SES identities of the demo account. */
import { doc, PARTNER_ACCOUNT, STRANGER_ACCOUNT } from './policies.js';
import { awsError, byRegion, DEMO_ACCOUNT, type Handlers } from './types.js';

const queueArn = (region: string, name: string) => `arn:aws:sqs:${region}:${DEMO_ACCOUNT}:${name}`;
const queueUrl = (region: string, name: string) => `https://sqs.${region}.amazonaws.com/${DEMO_ACCOUNT}/${name}`;
const topicArn = (region: string, name: string) => `arn:aws:sns:${region}:${DEMO_ACCOUNT}:${name}`;

interface DemoQueue {
  name: string;
  attributes: Record<string, string>;
}

const queue = (region: string, name: string, attributes: Record<string, string>): DemoQueue => ({
  name,
  attributes: { QueueArn: queueArn(region, name), VisibilityTimeout: '30', SqsManagedSseEnabled: 'false', ...attributes },
});

const queues: Partial<Record<string, DemoQueue[]>> = {
  'us-east-1': [
    queue('us-east-1', 'order-events', {
      SqsManagedSseEnabled: 'true',
      // The orders topic of this account delivers here: pinned by aws:SourceArn, inside the zone.
      Policy: doc({
        Sid: 'FromOrdersTopic',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn('us-east-1', 'order-events'),
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn('us-east-1', 'orders') } },
      }),
    }),
    queue('us-east-1', 'partner-feed', {
      // A topic in another account: external, though not public.
      Policy: doc({
        Sid: 'FromVendorTopic',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn('us-east-1', 'partner-feed'),
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${STRANGER_ACCOUNT}:vendor-updates` } },
      }),
    }),
  ],
  'eu-west-1': [
    queue('eu-west-1', 'eu-jobs', {
      KmsMasterKeyId: 'alias/aws/sqs',
      Policy: doc({
        Sid: 'AnyoneSend',
        Effect: 'Allow',
        Principal: '*',
        Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
        Resource: queueArn('eu-west-1', 'eu-jobs'),
      }),
    }),
  ],
};

/** The default topic policy: "AWS":"*" pinned to this account by aws:SourceOwner. */
const defaultTopicPolicy = (region: string, name: string) =>
  doc({
    Sid: '__default_statement_ID',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: [
      'SNS:GetTopicAttributes',
      'SNS:SetTopicAttributes',
      'SNS:AddPermission',
      'SNS:RemovePermission',
      'SNS:DeleteTopic',
      'SNS:Subscribe',
      'SNS:ListSubscriptionsByTopic',
      'SNS:Publish',
    ],
    Resource: topicArn(region, name),
    Condition: { StringEquals: { 'AWS:SourceOwner': DEMO_ACCOUNT } },
  });

const topics: Partial<Record<string, Array<{ name: string; attributes: Record<string, string> }>>> = {
  'us-east-1': [
    { name: 'orders', attributes: { KmsMasterKeyId: 'alias/aws/sns', Policy: defaultTopicPolicy('us-east-1', 'orders') } },
    {
      name: 'status-updates',
      attributes: {
        Policy: doc({
          Sid: 'AnyoneSubscribe',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sns:Subscribe',
          Resource: topicArn('us-east-1', 'status-updates'),
        }),
      },
    },
  ],
  'eu-west-1': [
    {
      name: 'eu-alerts',
      attributes: {
        Policy: doc({
          Sid: 'StrangerPublish',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${STRANGER_ACCOUNT}:root` },
          Action: 'sns:Publish',
          Resource: topicArn('eu-west-1', 'eu-alerts'),
        }),
      },
    },
  ],
};

interface DemoIdentity {
  name: string;
  verified: boolean;
  dkim?: { enabled: boolean; status: string };
  policies?: Record<string, string>;
}
const identityArn = (region: string, name: string) => `arn:aws:ses:${region}:${DEMO_ACCOUNT}:identity/${name}`;

const identities: Partial<Record<string, DemoIdentity[]>> = {
  'us-east-1': [
    {
      name: 'example.com',
      verified: true,
      dkim: { enabled: true, status: 'Success' },
      policies: {
        'partner-newsletter': doc({
          Sid: 'PartnerSends',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
          Action: ['ses:SendEmail', 'ses:SendRawEmail'],
          Resource: identityArn('us-east-1', 'example.com'),
        }),
      },
    },
    { name: 'noreply@example.com', verified: true },
    { name: 'old-brand.example', verified: true, dkim: { enabled: false, status: 'NotStarted' } },
  ],
  'eu-west-1': [
    {
      name: 'example.eu',
      verified: true,
      dkim: { enabled: true, status: 'Success' },
      policies: {
        'open-relay': doc({
          Sid: 'AnyoneSends',
          Effect: 'Allow',
          Principal: '*',
          Action: 'ses:SendEmail',
          Resource: identityArn('eu-west-1', 'example.eu'),
        }),
      },
    },
  ],
};

const pick = <T>(list: T[], name: (t: T) => string, wanted: unknown, error: string): T => {
  const found = list.find((t) => name(t) === wanted);
  if (!found) throw awsError(error, `${String(wanted)} does not exist`);
  return found;
};

export const sqsHandlers: Handlers = {
  ListQueues: (region) => {
    const urls = byRegion(queues, region).map((q) => queueUrl(region, q.name));
    // SQS leaves QueueUrls out when there is no queue.
    return urls.length ? { QueueUrls: urls } : {};
  },
  GetQueueAttributes: (region, input) => ({
    Attributes: pick(byRegion(queues, region), (q) => queueUrl(region, q.name), input.QueueUrl, 'AWS.SimpleQueueService.NonExistentQueue')
      .attributes,
  }),
};

export const snsHandlers: Handlers = {
  ListTopics: (region) => ({ Topics: byRegion(topics, region).map((t) => ({ TopicArn: topicArn(region, t.name) })) }),
  GetTopicAttributes: (region, input) => {
    const t = pick(byRegion(topics, region), (x) => topicArn(region, x.name), input.TopicArn, 'NotFound');
    return { Attributes: { TopicArn: topicArn(region, t.name), Owner: DEMO_ACCOUNT, ...t.attributes } };
  },
};

const some = (region: string, names: unknown) => byRegion(identities, region).filter((i) => (names as string[]).includes(i.name));

export const sesHandlers: Handlers = {
  ListIdentities: (region) => ({ Identities: byRegion(identities, region).map((i) => i.name) }),
  GetIdentityVerificationAttributes: (region, input) => ({
    VerificationAttributes: Object.fromEntries(
      some(region, input.Identities).map((i) => [i.name, { VerificationStatus: i.verified ? 'Success' : 'Pending' }]),
    ),
  }),
  GetIdentityDkimAttributes: (region, input) => ({
    DkimAttributes: Object.fromEntries(
      some(region, input.Identities).map((i) => [
        i.name,
        { DkimEnabled: i.dkim?.enabled ?? false, DkimVerificationStatus: i.dkim?.status ?? 'NotStarted' },
      ]),
    ),
  }),
  ListIdentityPolicies: (region, input) => ({
    PolicyNames: Object.keys(pick(byRegion(identities, region), (i) => i.name, input.Identity, 'InvalidParameterValue').policies ?? {}),
  }),
  GetIdentityPolicies: (region, input) => {
    const all = pick(byRegion(identities, region), (i) => i.name, input.Identity, 'InvalidParameterValue').policies ?? {};
    return { Policies: Object.fromEntries((input.PolicyNames as string[]).filter((n) => n in all).map((n) => [n, all[n]!])) };
  },
};
