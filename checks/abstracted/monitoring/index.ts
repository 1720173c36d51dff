/** The logging and monitoring checks: duties that stay the customer's on any service, in CIS section 3 and 4 order. */
import type { AnyCheck } from '../../../src/engine/check.js';
import cloudtrailMultiRegionEnabled from './cloudtrail-multi-region-enabled.js';
import cloudtrailLogFileValidation from './cloudtrail-log-file-validation.js';
import configRecorderEnabled from './config-recorder-enabled.js';
import cloudtrailBucketAccessLogging from './cloudtrail-bucket-access-logging.js';
import cloudtrailKmsEncryption from './cloudtrail-kms-encryption.js';
import kmsKeyRotation from './kms-key-rotation.js';
import s3ObjectLevelLoggingWrite from './s3-object-level-logging-write.js';
import s3ObjectLevelLoggingRead from './s3-object-level-logging-read.js';
import cloudwatchAlarmUnauthorizedApiCalls from './cloudwatch-alarm-unauthorized-api-calls.js';
import cloudwatchAlarmConsoleSigninWithoutMfa from './cloudwatch-alarm-console-signin-without-mfa.js';
import cloudwatchAlarmRootUsage from './cloudwatch-alarm-root-usage.js';
import cloudwatchAlarmIamPolicyChanges from './cloudwatch-alarm-iam-policy-changes.js';
import cloudwatchAlarmCloudtrailChanges from './cloudwatch-alarm-cloudtrail-changes.js';
import cloudwatchAlarmConsoleAuthFailures from './cloudwatch-alarm-console-auth-failures.js';
import cloudwatchAlarmCmkDisableOrDeletion from './cloudwatch-alarm-cmk-disable-or-deletion.js';
import cloudwatchAlarmS3BucketPolicyChanges from './cloudwatch-alarm-s3-bucket-policy-changes.js';
import cloudwatchAlarmConfigChanges from './cloudwatch-alarm-config-changes.js';
import cloudwatchAlarmSecurityGroupChanges from './cloudwatch-alarm-security-group-changes.js';
import cloudwatchAlarmNaclChanges from './cloudwatch-alarm-nacl-changes.js';
import cloudwatchAlarmNetworkGatewayChanges from './cloudwatch-alarm-network-gateway-changes.js';
import cloudwatchAlarmRouteTableChanges from './cloudwatch-alarm-route-table-changes.js';
import cloudwatchAlarmVpcChanges from './cloudwatch-alarm-vpc-changes.js';
import cloudwatchAlarmOrganizationsChanges from './cloudwatch-alarm-organizations-changes.js';
import securityhubEnabled from './securityhub-enabled.js';
import guarddutyEnabled from './guardduty-enabled.js';
import kmsKeyPendingDeletion from './kms-key-pending-deletion.js';

export const monitoringChecks: AnyCheck[] = [
  cloudtrailMultiRegionEnabled,
  cloudtrailLogFileValidation,
  configRecorderEnabled,
  cloudtrailBucketAccessLogging,
  cloudtrailKmsEncryption,
  kmsKeyRotation,
  s3ObjectLevelLoggingWrite,
  s3ObjectLevelLoggingRead,
  cloudwatchAlarmUnauthorizedApiCalls,
  cloudwatchAlarmConsoleSigninWithoutMfa,
  cloudwatchAlarmRootUsage,
  cloudwatchAlarmIamPolicyChanges,
  cloudwatchAlarmCloudtrailChanges,
  cloudwatchAlarmConsoleAuthFailures,
  cloudwatchAlarmCmkDisableOrDeletion,
  cloudwatchAlarmS3BucketPolicyChanges,
  cloudwatchAlarmConfigChanges,
  cloudwatchAlarmSecurityGroupChanges,
  cloudwatchAlarmNaclChanges,
  cloudwatchAlarmNetworkGatewayChanges,
  cloudwatchAlarmRouteTableChanges,
  cloudwatchAlarmVpcChanges,
  cloudwatchAlarmOrganizationsChanges,
  securityhubEnabled,
  guarddutyEnabled,
  kmsKeyPendingDeletion,
];
