import { secrets } from '../../../../src/aws/loaders/secretsmanager.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { daysBetween, fail, isoDay, judgeEach, missing, pass, secretResource } from '../common.js';

export default defineCheck({
  id: 'secretsmanager-rotated-recently',
  title: 'Secrets Manager secrets have been rotated within the allowed number of days',
  risk: 'The longer a secret lives, the longer a leaked copy of it stays useful.',
  category: 'abstracted',
  responsibility: 'credential-rotation',
  service: 'secretsmanager',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['SecretsManager.4'] },
  remediation: 'Rotate the secret now and turn on automatic rotation with a schedule shorter than the allowed age.',
  loaders: { secrets },
  async run({ region, load, result, now, options }) {
    const limit = options.secretsRotationMaxDays;
    await judgeEach(result, await load.secrets(region), secretResource, (s) => {
      // Never rotated: its age counts from creation, as the Config rule does.
      const since = s.LastRotatedDate ?? s.CreatedDate;
      if (!since) return missing('CreatedDate', 'secretsmanager:ListSecrets', 'secret');
      const days = daysBetween(since, now);
      const what = s.LastRotatedDate ? `last rotated on ${isoDay(since)}` : `never rotated since its creation on ${isoDay(since)}`;
      return days > limit
        ? fail(`The secret was ${what}: ${days} days ago, more than ${limit}.`)
        : pass(`The secret was ${what}: within ${limit} days.`);
    });
  },
});
