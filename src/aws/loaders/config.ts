import type { ConfigurationRecorder, ConfigurationRecorderStatus, DeliveryChannel } from '@aws-sdk/client-config-service';
import { requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} = sdk<typeof import('@aws-sdk/client-config-service')>('@aws-sdk/client-config-service');

registerClient('config', ConfigServiceClient);

// None of the three calls is paginated: a region holds at most one customer-managed recorder
// (plus service-linked ones) and one delivery channel. Each list is always sent, empty when none.

export const configurationRecorders = defineLoader({
  id: 'config.configurationRecorders',
  actions: ['config:DescribeConfigurationRecorders'],
  async fetch({ aws }, region: string): Promise<ConfigurationRecorder[]> {
    const out = await aws.client('config', region).send(new DescribeConfigurationRecordersCommand({}));
    return requireField(out?.ConfigurationRecorders, 'ConfigurationRecorders', 'config:DescribeConfigurationRecorders');
  },
});

export const configurationRecorderStatus = defineLoader({
  id: 'config.configurationRecorderStatus',
  actions: ['config:DescribeConfigurationRecorderStatus'],
  async fetch({ aws }, region: string): Promise<ConfigurationRecorderStatus[]> {
    const out = await aws.client('config', region).send(new DescribeConfigurationRecorderStatusCommand({}));
    const statuses = requireField(
      out?.ConfigurationRecordersStatus,
      'ConfigurationRecordersStatus',
      'config:DescribeConfigurationRecorderStatus',
    );
    // `recording` is the verdict's input: AWS always states it, so its absence is no "stopped".
    for (const s of statuses) requireField(s.recording, 'recording', 'config:DescribeConfigurationRecorderStatus');
    return statuses;
  },
});

export const deliveryChannels = defineLoader({
  id: 'config.deliveryChannels',
  actions: ['config:DescribeDeliveryChannels'],
  async fetch({ aws }, region: string): Promise<DeliveryChannel[]> {
    const out = await aws.client('config', region).send(new DescribeDeliveryChannelsCommand({}));
    return requireField(out?.DeliveryChannels, 'DeliveryChannels', 'config:DescribeDeliveryChannels');
  },
});
