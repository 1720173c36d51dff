import { defineCheck } from '../../src/engine/check.js';
import { flag, instanceLoaders, judgeInstances } from './rds-common.js';

export default defineCheck({
  id: 'rds-auto-minor-version-upgrade',
  title: 'RDS DB instances apply minor engine upgrades automatically',
  risk: 'Minor versions carry the engine security fixes; without automatic upgrades, patching waits for someone to remember it.',
  category: 'container',
  responsibility: 'patching',
  service: 'rds',
  scope: 'regional',
  severity: 'high',
  compliance: { 'cis-aws-3.0': ['2.3.2'], 'cis-aws-5.0': ['2.2.2'], 'aws-fsbp': ['RDS.13'] },
  remediation: 'Modify the instance and turn on "Auto minor version upgrade"; upgrades then happen in the maintenance window.',
  loaders: instanceLoaders,
  async run(ctx) {
    await judgeInstances(ctx, (db) =>
      // RDS Custom (custom-oracle-*, custom-sqlserver-*) requires the setting off: the customer patches the host.
      db.Engine?.toLowerCase().startsWith('custom-')
        ? {
            status: 'notApplicable',
            message: `RDS Custom engine ${db.Engine}: automatic minor version upgrades are not supported; engine versions are applied by hand (custom engine versions).`,
          }
        : flag(
            db.AutoMinorVersionUpgrade,
            'AutoMinorVersionUpgrade',
            { kind: 'instance' },
            `Minor engine upgrades are applied automatically${db.PreferredMaintenanceWindow ? ` in the window ${db.PreferredMaintenanceWindow}` : ''}.`,
            `Automatic minor version upgrades are off: engine ${db.Engine ?? ''} ${db.EngineVersion ?? ''} gets security fixes only when someone upgrades it by hand.`.replace(
              /\s+/g,
              ' ',
            ),
          ),
    );
  },
});
