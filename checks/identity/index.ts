import type { AnyCheck } from '../../src/engine/check.js';
import iamAccessAnalyzerEnabled from './iam-access-analyzer-enabled.js';
import iamAccessKeysRotated from './iam-access-keys-rotated.js';
import iamCloudshellFullAccessNotAttached from './iam-cloudshell-full-access-not-attached.js';
import iamConsoleUsersMfa from './iam-console-users-mfa.js';
import iamCustomerPolicyNoFullAdmin from './iam-customer-policy-no-full-admin.js';
import iamNoExpiredServerCertificates from './iam-no-expired-server-certificates.js';
import iamNoFullAdminPolicyAttached from './iam-no-full-admin-policy-attached.js';
import iamPasswordPolicyMinLength from './iam-password-policy-min-length.js';
import iamPasswordPolicyReusePrevention from './iam-password-policy-reuse-prevention.js';
import iamPasswordPolicyStrong from './iam-password-policy-strong.js';
import iamRootHardwareMfa from './iam-root-hardware-mfa.js';
import iamRootMfaEnabled from './iam-root-mfa-enabled.js';
import iamRootNoAccessKeys from './iam-root-no-access-keys.js';
import iamRootNotUsedRecently from './iam-root-not-used-recently.js';
import iamSupportRoleExists from './iam-support-role-exists.js';
import iamUnusedCredentialsDisabled from './iam-unused-credentials-disabled.js';
import iamUserPermissionsThroughGroups from './iam-user-permissions-through-groups.js';
import iamUserSingleActiveAccessKey from './iam-user-single-active-access-key.js';
import iamRoleExternalAccess from './iam-role-external-access.js';

export const identityChecks: AnyCheck[] = [
  iamRootMfaEnabled,
  iamRootHardwareMfa,
  iamRootNoAccessKeys,
  iamRootNotUsedRecently,
  iamPasswordPolicyMinLength,
  iamPasswordPolicyReusePrevention,
  iamPasswordPolicyStrong,
  iamConsoleUsersMfa,
  iamUnusedCredentialsDisabled,
  iamUserSingleActiveAccessKey,
  iamAccessKeysRotated,
  iamUserPermissionsThroughGroups,
  iamNoFullAdminPolicyAttached,
  iamCustomerPolicyNoFullAdmin,
  iamSupportRoleExists,
  iamNoExpiredServerCertificates,
  iamAccessAnalyzerEnabled,
  iamRoleExternalAccess,
  iamCloudshellFullAccessNotAttached,
];
