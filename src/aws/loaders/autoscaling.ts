import type { AutoScalingGroup, LaunchConfiguration } from '@aws-sdk/client-auto-scaling';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { AutoScalingClient, paginateDescribeAutoScalingGroups, paginateDescribeLaunchConfigurations } =
  sdk<typeof import('@aws-sdk/client-auto-scaling')>('@aws-sdk/client-auto-scaling');

registerClient('autoscaling', AutoScalingClient);

/** Every Auto Scaling group of the region, with how it launches instances (template, configuration or mixed policy). */
export const autoScalingGroups = defineLoader({
  id: 'autoscaling.groups',
  actions: ['autoscaling:DescribeAutoScalingGroups'],
  async fetch({ aws }, region: string): Promise<AutoScalingGroup[]> {
    return listAll(
      'autoscaling:DescribeAutoScalingGroups',
      'AutoScalingGroups',
      'NextToken',
      paginateDescribeAutoScalingGroups({ client: aws.client('autoscaling', region), pageSize: 100 }, {}),
      (p) => p.AutoScalingGroups,
    );
  },
});

/** Every launch configuration of the region (the legacy way to describe what a group launches). */
export const launchConfigurations = defineLoader({
  id: 'autoscaling.launchConfigurations',
  actions: ['autoscaling:DescribeLaunchConfigurations'],
  async fetch({ aws }, region: string): Promise<LaunchConfiguration[]> {
    return listAll(
      'autoscaling:DescribeLaunchConfigurations',
      'LaunchConfigurations',
      'NextToken',
      paginateDescribeLaunchConfigurations({ client: aws.client('autoscaling', region), pageSize: 100 }, {}),
      (p) => p.LaunchConfigurations,
    );
  },
});
