import { identities, identityAttributes } from '../../../../src/aws/loaders/ses.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, identityResource, judgeEach, missing, notApplicable, pass } from '../common.js';

export default defineCheck({
  id: 'ses-domain-dkim-enabled',
  title: 'Verified SES domain identities sign mail with DKIM',
  risk: 'Without DKIM, receivers cannot tell your mail from a forgery: it is more easily spoofed and more often rejected or filed as spam.',
  category: 'abstracted',
  responsibility: 'identity-and-access',
  service: 'ses',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    'Turn on Easy DKIM for the domain (SetIdentityDkimEnabled) and publish the three CNAME records SES gives in the domain’s DNS.',
  loaders: { identities, identityAttributes },
  async run({ region, accountId, partition, load, result }) {
    const names = await load.identities(region);
    const facts = names.length ? await load.identityAttributes(region) : { verification: {}, dkim: {} };
    await judgeEach(
      result,
      names,
      (name) => identityResource(name, { region, accountId, partition }),
      (name) => {
        // DKIM signs for a domain; an email-address identity is signed under its domain's identity.
        if (name.includes('@')) return notApplicable('An email-address identity: DKIM is set on its domain’s identity.');
        const status = facts.verification[name]?.VerificationStatus;
        if (!status) return missing('VerificationStatus', 'ses:GetIdentityVerificationAttributes', 'identity');
        if (status !== 'Success') return notApplicable(`The domain is not verified (${status}): it cannot send mail yet.`);
        const dkim = facts.dkim[name];
        if (dkim?.DkimEnabled === undefined) return missing('DkimEnabled', 'ses:GetIdentityDkimAttributes', 'identity');
        if (!dkim.DkimEnabled) return fail('DKIM signing is off for this verified domain.');
        if (dkim.DkimVerificationStatus !== 'Success')
          return fail(
            `DKIM is on but its DNS records are not verified (${dkim.DkimVerificationStatus ?? 'no status'}): mail is not signed yet.`,
          );
        return pass('DKIM signing is on and its DNS records are verified.');
      },
    );
  },
});
