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
  /** Passwords must expire within this many days for FSBP IAM.7. */
  passwordMaxAgeDays: number;
}

export const DEFAULT_OPTIONS: CheckOptions = {
  adminPorts: [22, 3389],
  internetPrefix: { ipv4: 8, ipv6: 32 },

  // --- Identity (issue 3) ---
  rootUnusedDays: 90,
  credentialsUnusedDays: 45,
  accessKeyMaxAgeDays: 90,
  passwordMinLength: 14,
  passwordReusePrevention: 24,
  passwordStrengthMinLength: 8,
  passwordMaxAgeDays: 90,
};

export function resolveOptions(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { ...structuredClone(DEFAULT_OPTIONS), ...overrides };
}
