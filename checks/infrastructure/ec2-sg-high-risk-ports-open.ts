import { definePortExposureCheck } from './support/security-groups.js';

export default definePortExposureCheck(
  {
    id: 'ec2-sg-high-risk-ports-open',
    title: 'No security group allows internet ingress to high-risk ports',
    risk: 'File transfer, mail, database, remote-desktop and search-cluster ports open to the internet are scanned for continuously and expose data and control of the host.',
    responsibility: 'network-firewall',
    severity: 'critical',
    compliance: { 'aws-fsbp': ['EC2.19'] },
    remediation:
      'Remove internet-wide sources from rules on these ports; reach such services through a VPN, a load balancer or private connectivity.',
  },
  { ports: (options) => options.highRiskPorts, versions: [4, 6] },
);
