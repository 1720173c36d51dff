import { notPublicCheck, efsPolicies } from '../policy.js';

export default notPublicCheck(efsPolicies, {
  id: 'efs-file-system-not-public',
  title: 'EFS file systems are not public through their file-system policy',
  risk: 'Any AWS principal that reaches a mount target can mount and read or write the file system.',
  severity: 'critical',
  compliance: {},
  remediation:
    'Remove the public statements from the file-system policy (PutFileSystemPolicy), or add a condition pinning the caller to your account or organization.',
});
