import { definePortExposureCheck } from './support/security-groups.js';

export default definePortExposureCheck(
  {
    id: 'ec2-sg-admin-ports-open-ipv6',
    title: 'No security group allows IPv6 internet ingress to remote administration ports',
    risk: 'SSH and RDP reachable over IPv6 are as exposed as over IPv4, and IPv6 rules are easily overlooked when IPv4 is locked down.',
    responsibility: 'network-firewall',
    severity: 'high',
    compliance: { 'cis-aws-3.0': ['5.3'], 'cis-aws-5.0': ['5.4'], 'aws-fsbp': ['EC2.54'] },
    remediation:
      'Remove the ::/0 (or other internet-wide IPv6) source from the rule, or use Systems Manager Session Manager instead of SSH/RDP.',
  },
  { ports: (options) => options.adminPorts, versions: [6] },
);
