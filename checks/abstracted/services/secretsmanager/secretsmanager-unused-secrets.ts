import { secrets } from '../../../../src/aws/loaders/secretsmanager.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { daysBetween, fail, isoDay, judgeEach, missing, pass, secretResource } from '../common.js';

export default defineCheck({
  id: 'secretsmanager-unused-secrets',
  title: 'Secrets Manager secrets have been used recently',
  risk: 'A secret nobody reads is a credential that still works and that nobody watches: remove it, or what it unlocks.',
  category: 'abstracted',
  responsibility: 'credential-rotation',
  service: 'secretsmanager',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['SecretsManager.3'] },
  remediation: 'Confirm the secret is no longer needed, revoke the credential it holds, then delete the secret (with a recovery window).',
  loaders: { secrets },
  async run({ region, load, result, now, options }) {
    const limit = options.secretsUnusedDays;
    await judgeEach(result, await load.secrets(region), secretResource, (s) => {
      // LastAccessedDate is kept to the day, and absent for a secret never read; its age then counts from creation.
      const since = s.LastAccessedDate ?? s.CreatedDate;
      const what = s.LastAccessedDate ? `last accessed on ${isoDay(s.LastAccessedDate)}` : 'never accessed';
      if (!since) return missing('CreatedDate', 'secretsmanager:ListSecrets', 'secret');
      const days = daysBetween(since, now);
      return days > limit
        ? fail(
            `The secret was ${what}${s.LastAccessedDate ? '' : ` since its creation on ${isoDay(since)}`}: ${days} days, more than ${limit}.`,
          )
        : pass(`The secret was ${what}${s.LastAccessedDate ? '' : ` (created ${isoDay(since)})`}: within ${limit} days.`);
    });
  },
});
