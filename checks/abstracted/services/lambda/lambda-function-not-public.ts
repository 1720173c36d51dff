import { notPublicCheck, lambdaPolicies } from '../policy.js';

export default notPublicCheck(lambdaPolicies, {
  id: 'lambda-function-not-public',
  title: 'Lambda functions are not public through their resource-based policy',
  risk: "Anyone can invoke (or, with broader grants, change) the function: its code runs with its execution role's permissions, and each call is billed to you.",
  severity: 'critical',
  compliance: { 'aws-fsbp': ['Lambda.1'] },
  remediation:
    'Remove the statements that grant lambda:* to "*" (RemovePermission), or add aws:SourceAccount/aws:SourceArn conditions for service principals; use function URLs with AWS_IAM or API Gateway for public callers.',
});
