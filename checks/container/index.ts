import type { AnyCheck } from '../../src/engine/check.js';
import rdsDataResidency from './rds-data-residency.js';
import rdsInstanceInternetReachable from './rds-instance-internet-reachable.js';
import rdsAutoMinorVersionUpgrade from './rds-auto-minor-version-upgrade.js';
import rdsBackupRetention from './rds-backup-retention.js';
import rdsDeletionProtection from './rds-deletion-protection.js';
import rdsIamAuthentication from './rds-iam-authentication.js';
import rdsInstanceNotPublic from './rds-instance-not-public.js';
import rdsMultiAz from './rds-multi-az.js';
import rdsSnapshotNotPublic from './rds-snapshot-not-public.js';
import rdsStorageEncrypted from './rds-storage-encrypted.js';
import rdsSnapshotExternalAccess from './rds-snapshot-external-access.js';
// EMR and Elastic Beanstalk (issue 16).
import emrPrimaryNodeNoPublicIp from './emr-primary-node-no-public-ip.js';
import emrBlockPublicAccess from './emr-block-public-access.js';
import emrSecurityConfigurationEncryptionAtRest from './emr-security-configuration-encryption-at-rest.js';
import emrSecurityConfigurationEncryptionInTransit from './emr-security-configuration-encryption-in-transit.js';
import elasticbeanstalkEnhancedHealth from './elasticbeanstalk-enhanced-health.js';
import elasticbeanstalkManagedUpdates from './elasticbeanstalk-managed-updates.js';
import elasticbeanstalkCloudwatchLogs from './elasticbeanstalk-cloudwatch-logs.js';
import elasticbeanstalkPlatformSupported from './elasticbeanstalk-platform-supported.js';

export const containerChecks: AnyCheck[] = [
  rdsStorageEncrypted,
  rdsInstanceNotPublic,
  rdsSnapshotNotPublic,
  rdsSnapshotExternalAccess,
  rdsBackupRetention,
  rdsAutoMinorVersionUpgrade,
  rdsMultiAz,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsInstanceInternetReachable,
  rdsDataResidency,
  emrPrimaryNodeNoPublicIp,
  emrBlockPublicAccess,
  emrSecurityConfigurationEncryptionAtRest,
  emrSecurityConfigurationEncryptionInTransit,
  elasticbeanstalkEnhancedHealth,
  elasticbeanstalkManagedUpdates,
  elasticbeanstalkCloudwatchLogs,
  elasticbeanstalkPlatformSupported,
];
