import { notPublicCheck, kmsPolicies } from '../policy.js';

export default notPublicCheck(kmsPolicies, {
  id: 'kms-key-not-public',
  title: 'KMS keys are not public through their key policy',
  risk: 'Anyone with AWS credentials can use the key (decrypt what it protects) or manage it.',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['KMS.5'] },
  remediation:
    'Replace the public principal in the key policy with named accounts or roles, or pin it with kms:CallerAccount (and kms:ViaService) conditions.',
});
