import { kmsKeys } from '../../../src/aws/loaders/kms.js';
import { defineCheck } from '../../../src/engine/check.js';
import { keyResource } from './kms-common.js';

export default defineCheck({
  id: 'kms-key-pending-deletion',
  title: 'No customer-managed KMS key is scheduled for deletion',
  risk: 'Once the waiting period ends, everything encrypted under the key is unreadable for good; a deletion scheduled by mistake or by an attacker must be caught before then.',
  category: 'abstracted',
  responsibility: 'key-management',
  service: 'kms',
  scope: 'regional',
  severity: 'high',
  compliance: { 'aws-fsbp': ['KMS.3'] },
  remediation: 'If the deletion is not intended: aws kms cancel-key-deletion --key-id <key-id>, then aws kms enable-key.',
  loaders: { kmsKeys },
  async run({ region, load, result }) {
    // AWS managed keys cannot be scheduled for deletion: only customer-managed keys are judged.
    for (const key of (await load.kmsKeys(region)).filter((k) => k.KeyManager === 'CUSTOMER')) {
      const resource = keyResource(key);
      if (key.KeyState === 'PendingDeletion' || key.KeyState === 'PendingReplicaDeletion') {
        const date = key.DeletionDate ? new Date(key.DeletionDate).toISOString() : undefined;
        const when = date ? ` on ${date.slice(0, 10)}` : ' (when the replica deletion completes)';
        result.fail(resource, `Scheduled for deletion${when} (${key.KeyState}).`, {
          evidence: { keyState: key.KeyState, deletionDate: date },
        });
      } else result.pass(resource, `Not scheduled for deletion (${key.KeyState ?? 'state not reported'}).`);
    }
  },
});
