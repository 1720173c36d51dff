/**
 * Which SDK client class serves each service. The seam (session.ts) makes every client, but
 * it does not import the SDK packages itself: each service's loader module registers its
 * client class when it is first imported, so a run loads only the SDK code of the services
 * its checks read (and `--help` none at all). The types below are type-only imports: they
 * cost nothing at run time.
 */
import type { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { AccountClient } from '@aws-sdk/client-account';
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { DAXClient } from '@aws-sdk/client-dax';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk';
import type { EMRClient } from '@aws-sdk/client-emr';
import type { GlacierClient } from '@aws-sdk/client-glacier';
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Macie2Client } from '@aws-sdk/client-macie2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { SupportClient } from '@aws-sdk/client-support';
import type { ServiceName } from './operations.js';

/** The client class of each service, as a type. */
export interface ClientTypes {
  accessanalyzer: AccessAnalyzerClient;
  account: AccountClient;
  autoscaling: AutoScalingClient;
  backup: BackupClient;
  cloudtrail: CloudTrailClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  config: ConfigServiceClient;
  dax: DAXClient;
  dynamodb: DynamoDBClient;
  ec2: EC2Client;
  efs: EFSClient;
  elasticbeanstalk: ElasticBeanstalkClient;
  emr: EMRClient;
  glacier: GlacierClient;
  guardduty: GuardDutyClient;
  iam: IAMClient;
  kms: KMSClient;
  lambda: LambdaClient;
  macie2: Macie2Client;
  organizations: OrganizationsClient;
  rds: RDSClient;
  s3: S3Client;
  s3control: S3ControlClient;
  secretsmanager: SecretsManagerClient;
  securityhub: SecurityHubClient;
  ses: SESClient;
  sns: SNSClient;
  sqs: SQSClient;
  ssm: SSMClient;
  sts: STSClient;
  support: SupportClient;
}
export type ClientService = keyof ClientTypes & ServiceName;
export type ClientFor<S extends ClientService> = ClientTypes[S];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientClass = new (config: any) => unknown;
const registry = new Map<ClientService, ClientClass>();

/**
 * Called at the top of a service's loader module: `registerClient('rds', RDSClient)`.
 * Registering the same class twice is harmless (modules can be evaluated in workers too).
 */
export function registerClient<S extends ClientService>(service: S, Client: new (config: never) => ClientTypes[S]): void {
  registry.set(service, Client as unknown as ClientClass);
}

export function clientClassFor(service: ClientService): ClientClass {
  const Client = registry.get(service);
  if (!Client) {
    throw new Error(`no SDK client is registered for "${service}": its loader module (src/aws/loaders/) registers it when imported`);
  }
  return Client;
}
