import { defineCheck } from '../../src/engine/check.js';
import { databaseLoaders, flag, judgeDatabases } from './rds-common.js';

/** Engines RDS offers IAM database authentication for. */
const IAM_AUTH_ENGINES = new Set(['mysql', 'mariadb', 'postgres', 'aurora', 'aurora-mysql', 'aurora-postgresql']);

export default defineCheck({
  id: 'rds-iam-authentication',
  title: 'RDS DB instances and clusters use IAM database authentication',
  risk: 'Without IAM authentication, access rests on long-lived database passwords that are not rotated or revoked with the people who hold them.',
  category: 'container',
  responsibility: 'identity-and-access',
  service: 'rds',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['RDS.10', 'RDS.12'] },
  remediation:
    'Modify the instance or cluster and turn on IAM database authentication, then grant rds-db:connect to the roles that need it.',
  loaders: databaseLoaders,
  async run(ctx) {
    await judgeDatabases(ctx, (db) => {
      if (!IAM_AUTH_ENGINES.has(db.engine)) {
        return { status: 'notApplicable', message: `Engine ${db.engine} does not support IAM database authentication.` };
      }
      return flag(
        db.iamAuth,
        'IAMDatabaseAuthenticationEnabled',
        db,
        'IAM database authentication is on.',
        `IAM database authentication is off: sign-in to this ${db.kind} rests on database passwords only.`,
      );
    });
  },
});
