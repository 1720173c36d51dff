import { notPublicCheck, glacierPolicies } from '../policy.js';

export default notPublicCheck(glacierPolicies, {
  id: 'glacier-vault-not-public',
  title: 'Glacier vaults are not public through their vault access policy',
  risk: "Anyone with AWS credentials can read, upload or delete the vault's archives.",
  severity: 'critical',
  compliance: {},
  remediation: 'Remove the public statements from the vault access policy (SetVaultAccessPolicy or DeleteVaultAccessPolicy).',
});
