import { keyRotation, kmsKeys } from '../../../src/aws/loaders/kms.js';
import { defineCheck } from '../../../src/engine/check.js';
import { keyResource, outOfRotationScope } from './kms-common.js';

export default defineCheck({
  id: 'kms-key-rotation',
  title: 'Customer-managed symmetric KMS keys rotate automatically',
  risk: 'Key material that never rotates protects every piece of data encrypted over the key’s life, so one exposure of it exposes all of them.',
  category: 'abstracted',
  responsibility: 'key-management',
  service: 'kms',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['3.6'], 'cis-aws-5.0': ['3.6'], 'aws-fsbp': ['KMS.4'] },
  remediation: 'aws kms enable-key-rotation --key-id <key-id> (optionally --rotation-period-in-days).',
  loaders: { kmsKeys, keyRotation },
  async run({ region, load, result }) {
    for (const key of await load.kmsKeys(region)) {
      const resource = keyResource(key);
      const outside = outOfRotationScope(key);
      if (outside) {
        result.notApplicable(resource, `Out of scope: ${outside}.`);
        continue;
      }
      try {
        if (await load.keyRotation(region, key.KeyId!)) result.pass(resource, 'Automatic key rotation is on.');
        else result.fail(resource, 'Automatic key rotation is off.');
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});
