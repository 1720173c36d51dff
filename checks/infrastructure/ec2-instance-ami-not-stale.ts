import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { MalformedResponse } from '../../src/aws/errors.js';
import { imagesById } from '../../src/aws/loaders/ec2.js';
import { defineCheck } from '../../src/engine/check.js';
import { instanceLoaders, liveInstances } from './support/instances.js';

export default defineCheck({
  id: 'ec2-instance-ami-not-stale',
  title: 'Running instances were launched from recent images',
  risk: 'An old image carries old packages: every instance launched or relaunched from it starts with the vulnerabilities fixed since.',
  category: 'infrastructure',
  responsibility: 'patching',
  service: 'ec2',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    'Rebuild the image on a schedule (EC2 Image Builder, or a current AWS base AMI) and roll instances onto it; set amiMaxAgeDays to your rebuild policy.',
  loaders: { ...instanceLoaders, imagesById },
  async run(ctx) {
    const limit = ctx.options.amiMaxAgeDays;
    const running = (await liveInstances(ctx)).filter(({ instance }) => instance.State?.Name === 'running');
    const ids = [...new Set(running.map(({ instance }) => instance.ImageId).filter((id): id is string => !!id))].sort();
    const images = new Map((ids.length ? await ctx.load.imagesById(ctx.region, ids) : []).map((i) => [i.ImageId, i]));
    for (const { instance, resource } of running) {
      const imageId = instance.ImageId;
      if (!imageId) {
        ctx.result.error(resource, new MalformedResponse('it did not report ImageId for this instance', 'ec2:DescribeInstances'));
        continue;
      }
      const image = images.get(imageId);
      if (!image) {
        // A deregistered image is invisible: its date is gone, but it is at least as old as the instance's launch.
        const launched = instance.LaunchTime ? new Date(instance.LaunchTime) : undefined;
        const atLeast = launched ? daysBetween(launched, ctx.now) : undefined;
        ctx.result.fail(
          resource,
          `Its image ${imageId} is deregistered (or no longer visible to this account): its creation date is unknown` +
            (atLeast !== undefined
              ? `, but it is at least ${dayCount(atLeast)} old (the instance was launched ${isoDay(launched!)})`
              : '') +
            ', and the instance cannot be relaunched from it.',
          { severity: atLeast !== undefined && atLeast > limit ? 'medium' : 'low' },
        );
        continue;
      }
      const created = image.CreationDate ? new Date(image.CreationDate) : undefined;
      if (!created || Number.isNaN(created.getTime())) {
        ctx.result.error(resource, new MalformedResponse(`it did not report a CreationDate for image ${imageId}`, 'ec2:DescribeImages'));
        continue;
      }
      const age = daysBetween(created, ctx.now);
      const what = `image ${imageId}${image.Name ? ` (${image.Name})` : ''} was created ${isoDay(created)}, ${dayCount(age)} ago`;
      if (age > limit) ctx.result.fail(resource, `Its ${what}: older than ${limit} days.`);
      else ctx.result.pass(resource, `Its ${what}.`);
    }
  },
});
