import { definePortExposureCheck } from './support/security-groups.js';

export default definePortExposureCheck(
  {
    id: 'ec2-sg-admin-ports-open',
    title: 'No security group allows IPv4 internet ingress to remote administration ports',
    risk: 'SSH and RDP reachable from the internet are brute-forced and exploited within minutes of exposure.',
    responsibility: 'network-firewall',
    severity: 'high',
    compliance: { 'cis-aws-3.0': ['5.2'], 'cis-aws-5.0': ['5.3'], 'aws-fsbp': ['EC2.53'] },
    remediation: 'Restrict the rule to known CIDRs or security groups, or use Systems Manager Session Manager instead of SSH/RDP.',
  },
  { ports: (options) => options.adminPorts, versions: [4] },
);
