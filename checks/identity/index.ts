import type { AnyCheck } from '../../src/engine/check.js';
import iamRootMfaEnabled from './iam-root-mfa-enabled.js';

export const identityChecks: AnyCheck[] = [iamRootMfaEnabled];
