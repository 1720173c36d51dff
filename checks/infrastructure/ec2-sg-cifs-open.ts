import { definePortExposureCheck } from './support/security-groups.js';

/** CIFS/SMB: the port CIS v5 5.1.2 names. */
const CIFS_PORT = 445;

export default definePortExposureCheck(
  {
    id: 'ec2-sg-cifs-open',
    title: 'No security group allows internet ingress to CIFS (port 445)',
    risk: 'SMB exposed to the internet has carried worms (WannaCry, NotPetya) and leaks file shares and credentials.',
    responsibility: 'network-firewall',
    severity: 'high',
    compliance: { 'cis-aws-5.0': ['5.1.2'] },
    remediation: 'Allow port 445 only from trusted networks (VPN, peered VPCs, known CIDRs) or security groups.',
  },
  { ports: () => [CIFS_PORT], versions: [4, 6] },
);
