import { secrets } from '../../../../src/aws/loaders/secretsmanager.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { fail, isoDay, judgeEach, notApplicable, pass, secretResource } from '../common.js';

export default defineCheck({
  id: 'secretsmanager-rotation-succeeding',
  title: 'Secrets Manager secrets with rotation on are rotated on schedule',
  risk: 'A rotation that keeps failing leaves the old secret in use while the configuration suggests it is rotated.',
  category: 'abstracted',
  responsibility: 'credential-rotation',
  service: 'secretsmanager',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['SecretsManager.2'] },
  remediation:
    'Read the rotation function’s CloudWatch logs, fix the failure (permissions, network access to the database, the function itself) and rotate the secret.',
  loaders: { secrets },
  async run({ region, load, result, now }) {
    await judgeEach(result, await load.secrets(region), secretResource, (s) => {
      if (!s.RotationEnabled) return notApplicable('Automatic rotation is off (see secretsmanager-rotation-enabled).');
      // As the Config rule does: the rotation is overdue once the date it was due has passed without one.
      const days = s.RotationRules?.AutomaticallyAfterDays;
      const base = s.LastRotatedDate ?? s.CreatedDate;
      const due = s.NextRotationDate ?? (base && days ? new Date(base.getTime() + days * 86_400_000) : undefined);
      if (!due) return pass('Rotation is on; it is scheduled by expression and has no due date yet.');
      if (due.getTime() < now.getTime())
        return fail(
          `Rotation was due on ${isoDay(due)} and has not happened (last rotated ${s.LastRotatedDate ? isoDay(s.LastRotatedDate) : 'never'}).`,
        );
      return pass(`Rotation is on schedule (next due ${isoDay(due)}).`);
    });
  },
});
