import { fileSystems } from '../../../../src/aws/loaders/efs.js';
import { fileSystemResource } from '../common.js';
import { residencyCheck } from '../residency.js';

export default residencyCheck({
  id: 'efs-data-residency',
  service: 'efs',
  what: 'file system',
  plural: 'EFS file systems',
  remediation: 'Replicate the file system to an allowed region (EFS replication), fail over to the replica, then delete this one.',
  loaders: { fileSystems },
  list: async ({ region, load }) => (await load.fileSystems(region)).map(fileSystemResource),
});
