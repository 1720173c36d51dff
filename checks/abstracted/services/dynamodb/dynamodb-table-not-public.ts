import { notPublicCheck, dynamodbPolicies } from '../policy.js';

export default notPublicCheck(dynamodbPolicies, {
  id: 'dynamodb-table-not-public',
  title: 'DynamoDB tables are not public through their resource-based policy',
  risk: "Anyone with AWS credentials can read or change the table's items through its resource-based policy.",
  severity: 'critical',
  compliance: {},
  remediation:
    "Remove the public statements from the table's resource-based policy (PutResourcePolicy, or DeleteResourcePolicy), granting named principals instead.",
});
