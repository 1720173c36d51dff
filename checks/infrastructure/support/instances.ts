import type { Instance } from '@aws-sdk/client-ec2';
import { instances } from '../../../src/aws/loaders/ec2.js';
import type { CheckContext } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';
import { ec2Resource } from './resources.js';

export const instanceLoaders = { instances };

/** States in which an instance is gone or going: nothing about it can be fixed any more. */
const ENDING = new Set(['terminated', 'shutting-down']);

/** The region's live instances (terminated ones linger in DescribeInstances for about an hour), each with its resource. */
export async function liveInstances(ctx: CheckContext<typeof instanceLoaders>): Promise<Array<{ instance: Instance; resource: Resource }>> {
  const all = await ctx.load.instances(ctx.region);
  return all
    .filter((i) => !ENDING.has(i.State?.Name ?? ''))
    .map((instance) => ({ instance, resource: ec2Resource('instance', { id: instance.InstanceId, tags: instance.Tags }, ctx) }));
}
