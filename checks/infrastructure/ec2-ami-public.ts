import { publicImages } from '../../src/aws/loaders/ec2.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';
import { ec2Resource } from './support/resources.js';

export default defineCheck({
  id: 'ec2-ami-public',
  title: 'No AMI owned by the account is public',
  risk: 'A public AMI lets any AWS account launch a copy of the image and read what was baked into it: code, keys, configuration.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: {},
  remediation:
    'Remove public launch permissions from the image (ModifyImageAttribute), and turn on block public access for AMIs in the region.',
  loaders: { publicImages },
  async run({ region, accountId, partition, load, result }) {
    let publicOrUnknown = 0;
    for (const image of await load.publicImages(region)) {
      const resource = ec2Resource('image', { id: image.ImageId, tags: image.Tags, name: image.Name }, { region, accountId, partition });
      // The request filters on is-public; the image's own flag is what the verdict rests on.
      if (image.Public !== false) publicOrUnknown++;
      if (image.Public === true) {
        result.fail(
          resource,
          `Image is public: any AWS account can launch it${image.CreationDate ? ` (created ${image.CreationDate})` : ''}.`,
        );
      } else if (image.Public === undefined) {
        result.error(resource, new MalformedResponse('it did not report Public for this image', 'ec2:DescribeImages'));
      }
    }
    if (publicOrUnknown === 0)
      result.pass(scopeResource(region, accountId, partition), `No image this account owns in ${region} is public.`);
  },
});
