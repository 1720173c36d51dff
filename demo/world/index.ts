import type { Responder } from '../../src/aws/session.js';
import { accessanalyzerHandlers } from './accessanalyzer.js';
import { accountHandlers } from './account.js';
import { autoscalingHandlers } from './autoscaling.js';
import { elasticbeanstalkHandlers } from './elasticbeanstalk.js';
import { emrHandlers } from './emr.js';
import { macie2Handlers } from './macie2.js';
import { ssmHandlers } from './ssm.js';
import { supportHandlers } from './support.js';
import { daxHandlers, dynamodbHandlers } from './dynamodb.js';
import { kmsHandlers } from './kms.js';
import { lambdaHandlers } from './lambda.js';
import { sesHandlers, snsHandlers, sqsHandlers } from './messaging.js';
import { backupHandlers, efsHandlers, glacierHandlers, secretsmanagerHandlers } from './storage.js';
import { ec2Handlers } from './ec2.js';
import { iamHandlers } from './iam.js';
import { organizationsHandlers } from './organizations.js';
import {
  cloudtrailHandlers,
  cloudwatchHandlers,
  configHandlers,
  guarddutyHandlers,
  logsHandlers,
  securityhubHandlers,
  snsSubscriptionHandlers,
} from './logging.js';
import { rdsHandlers } from './rds.js';
import { s3controlHandlers, s3Handlers } from './s3.js';
import { stsHandlers } from './sts.js';
import { awsError, type Handlers } from './types.js';

const HANDLERS: Record<string, Handlers> = {
  sts: stsHandlers,
  ec2: ec2Handlers,
  iam: iamHandlers,
  rds: rdsHandlers,
  s3: s3Handlers,
  accessanalyzer: accessanalyzerHandlers,
  s3control: s3controlHandlers,
  organizations: organizationsHandlers,
  // Issue 16.
  ssm: ssmHandlers,
  autoscaling: autoscalingHandlers,
  emr: emrHandlers,
  elasticbeanstalk: elasticbeanstalkHandlers,
  account: accountHandlers,
  macie2: macie2Handlers,
  support: supportHandlers,
  lambda: lambdaHandlers,
  dynamodb: dynamodbHandlers,
  dax: daxHandlers,
  sqs: sqsHandlers,
  sns: { ...snsSubscriptionHandlers, ...snsHandlers },
  ses: sesHandlers,
  glacier: glacierHandlers,
  kms: kmsHandlers,
  secretsmanager: secretsmanagerHandlers,
  efs: efsHandlers,
  backup: backupHandlers,
  cloudtrail: cloudtrailHandlers,
  config: configHandlers,
  logs: logsHandlers,
  cloudwatch: cloudwatchHandlers,
  securityhub: securityhubHandlers,
  guardduty: guarddutyHandlers,
};

/** Answers every call from the demo world; an operation the world does not model fails loudly. */
export const demoResponder: Responder = ({ service, region, operation, input }) => {
  const handler = HANDLERS[service]?.[operation];
  if (!handler) throw awsError('NotImplemented', `the demo world does not model ${service}:${operation}`, 501);
  return handler(region, (input ?? {}) as Record<string, unknown>);
};
