import { defineCheck } from '../../src/engine/check.js';
import { flag, instanceLoaders, judgeInstances } from './rds-common.js';

export default defineCheck({
  id: 'rds-instance-not-public',
  title: 'RDS DB instances are not publicly accessible',
  risk: 'A publicly accessible instance gets a public IP address; one permissive security group rule then exposes the database port to the internet.',
  category: 'container',
  responsibility: 'public-access',
  service: 'rds',
  scope: 'regional',
  severity: 'critical',
  compliance: { 'cis-aws-3.0': ['2.3.3'], 'cis-aws-5.0': ['2.2.3'], 'aws-fsbp': ['RDS.2'] },
  remediation: 'Modify the instance and turn off "Publicly accessible"; reach it through a VPN, Direct Connect or a bastion instead.',
  loaders: instanceLoaders,
  async run(ctx) {
    // PubliclyAccessible is per instance, Aurora members included.
    await judgeInstances(ctx, (db) =>
      flag(
        db.PubliclyAccessible === undefined ? undefined : !db.PubliclyAccessible,
        'PubliclyAccessible',
        { kind: 'instance' },
        'Not publicly accessible: its endpoint resolves to a private address only.',
        'Publicly accessible: its endpoint resolves to a public IP address, so only security groups stand between the database port and the internet.',
      ),
    );
  },
});
