/**
 * Every threshold and list the checks use, in one object with documented defaults.
 * Checks read `ctx.options`; the config file and `--set` override it (src/ops/config.ts
 * derives their schema from DEFAULT_OPTIONS).
 */
import type { Severity } from './types.js';

export interface CheckOptions {
  /** TCP/UDP ports counted as remote administration (CIS 5.2/5.3, FSBP EC2.53/54). */
  adminPorts: number[];
  /**
   * How broad a public source must be to count as "the internet": a set of admitted
   * addresses holding more public addresses than one IPv4 /N (or IPv6 /N) block does.
   * Default /8 and /32, the bound S3 itself uses to call an aws:SourceIp condition fixed.
   */
  internetPrefix: { ipv4: number; ipv6: number };

  // Infrastructure checks (issue 4).
  /**
   * Ports that may be open to the internet without failing FSBP EC2.18 (the AWS Config rule
   * vpc-sg-open-only-to-authorized-ports: authorizedTcpPorts defaults to 80 and 443, UDP to none).
   */
  authorizedIngressPorts: { tcp: number[]; udp: number[] };
  /** Ports FSBP EC2.19 calls high-risk: none of them may be open to the internet. */
  highRiskPorts: number[];
  /** Severity of an instance with a public IPv4 address (FSBP EC2.9): 'informational' where public instances are by design. */
  publicIpSeverity: Severity;
  // --- Identity (issue 3): CIS AWS Foundations v3.0/v5.0 section 1 and FSBP IAM defaults ---
  /** Root password or key use within this many days fails (CIS 1.7 / 1.6). */
  rootUnusedDays: number;
  /** A password or active key unused for this many days or more should be disabled (CIS 1.12 / 1.11, FSBP IAM.22). */
  credentialsUnusedDays: number;
  /** An active access key older than this many days must be rotated (CIS 1.14 / 1.13, FSBP IAM.3). */
  accessKeyMaxAgeDays: number;
  /** Minimum password length the account policy must require (CIS 1.8 / 1.7, FSBP IAM.15). */
  passwordMinLength: number;
  /** Previous passwords the account policy must forbid reusing (CIS 1.9 / 1.8, FSBP IAM.16). */
  passwordReusePrevention: number;
  /** Minimum length for FSBP IAM.7's "strong configuration" (its default parameter is 8). */
  passwordStrengthMinLength: number;
  /**
   * When above 0, FSBP IAM.7 also requires passwords to expire within this many days. 0 (the
   * default) leaves expiry unjudged, as IAM.7 does: its MaxPasswordAge parameter has no
   * default, and CIS v3/v5 no longer ask for expiry.
   */
  passwordMaxAgeDays: number;
  // Issue 5 (RDS and S3): container and abstracted services.
  /** Fewest days of automated RDS backups that pass (FSBP RDS.11's backupRetentionMinimum default). */
  rdsBackupRetentionDays: number;
  /** Account ids outside this one that bucket policies may grant sensitive actions to (FSBP S3.6). */
  s3TrustedAccountIds: string[];
  // Issue 15: external access.
  /**
   * Accounts inside the zone of trust besides this one: a resource policy, role trust or
   * snapshot share naming them is not external access (and S3.6 trusts them too).
   */
  trustedAccountIds: string[];
  /**
   * Read the organization (organizations:DescribeOrganization) and count an
   * aws:PrincipalOrgID/aws:PrincipalOrgPaths condition naming it as inside the zone of trust.
   */
  trustOrganization: boolean;
  // issue 6 (reports and scheduled runs): data residency
  /**
   * Regions where the account's data may live (data sovereignty). Empty: no residency
   * policy, and the data-residency check is not applicable.
   */
  allowedRegions: string[];

  // Internet reachability (issue 7).
  /** Database listener ports: reachable from the internet they are critical, as admin ports are. */
  databasePorts: number[];
  /** Ports meant to be public (web): reachability on these alone is informational exposure, not a failure. */
  intendedPublicPorts: { tcp: number[]; udp: number[] };

  // Patching and the other customer duties (issue 16).
  /** A patch scan (SSM patch compliance) older than this many days is stale: the instance's patch state is no longer known (FSBP SSM.2). */
  patchScanMaxAgeDays: number;
  /** A running instance launched from an AMI created more than this many days ago runs an old image's packages. */
  amiMaxAgeDays: number;
  /** An instance stopped for more than this many days should be removed (FSBP EC2.4's AllowedDays, default 30). */
  stoppedInstanceMaxDays: number;
  /** Access Advisor costs one job per user and role: false turns the check off (for very large accounts). */
  accessAdvisor: boolean;
  /** A service a principal may use but has not used for this many days is unused permission (Access Advisor, roles never used). */
  accessAdvisorUnusedDays: number;
  /** How many Access Advisor jobs run at once. */
  accessAdvisorConcurrency: number;
  // Abstracted services (issue 15).
  /** When true, every Lambda function must run in a VPC (FSBP Lambda.3); off by default, as many functions need no VPC. */
  lambdaRequireVpc: boolean;
  /** When true, DynamoDB tables must be encrypted with a customer-managed KMS key (not the AWS owned or AWS managed key). */
  dynamodbRequireCmk: boolean;
  /** When true, every Glacier vault must have a vault lock policy (write-once retention). */
  glacierRequireVaultLock: boolean;
  /** A secret not accessed for this many days should be removed (FSBP SecretsManager.3's unusedForDays default). */
  secretsUnusedDays: number;
  /** A rotated secret must have rotated within this many days (FSBP SecretsManager.4's maxDaysSinceRotation default). */
  secretsRotationMaxDays: number;
}

export const DEFAULT_OPTIONS: CheckOptions = {
  adminPorts: [22, 3389],
  internetPrefix: { ipv4: 8, ipv6: 32 },

  // Infrastructure checks (issue 4).
  authorizedIngressPorts: { tcp: [80, 443], udp: [] },
  highRiskPorts: [
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300,
  ],
  publicIpSeverity: 'high',
  // --- Identity (issue 3) ---
  rootUnusedDays: 90,
  credentialsUnusedDays: 45,
  accessKeyMaxAgeDays: 90,
  passwordMinLength: 14,
  passwordReusePrevention: 24,
  passwordStrengthMinLength: 8,
  passwordMaxAgeDays: 0,
  // Issue 5 (RDS and S3).
  rdsBackupRetentionDays: 7,
  s3TrustedAccountIds: [],
  // Issue 15: external access.
  trustedAccountIds: [],
  trustOrganization: true,
  // issue 6 (reports and scheduled runs): data residency
  allowedRegions: [],

  // Internet reachability (issue 7).
  // SQL Server, Oracle, MySQL/MariaDB, PostgreSQL, Redis, Elasticsearch/OpenSearch, MongoDB, Cassandra, CouchDB, Memcached, Db2.
  databasePorts: [1433, 1521, 2483, 2484, 3306, 5432, 5984, 6379, 9042, 9200, 9300, 11211, 27017, 27018, 50000],
  intendedPublicPorts: { tcp: [80, 443], udp: [] },

  // Patching and the other customer duties (issue 16).
  // Patch Manager's Quick Setup scans daily: a week without a scan means the schedule stopped.
  patchScanMaxAgeDays: 7,
  amiMaxAgeDays: 180,
  stoppedInstanceMaxDays: 30,
  accessAdvisor: true,
  // Access Advisor's own window is 400 days; 90 is the usual "unused permission" bound (IAM Access Analyzer's default).
  accessAdvisorUnusedDays: 90,
  // Each job is two dependent calls; 16 in flight keep IAM's rate limit, not the round trips, the bound.
  accessAdvisorConcurrency: 16,
  // Abstracted services (issue 15).
  lambdaRequireVpc: false,
  dynamodbRequireCmk: false,
  glacierRequireVaultLock: false,
  secretsUnusedDays: 90,
  secretsRotationMaxDays: 90,
};

export function resolveOptions(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { ...structuredClone(DEFAULT_OPTIONS), ...overrides };
}
