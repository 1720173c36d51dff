import ec2DataResidency from './ec2-data-residency.js';
import type { AnyCheck } from '../../src/engine/check.js';
import ec2AmiPublic from './ec2-ami-public.js';
import ec2EbsEncryptionByDefault from './ec2-ebs-encryption-by-default.js';
import ec2EbsSnapshotPublic from './ec2-ebs-snapshot-public.js';
import ec2EbsVolumeEncrypted from './ec2-ebs-volume-encrypted.js';
import ec2InstanceImdsv2Required from './ec2-instance-imdsv2-required.js';
import ec2InstanceInternetReachable from './ec2-instance-internet-reachable.js';
import ec2InstancePublicIp from './ec2-instance-public-ip.js';
import ec2NaclAdminPortsOpen from './ec2-nacl-admin-ports-open.js';
import ec2SgAdminPortsOpen from './ec2-sg-admin-ports-open.js';
import ec2SgAdminPortsOpenIpv6 from './ec2-sg-admin-ports-open-ipv6.js';
import ec2SgCifsOpen from './ec2-sg-cifs-open.js';
import ec2SgDefaultRestrictsAll from './ec2-sg-default-restricts-all.js';
import ec2SgHighRiskPortsOpen from './ec2-sg-high-risk-ports-open.js';
import ec2SgUnauthorizedPortsOpen from './ec2-sg-unauthorized-ports-open.js';
import ec2VpcFlowLogsEnabled from './ec2-vpc-flow-logs-enabled.js';
import ec2EbsSnapshotExternalAccess from './ec2-ebs-snapshot-external-access.js';
import ec2AmiExternalAccess from './ec2-ami-external-access.js';

export const infrastructureChecks: AnyCheck[] = [
  ec2SgAdminPortsOpen,
  ec2SgAdminPortsOpenIpv6,
  ec2SgCifsOpen,
  ec2SgHighRiskPortsOpen,
  ec2SgUnauthorizedPortsOpen,
  ec2SgDefaultRestrictsAll,
  ec2NaclAdminPortsOpen,
  ec2EbsEncryptionByDefault,
  ec2EbsVolumeEncrypted,
  ec2EbsSnapshotPublic,
  ec2EbsSnapshotExternalAccess,
  ec2AmiPublic,
  ec2AmiExternalAccess,
  ec2InstanceImdsv2Required,
  ec2InstancePublicIp,
  ec2InstanceInternetReachable,
  ec2VpcFlowLogsEnabled,
  ec2DataResidency,
];
