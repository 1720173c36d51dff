import type { AnyCheck } from '../../src/engine/check.js';
import rdsStorageEncrypted from './rds-storage-encrypted.js';

export const containerChecks: AnyCheck[] = [rdsStorageEncrypted];
