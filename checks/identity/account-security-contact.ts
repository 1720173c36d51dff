import { alternateContact } from '../../src/aws/loaders/account.js';
import { defineCheck } from '../../src/engine/check.js';
import { accountResource } from './common.js';

export default defineCheck({
  id: 'account-security-contact',
  title: 'A security contact is registered for the account',
  risk: 'AWS sends abuse reports and security notices (exposed keys, compromised instances) to the security contact; without one they reach whoever reads the root mailbox, if anyone.',
  category: 'identity',
  responsibility: 'monitoring',
  service: 'account',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.2'], 'cis-aws-5.0': ['1.2'], 'aws-fsbp': ['Account.1'] },
  remediation:
    'Register a security alternate contact (Account settings > Alternate contacts, or PutAlternateContact with type SECURITY), ideally a monitored team address.',
  loaders: { alternateContact },
  async run({ accountId, partition, load, result }) {
    const resource = accountResource(accountId, partition, 'security contact');
    const contact = await load.alternateContact('SECURITY');
    if (!contact)
      result.fail(resource, 'No security alternate contact is registered (GetAlternateContact SECURITY: ResourceNotFoundException).');
    else
      result.pass(resource, `Security contact: ${contact.Name ?? 'unnamed'}${contact.EmailAddress ? ` <${contact.EmailAddress}>` : ''}.`);
  },
});
