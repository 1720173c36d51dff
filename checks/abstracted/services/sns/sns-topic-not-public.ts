import { notPublicCheck, snsPolicies } from '../policy.js';

export default notPublicCheck(snsPolicies, {
  id: 'sns-topic-not-public',
  title: 'SNS topics are not public through their topic policy',
  risk: 'Anyone with AWS credentials can publish to or subscribe to the topic: spoofed notifications, or its messages delivered to a stranger.',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['SNS.4'] },
  remediation:
    'Restrict the topic policy\'s principals to named accounts, or pin "*" with aws:SourceOwner/aws:SourceAccount/aws:SourceArn conditions.',
});
