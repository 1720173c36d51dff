/**
 * What the tool may ask AWS, decided by operation name before anything is sent.
 * The allowlist is by verb: only reads. Two "Generate" calls are reads in effect (they
 * prepare a report the caller then reads) and are allowed by name.
 */
const READ_VERBS = ['Describe', 'List', 'Get', 'Head'] as const;
const READ_ONLY_EXCEPTIONS = new Set(['GenerateCredentialReport', 'GenerateServiceLastAccessedDetails']);
/**
 * Not a read, but it changes nothing in any account: it hands out temporary credentials of a
 * member account's audit role, which an organization scan needs to read that account at all.
 */
const CREDENTIAL_OPERATIONS = new Set(['AssumeRole']);
/** Reads of data rather than configuration: the auditor never needs them. */
const DATA_READS = new Set(['GetObject', 'GetObjectTorrent', 'SelectObjectContent', 'GetSecretValue']);

export function isReadOnlyOperation(operation: string): boolean {
  if (DATA_READS.has(operation)) return false;
  if (READ_ONLY_EXCEPTIONS.has(operation) || CREDENTIAL_OPERATIONS.has(operation)) return true;
  return READ_VERBS.some((verb) => operation.startsWith(verb) && /^[A-Z]/.test(operation.slice(verb.length)));
}

/** Our short name for each AWS service client, and the IAM action prefix it maps to. */
export const SERVICES = {
  accessanalyzer: { iamPrefix: 'access-analyzer' },
  account: { iamPrefix: 'account' },
  autoscaling: { iamPrefix: 'autoscaling' },
  backup: { iamPrefix: 'backup' },
  cloudtrail: { iamPrefix: 'cloudtrail' },
  cloudwatch: { iamPrefix: 'cloudwatch' },
  config: { iamPrefix: 'config' },
  dax: { iamPrefix: 'dax' },
  dynamodb: { iamPrefix: 'dynamodb' },
  ec2: { iamPrefix: 'ec2' },
  efs: { iamPrefix: 'elasticfilesystem' },
  elasticbeanstalk: { iamPrefix: 'elasticbeanstalk' },
  emr: { iamPrefix: 'elasticmapreduce' },
  glacier: { iamPrefix: 'glacier' },
  guardduty: { iamPrefix: 'guardduty' },
  iam: { iamPrefix: 'iam' },
  kms: { iamPrefix: 'kms' },
  lambda: { iamPrefix: 'lambda' },
  logs: { iamPrefix: 'logs' },
  macie2: { iamPrefix: 'macie2' },
  organizations: { iamPrefix: 'organizations' },
  rds: { iamPrefix: 'rds' },
  s3: { iamPrefix: 's3' },
  s3control: { iamPrefix: 's3' },
  secretsmanager: { iamPrefix: 'secretsmanager' },
  securityhub: { iamPrefix: 'securityhub' },
  ses: { iamPrefix: 'ses' },
  sns: { iamPrefix: 'sns' },
  sqs: { iamPrefix: 'sqs' },
  ssm: { iamPrefix: 'ssm' },
  sts: { iamPrefix: 'sts' },
  support: { iamPrefix: 'support' },
} as const;
export type ServiceName = keyof typeof SERVICES;

/**
 * Where the IAM action differs from the API operation's name. S3 is the odd one: its
 * actions were named before its REST operations (see the S3 "Actions, resources and
 * condition keys" page).
 */
const ACTION_OVERRIDES: Partial<Record<ServiceName, Record<string, string>>> = {
  s3: {
    ListBuckets: 'ListAllMyBuckets',
    HeadBucket: 'ListBucket',
    ListObjectsV2: 'ListBucket',
    GetPublicAccessBlock: 'GetBucketPublicAccessBlock',
    GetBucketEncryption: 'GetEncryptionConfiguration',
    GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
    GetBucketReplication: 'GetReplicationConfiguration',
  },
  s3control: {
    GetPublicAccessBlock: 'GetAccountPublicAccessBlock',
  },
};

/** The IAM action that authorises `operation` on `service`, e.g. ec2:DescribeSecurityGroups. */
export function iamActionFor(service: ServiceName, operation: string): string {
  const name = ACTION_OVERRIDES[service]?.[operation] ?? operation;
  return `${SERVICES[service].iamPrefix}:${name}`;
}
