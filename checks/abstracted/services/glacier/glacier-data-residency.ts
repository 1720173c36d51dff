import { vaults } from '../../../../src/aws/loaders/glacier.js';
import { vaultResource } from '../common.js';
import { residencyCheck } from '../residency.js';

export default residencyCheck({
  id: 'glacier-data-residency',
  service: 'glacier',
  what: 'vault',
  plural: 'Glacier vaults',
  remediation:
    'Retrieve the archives and store them in a vault (or an S3 Glacier storage class) in an allowed region, then delete them here.',
  loaders: { vaults },
  list: async ({ region, load }) => (await load.vaults(region)).map(vaultResource),
});
