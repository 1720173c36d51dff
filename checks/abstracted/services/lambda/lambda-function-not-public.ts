import { notPublicCheck, lambdaPolicies } from '../policy.js';

export default notPublicCheck(
  lambdaPolicies,
  {
    id: 'lambda-function-not-public',
    title: 'Lambda functions are not public through their resource-based policy',
    risk: "Anyone can invoke (or, with broader grants, change) the function: its code runs with its execution role's permissions, and each call is billed to you.",
    severity: 'critical',
    compliance: { 'aws-fsbp': ['Lambda.1'] },
    remediation:
      'Remove the statements that grant lambda:* to "*" (RemovePermission), or add aws:SourceAccount/aws:SourceArn conditions for service principals; use function URLs with AWS_IAM or API Gateway for public callers.',
  },
  {
    // Lambda.1's documentation: the control also fails when Amazon S3 may invoke the function without a
    // condition (aws:SourceAccount) limiting which account's buckets: any bucket owner can trigger it.
    why: 'Lambda.1 fails an Amazon S3 permission without aws:SourceAccount',
    matches: (a) => a.principal === 's3.amazonaws.com',
  },
);
