import { secrets } from '../../../../src/aws/loaders/secretsmanager.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, judgeEach, pass, secretResource } from '../common.js';

export default defineCheck({
  id: 'secretsmanager-rotation-enabled',
  title: 'Secrets Manager secrets rotate automatically',
  risk: 'A secret that never rotates stays valid for as long as it has existed: a leaked copy works indefinitely.',
  category: 'abstracted',
  responsibility: 'credential-rotation',
  service: 'secretsmanager',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['SecretsManager.1'] },
  remediation: 'Turn on automatic rotation with a rotation function (or managed rotation) and a schedule.',
  loaders: { secrets },
  async run({ region, load, result }) {
    // ListSecrets leaves RotationEnabled out for a secret that never had rotation set up.
    await judgeEach(result, await load.secrets(region), secretResource, (s) =>
      s.RotationEnabled
        ? pass(
            `Automatic rotation is on${s.RotationRules?.AutomaticallyAfterDays ? ` (every ${s.RotationRules.AutomaticallyAfterDays} days)` : ''}.`,
          )
        : fail('Automatic rotation is off.'),
    );
  },
});
