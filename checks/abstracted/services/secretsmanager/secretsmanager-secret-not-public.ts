import { notPublicCheck, secretsPolicies } from '../policy.js';

export default notPublicCheck(secretsPolicies, {
  id: 'secretsmanager-secret-not-public',
  title: 'Secrets Manager secrets are not public through their resource policy',
  risk: "Anyone with AWS credentials can read the secret's value or change it.",
  severity: 'critical',
  compliance: {},
  remediation:
    "Remove the public statements from the secret's resource policy (PutResourcePolicy with BlockPublicPolicy, or DeleteResourcePolicy).",
});
