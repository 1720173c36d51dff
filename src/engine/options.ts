/**
 * Every threshold and list the checks use, in one object with documented defaults.
 * Checks read `ctx.options`; the CLI (and later a config file) override it.
 */
export interface CheckOptions {
  /** TCP/UDP ports counted as remote administration (CIS 5.2/5.3, FSBP EC2.53/54). */
  adminPorts: number[];
  /**
   * How broad a public source must be to count as "the internet": a set of admitted
   * addresses holding more public addresses than one IPv4 /N (or IPv6 /N) block does.
   * Default /8 and /32, the bound S3 itself uses to call an aws:SourceIp condition fixed.
   */
  internetPrefix: { ipv4: number; ipv6: number };

  // Issue 5 (RDS and S3): container and abstracted services.
  /** Fewest days of automated RDS backups that pass (FSBP RDS.11's backupRetentionMinimum default). */
  rdsBackupRetentionDays: number;
  /** Account ids outside this one that bucket policies may grant sensitive actions to (FSBP S3.6). */
  s3TrustedAccountIds: string[];
}

export const DEFAULT_OPTIONS: CheckOptions = {
  adminPorts: [22, 3389],
  internetPrefix: { ipv4: 8, ipv6: 32 },

  // Issue 5 (RDS and S3).
  rdsBackupRetentionDays: 7,
  s3TrustedAccountIds: [],
};

export function resolveOptions(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { ...structuredClone(DEFAULT_OPTIONS), ...overrides };
}
