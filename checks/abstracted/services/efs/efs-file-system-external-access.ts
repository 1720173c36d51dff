import { externalAccessCheck, efsPolicies } from '../policy.js';

export default externalAccessCheck(efsPolicies, {
  id: 'efs-file-system-external-access',
  title: 'EFS file systems grant no access outside the zone of trust through their file-system policy',
  risk: 'A principal outside this account, the trusted accounts and the organization can act on the resource: what it does is outside your control and your logs. (Public access counts here too.)',
  compliance: {},
  remediation:
    'Confirm each external principal is intended: name it in trustedAccountIds if it is a partner you trust, otherwise remove the statement or pin it with aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID.',
});
