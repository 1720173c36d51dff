/** The abstracted services of issue 15 (Lambda, DynamoDB/DAX, SQS, SNS, SES, Glacier, KMS, Secrets Manager, EFS), listed explicitly. */
import type { AnyCheck } from '../../../src/engine/check.js';
import lambdaFunctionExternalAccess from './lambda/lambda-function-external-access.js';
import lambdaFunctionInVpc from './lambda/lambda-function-in-vpc.js';
import lambdaFunctionMultiAz from './lambda/lambda-function-multi-az.js';
import lambdaFunctionNotPublic from './lambda/lambda-function-not-public.js';
import lambdaFunctionSupportedRuntime from './lambda/lambda-function-supported-runtime.js';
import lambdaFunctionUrlPublic from './lambda/lambda-function-url-public.js';
import daxClusterEncryptedAtRest from './dynamodb/dax-cluster-encrypted-at-rest.js';
import daxClusterEncryptedInTransit from './dynamodb/dax-cluster-encrypted-in-transit.js';
import dynamodbDataResidency from './dynamodb/dynamodb-data-residency.js';
import dynamodbTableCmkEncryption from './dynamodb/dynamodb-table-cmk-encryption.js';
import dynamodbTableDeletionProtection from './dynamodb/dynamodb-table-deletion-protection.js';
import dynamodbTableExternalAccess from './dynamodb/dynamodb-table-external-access.js';
import dynamodbTableNotPublic from './dynamodb/dynamodb-table-not-public.js';
import dynamodbTablePitr from './dynamodb/dynamodb-table-pitr.js';
import sqsDataResidency from './sqs/sqs-data-residency.js';
import sqsQueueEncrypted from './sqs/sqs-queue-encrypted.js';
import sqsQueueExternalAccess from './sqs/sqs-queue-external-access.js';
import sqsQueueNotPublic from './sqs/sqs-queue-not-public.js';
import snsTopicExternalAccess from './sns/sns-topic-external-access.js';
import snsTopicKmsEncrypted from './sns/sns-topic-kms-encrypted.js';
import snsTopicNotPublic from './sns/sns-topic-not-public.js';
import sesDomainDkimEnabled from './ses/ses-domain-dkim-enabled.js';
import sesIdentityExternalAccess from './ses/ses-identity-external-access.js';
import sesIdentityNotPublic from './ses/ses-identity-not-public.js';
import glacierDataResidency from './glacier/glacier-data-residency.js';
import glacierVaultExternalAccess from './glacier/glacier-vault-external-access.js';
import glacierVaultLock from './glacier/glacier-vault-lock.js';
import glacierVaultNotPublic from './glacier/glacier-vault-not-public.js';
import kmsKeyExternalAccess from './kms/kms-key-external-access.js';
import kmsKeyNoFullAccessUntrusted from './kms/kms-key-no-full-access-untrusted.js';
import kmsKeyNotPublic from './kms/kms-key-not-public.js';
import secretsmanagerDataResidency from './secretsmanager/secretsmanager-data-residency.js';
import secretsmanagerRotatedRecently from './secretsmanager/secretsmanager-rotated-recently.js';
import secretsmanagerRotationEnabled from './secretsmanager/secretsmanager-rotation-enabled.js';
import secretsmanagerRotationSucceeding from './secretsmanager/secretsmanager-rotation-succeeding.js';
import secretsmanagerSecretExternalAccess from './secretsmanager/secretsmanager-secret-external-access.js';
import secretsmanagerSecretNotPublic from './secretsmanager/secretsmanager-secret-not-public.js';
import secretsmanagerUnusedSecrets from './secretsmanager/secretsmanager-unused-secrets.js';
import efsAccessPointRootDirectory from './efs/efs-access-point-root-directory.js';
import efsAccessPointUserIdentity from './efs/efs-access-point-user-identity.js';
import efsDataResidency from './efs/efs-data-residency.js';
import efsEncrypted from './efs/efs-encrypted.js';
import efsFileSystemExternalAccess from './efs/efs-file-system-external-access.js';
import efsFileSystemNotPublic from './efs/efs-file-system-not-public.js';
import efsInBackupPlan from './efs/efs-in-backup-plan.js';

export const serviceChecks: AnyCheck[] = [
  lambdaFunctionExternalAccess,
  lambdaFunctionInVpc,
  lambdaFunctionMultiAz,
  lambdaFunctionNotPublic,
  lambdaFunctionSupportedRuntime,
  lambdaFunctionUrlPublic,
  daxClusterEncryptedAtRest,
  daxClusterEncryptedInTransit,
  dynamodbDataResidency,
  dynamodbTableCmkEncryption,
  dynamodbTableDeletionProtection,
  dynamodbTableExternalAccess,
  dynamodbTableNotPublic,
  dynamodbTablePitr,
  sqsDataResidency,
  sqsQueueEncrypted,
  sqsQueueExternalAccess,
  sqsQueueNotPublic,
  snsTopicExternalAccess,
  snsTopicKmsEncrypted,
  snsTopicNotPublic,
  sesDomainDkimEnabled,
  sesIdentityExternalAccess,
  sesIdentityNotPublic,
  glacierDataResidency,
  glacierVaultExternalAccess,
  glacierVaultLock,
  glacierVaultNotPublic,
  kmsKeyExternalAccess,
  kmsKeyNoFullAccessUntrusted,
  kmsKeyNotPublic,
  secretsmanagerDataResidency,
  secretsmanagerRotatedRecently,
  secretsmanagerRotationEnabled,
  secretsmanagerRotationSucceeding,
  secretsmanagerSecretExternalAccess,
  secretsmanagerSecretNotPublic,
  secretsmanagerUnusedSecrets,
  efsAccessPointRootDirectory,
  efsAccessPointUserIdentity,
  efsDataResidency,
  efsEncrypted,
  efsFileSystemExternalAccess,
  efsFileSystemNotPublic,
  efsInBackupPlan,
];
