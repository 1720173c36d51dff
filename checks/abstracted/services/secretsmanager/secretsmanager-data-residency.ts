import { secrets } from '../../../../src/aws/loaders/secretsmanager.js';
import { secretResource } from '../common.js';
import { residencyCheck } from '../residency.js';

export default residencyCheck({
  id: 'secretsmanager-data-residency',
  service: 'secretsmanager',
  what: 'secret',
  plural: 'Secrets Manager secrets',
  remediation:
    'Recreate the secret in an allowed region (or replicate it there), move its readers, then delete it here (and remove replicas outside the allowed regions).',
  loaders: { secrets },
  list: async ({ region, load }) => (await load.secrets(region)).map(secretResource),
});
