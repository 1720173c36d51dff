/**
 * Every threshold and list the checks use, in one object with documented defaults.
 * Checks read `ctx.options`; the config file and `--set` override it (src/ops/config.ts
 * derives their schema from DEFAULT_OPTIONS).
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
  // issue 6 (reports and scheduled runs): data residency
  /**
   * Regions where the account's data may live (data sovereignty). Empty: no residency
   * policy, and the data-residency check is not applicable.
   */
  allowedRegions: string[];
}

export const DEFAULT_OPTIONS: CheckOptions = {
  adminPorts: [22, 3389],
  internetPrefix: { ipv4: 8, ipv6: 32 },
  // issue 6 (reports and scheduled runs): data residency
  allowedRegions: [],
};

export function resolveOptions(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { ...structuredClone(DEFAULT_OPTIONS), ...overrides };
}
