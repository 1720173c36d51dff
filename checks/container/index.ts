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
];
