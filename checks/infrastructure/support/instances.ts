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

export interface MetadataVerdict {
  /** True when IMDSv2 is required (HttpTokens=required). */
  required: boolean;
  message: string;
}

/**
 * IMDSv1 or not, for an instance or a launch configuration (both carry HttpTokens and
 * HttpEndpoint). FSBP EC2.8 and AutoScaling.3 fail any HttpTokens other than "required",
 * endpoint on or off: turning the endpoint back on (one API call) brings IMDSv1 back with it.
 */
export function metadataVerdict(options: { HttpTokens?: string; HttpEndpoint?: string }): MetadataVerdict {
  const tokens = options.HttpTokens;
  if (tokens === 'required') return { required: true, message: 'IMDSv2 is required (HttpTokens=required).' };
  if (options.HttpEndpoint === 'disabled') {
    return {
      required: false,
      message: `IMDSv1 is allowed (HttpTokens=${tokens}); the metadata endpoint is disabled now, but IMDSv1 answers again as soon as it is enabled.`,
    };
  }
  return { required: false, message: `IMDSv1 is allowed (HttpTokens=${tokens}).` };
}
