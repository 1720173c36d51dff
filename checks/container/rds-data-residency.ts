import { dbInstances } from '../../src/aws/loaders/rds.js';
import { instanceResource, rdsInstances } from '../../src/analysis/rds-databases.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeResidency, RESIDENCY_META, withoutPolicy } from '../residency.js';

export default defineCheck({
  ...RESIDENCY_META,
  id: 'rds-data-residency',
  title: 'RDS DB instances are only in allowed regions',
  category: 'container',
  service: 'rds',
  scope: 'regional',
  remediation: 'Copy a snapshot to an allowed region, restore it there and switch over, then delete the instance and its snapshots here.',
  loaders: { dbInstances },
  async run({ region, accountId, partition, load, result, options }) {
    const allowed = options.allowedRegions;
    if (withoutPolicy(allowed, { region, accountId, partition, result })) return;
    // As in every RDS check, Neptune and DocumentDB instances (which the RDS API also lists) are left out.
    for (const db of rdsInstances(await load.dbInstances(region))) {
      judgeResidency(result, instanceResource(db, region, accountId, partition), 'DB instance', region, allowed);
    }
  },
});
