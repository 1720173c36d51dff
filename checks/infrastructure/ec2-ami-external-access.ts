import { imageLaunchPermissions, ownImages } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { judgeSharedResources, trustZoneLoaders, trustZoneOf } from '../trust-zone.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  id: 'ec2-ami-external-access',
  title: 'AMIs are shared only with accounts and organizations inside the zone of trust',
  risk: 'An account an image is shared with can launch a copy and read what was baked into it: code, keys, configuration.',
  category: 'infrastructure',
  responsibility: 'external-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    "Remove the account, organization or OU from the image's launch permissions (ModifyImageAttribute), or list the account in trustedAccountIds when it is yours.",
  loaders: { ownImages, imageLaunchPermissions, ...trustZoneLoaders },
  async run(ctx) {
    const { region, accountId, partition, load, result } = ctx;
    // The permission list has no bulk read: one DescribeImageAttribute per image.
    await judgeSharedResources(result, await trustZoneOf(ctx), await load.ownImages(region), {
      resource: (i) => ec2Resource('image', { id: i.ImageId, tags: i.Tags, name: i.Name }, { region, accountId, partition }),
      permissions: (i) => load.imageLaunchPermissions(region, i.ImageId ?? ''),
      verb: 'may launch it',
      evidenceKey: 'launchPermissions',
    });
  },
});
