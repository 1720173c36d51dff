/** The organization options' defaults, read by the CLI before it loads any run code. */

/**
 * The default member role: a read-only role the user deploys (deploy/member-role-stackset.yaml).
 * Never OrganizationAccountAccessRole, which Organizations creates with AdministratorAccess:
 * an auditor holding it could change every account it reads.
 */
export const DEFAULT_ROLE_NAME = 'SrmAuditReadOnly';
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;
