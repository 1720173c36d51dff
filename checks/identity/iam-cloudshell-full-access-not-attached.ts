import { authorizationDetails } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';
import { identities, identityResource, isAwsManagedPolicy } from './common.js';

export default defineCheck({
  id: 'iam-cloudshell-full-access-not-attached',
  title: 'No IAM identity has AWSCloudShellFullAccess attached',
  risk: 'CloudShell full access allows uploading and downloading files and reaching the internet from a shell, a ready path for data exfiltration.',
  category: 'identity',
  responsibility: 'identity-and-access',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.22'], 'cis-aws-5.0': ['1.21'], 'aws-fsbp': ['IAM.27'] },
  remediation: 'Detach AWSCloudShellFullAccess and, if CloudShell is needed, grant a policy that denies file upload/download.',
  loaders: { authorizationDetails },
  async run({ load, result }) {
    for (const identity of identities(await load.authorizationDetails())) {
      const resource = identityResource(identity);
      if (identity.attached.some((p) => isAwsManagedPolicy(p, 'AWSCloudShellFullAccess')))
        result.fail(resource, `AWSCloudShellFullAccess is attached to ${identity.kind} ${identity.name}.`);
      else result.pass(resource, `AWSCloudShellFullAccess is not attached to ${identity.kind} ${identity.name}.`);
    }
  },
});
