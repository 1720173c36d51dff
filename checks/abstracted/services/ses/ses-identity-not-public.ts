import { notPublicCheck, sesPolicies } from '../policy.js';

export default notPublicCheck(sesPolicies, {
  id: 'ses-identity-not-public',
  title: 'SES identities are not public through their sending-authorization policies',
  risk: 'Anyone can send mail as your domain or address through your SES account: phishing under your name, and the bounces and complaints that get the account suspended.',
  severity: 'critical',
  compliance: {},
  remediation:
    "Remove the public statements from the identity's sending-authorization policies (DeleteIdentityPolicy / PutIdentityPolicy), naming the delegate sender accounts instead.",
});
