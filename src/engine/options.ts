/**
 * Every threshold and list the checks use, in one object with documented defaults.
 * Checks read `ctx.options`; the CLI (and later a config file) override it.
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

  // Internet reachability (issue 7).
  /** Database listener ports: reachable from the internet they are critical, as admin ports are. */
  databasePorts: number[];
  /** Ports meant to be public (web): reachability on these alone is informational exposure, not a failure. */
  intendedPublicPorts: { tcp: number[]; udp: number[] };
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

  // Internet reachability (issue 7).
  // SQL Server, Oracle, MySQL/MariaDB, PostgreSQL, Redis, Elasticsearch/OpenSearch, MongoDB, Cassandra, CouchDB, Memcached, Db2.
  databasePorts: [1433, 1521, 2483, 2484, 3306, 5432, 5984, 6379, 9042, 9200, 9300, 11211, 27017, 27018, 50000],
  intendedPublicPorts: { tcp: [80, 443], udp: [] },
};

export function resolveOptions(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { ...structuredClone(DEFAULT_OPTIONS), ...overrides };
}
