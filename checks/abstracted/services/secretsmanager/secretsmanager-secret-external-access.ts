import { externalAccessCheck, secretsPolicies } from '../policy.js';

export default externalAccessCheck(secretsPolicies, {
  id: 'secretsmanager-secret-external-access',
  title: 'Secrets Manager secrets grant no access outside the zone of trust through their resource policy',
  risk: 'A principal outside this account, the trusted accounts and the organization can act on the resource: what it does is outside your control and your logs. (Public access counts here too.)',
  compliance: {},
  remediation:
    'Confirm each external principal is intended: name it in trustedAccountIds if it is a partner you trust, otherwise remove the statement or pin it with aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID.',
});
