import { contactInformation } from '../../src/aws/loaders/account.js';
import { defineCheck } from '../../src/engine/check.js';
import { accountResource } from './common.js';

/** The primary contact's fields GetContactInformation marks required. */
const REQUIRED = ['FullName', 'AddressLine1', 'City', 'PostalCode', 'CountryCode', 'PhoneNumber'] as const;

export default defineCheck({
  id: 'account-contact-details',
  title: 'The account has complete primary contact details',
  risk: 'AWS uses the primary contact to reach the account owner about the account, including suspected compromise; stale details mean the warning goes nowhere.',
  category: 'identity',
  responsibility: 'monitoring',
  service: 'account',
  scope: 'global',
  severity: 'low',
  compliance: { 'cis-aws-3.0': ['1.1'], 'cis-aws-5.0': ['1.1'] },
  remediation:
    'Keep the primary contact current (Account settings > Contact information, PutContactInformation) and review it when people change; CIS 1.1 also asks for a review that no API can do.',
  loaders: { contactInformation },
  async run({ accountId, partition, load, result }) {
    const resource = accountResource(accountId, partition, 'primary contact');
    const contact = await load.contactInformation();
    const missing = REQUIRED.filter((field) => !contact[field]?.trim());
    if (missing.length) result.fail(resource, `The primary contact lacks ${missing.join(', ')}.`);
    // CIS 1.1 is a manual recommendation ("maintain current"): the API shows the details exist, not that they are current.
    else
      result.pass(
        resource,
        `Primary contact registered (${contact.FullName}, ${contact.CountryCode}); whether it is current needs a person's review.`,
      );
  },
});
