import type { DBInstance } from '@aws-sdk/client-rds';
import type { Resource } from '../../../src/engine/types.js';

/** The resource an RDS DB instance finding names: its identifier, ARN and engine. */
export function dbInstanceResource(db: DBInstance): Resource {
  const id = db.DBInstanceIdentifier ?? 'unknown';
  return { id, type: 'AWS::RDS::DBInstance', arn: db.DBInstanceArn, name: db.Engine ? `${id} (${db.Engine})` : id };
}
