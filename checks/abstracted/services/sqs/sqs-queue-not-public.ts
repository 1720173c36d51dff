import { notPublicCheck, sqsPolicies } from '../policy.js';

export default notPublicCheck(sqsPolicies, {
  id: 'sqs-queue-not-public',
  title: 'SQS queues are not public through their queue policy',
  risk: 'Anyone with AWS credentials can send to, read from or delete messages of the queue.',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['SQS.3'] },
  remediation:
    'Replace the public principal in the queue policy with named accounts or roles, or pin it with aws:SourceArn/aws:SourceAccount conditions to the topic or bucket that sends to it.',
});
