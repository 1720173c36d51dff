import { publicSharingPermission, PUBLIC_SHARING_SETTING } from '../../src/aws/loaders/ssm.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';

export default defineCheck({
  id: 'ssm-public-sharing-blocked',
  title: 'Block public sharing is on for SSM documents in every region',
  risk: 'Without the block, one ModifyDocumentPermission call makes a document public.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'ssm',
  scope: 'regional',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['SSM.7'] },
  remediation: `Turn on "Block public sharing" in Systems Manager Documents preferences (UpdateServiceSetting ${PUBLIC_SHARING_SETTING} = Disable).`,
  loaders: { publicSharingPermission },
  async run({ region, accountId, partition, load, result }) {
    const resource = { ...scopeResource(region, accountId, partition), name: `SSM document sharing in ${region}` };
    const value = await load.publicSharingPermission(region);
    // The setting names the permission, so "Disable" is the blocked state.
    if (value === 'Disable') result.pass(resource, `Public sharing of SSM documents is blocked in ${region}.`);
    else if (value === 'Enable')
      result.fail(resource, `Public sharing of SSM documents is allowed in ${region} (${PUBLIC_SHARING_SETTING} = Enable).`);
    else result.error(resource, new Error(`${PUBLIC_SHARING_SETTING} has the value "${value}", neither Enable nor Disable`));
  },
});
