/** The resources EC2 findings name: stable ids, ARNs, and the Name tag where there is one. */
import type { Tag } from '@aws-sdk/client-ec2';
import { arn } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';

const KINDS = {
  instance: 'AWS::EC2::Instance',
  volume: 'AWS::EC2::Volume',
  snapshot: 'AWS::EC2::Snapshot',
  image: 'AWS::EC2::Image',
  vpc: 'AWS::EC2::VPC',
  'network-acl': 'AWS::EC2::NetworkAcl',
} as const;

export interface Ec2Item {
  id: string | undefined;
  tags?: Tag[];
  /** The owner where the item says (snapshots, images); otherwise the scanned account. */
  ownerId?: string;
  /** A name the item carries besides its Name tag (an AMI's Name). */
  name?: string;
}

export function ec2Resource(
  kind: keyof typeof KINDS,
  item: Ec2Item,
  ctx: { region: string; accountId: string; partition: string },
): Resource {
  const id = item.id ?? 'unknown';
  const name = item.tags?.find((t) => t.Key === 'Name')?.Value ?? item.name;
  // AMIs and snapshots have no account in their ARN: they are addressed by region and id alone.
  const account = kind === 'image' || kind === 'snapshot' ? '' : (item.ownerId ?? ctx.accountId);
  const resource: Resource = { id, type: KINDS[kind], arn: arn(ctx.partition, 'ec2', ctx.region, account, `${kind}/${id}`) };
  if (name) resource.name = name;
  return resource;
}
