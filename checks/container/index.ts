import type { AnyCheck } from '../../src/engine/check.js';
import rdsInstanceInternetReachable from './rds-instance-internet-reachable.js';
import rdsStorageEncrypted from './rds-storage-encrypted.js';

export const containerChecks: AnyCheck[] = [rdsStorageEncrypted, rdsInstanceInternetReachable];
